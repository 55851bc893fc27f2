package io.liveinsight.ingest.handler;

import io.liveinsight.ingest.adapter.dynamodb.DynamoDbBudgetLeases;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.ingest.port.BudgetLeases;
import io.liveinsight.sites.InMemorySiteDirectory;
import io.liveinsight.sites.SiteDirectory;
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
     * The Lambda's: leases on the Sites table through a URL-connection DynamoDB client (endpoint overrides from the
     * SDK's own {@code AWS_ENDPOINT_URL_DYNAMODB} / {@code AWS_ENDPOINT_URL}).
     *
     * <p>The registry's DynamoDB adapter ({@code io.liveinsight.sites.DynamoDbSiteDirectory}) is written in the sites
     * module on another branch; until it is merged, this edge has an empty registry: every key is unknown (401) and
     * only the default site is served (when {@code DEFAULT_SITE=on}). The application says so at start-up.
     */
    public static EdgeSites fromConfig(IngestConfig config) {
        DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(config.region()))
                .build();
        return new EdgeSites(
                new InMemorySiteDirectory(),
                new DynamoDbBudgetLeases(dynamoDb, config.sites().sitesTable()),
                true);
    }

    /** Whether this edge has a real registry (the in-memory one of {@link #fromConfig} is empty). */
    boolean emptyRegistry() {
        return directory instanceof InMemorySiteDirectory memory && memory.all().isEmpty();
    }
}
