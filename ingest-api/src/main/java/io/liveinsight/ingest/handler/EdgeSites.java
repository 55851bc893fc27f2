package io.liveinsight.ingest.handler;

import io.liveinsight.ingest.adapter.dynamodb.DynamoDbBudgetLeases;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.ingest.port.BudgetLeases;
import io.liveinsight.sites.InMemorySiteDirectory;
import io.liveinsight.sites.SiteDirectory;
import io.liveinsight.sites.dynamodb.DynamoDbSiteDirectory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What an edge reads of sites (docs/contract/sites.md#at-the-edge): the registry and the shared budgets' store.
 *
 * @param directory the registry, uncached (the application caches it)
 * @param leases the shared budgets; null: no limits
 * @param enabled false: the edge as it was before sites (every request the default site's, no limit), for tests and
 *     benchmarks of other paths
 */
public record EdgeSites(SiteDirectory directory, BudgetLeases leases, boolean enabled) {

    /** The edge before sites. */
    public static final EdgeSites NONE = new EdgeSites(new InMemorySiteDirectory(), null, false);

    public EdgeSites(SiteDirectory directory, BudgetLeases leases) {
        this(directory, leases, true);
    }

    /**
     * The Lambda's: the registry ({@link DynamoDbSiteDirectory}) and the leases on the Sites table, through one
     * URL-connection DynamoDB client (endpoint overrides from the SDK's own {@code AWS_ENDPOINT_URL_DYNAMODB} /
     * {@code AWS_ENDPOINT_URL}).
     */
    public static EdgeSites fromConfig(IngestConfig config) {
        DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(config.region()))
                .build();
        String table = config.sites().sitesTable();
        return new EdgeSites(new DynamoDbSiteDirectory(dynamoDb, table), new DynamoDbBudgetLeases(dynamoDb, table));
    }
}
