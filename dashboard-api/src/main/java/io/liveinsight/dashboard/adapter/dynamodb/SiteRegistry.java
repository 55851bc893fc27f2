package io.liveinsight.dashboard.adapter.dynamodb;

import io.liveinsight.sites.InMemorySiteDirectory;
import io.liveinsight.sites.SiteDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Sites table as the dashboard's registry (docs/contract/sites.md#registry), its failures translated
 * ({@link SiteDirectoryReads}).
 *
 * <p>The DynamoDB directory ({@code io.liveinsight.sites.dynamodb.DynamoDbSiteDirectory(DynamoDbClient, String)}) is
 * written on another branch of issue 17 at the same time as this one: until both are merged it is built by name, and
 * without it the dashboard runs with an empty registry (its own token reads every site; no read token opens anything)
 * and says so at start-up. Once merged, {@link #open} becomes a plain {@code new}.
 */
public final class SiteRegistry {

    static final String DIRECTORY = "io.liveinsight.sites.dynamodb.DynamoDbSiteDirectory";

    private static final Logger LOG = LoggerFactory.getLogger(SiteRegistry.class);

    private SiteRegistry() {}

    public static SiteDirectory open(DynamoDbClient dynamoDb, String sitesTable) {
        SiteDirectory directory;
        try {
            directory = (SiteDirectory) Class.forName(DIRECTORY)
                    .getConstructor(DynamoDbClient.class, String.class)
                    .newInstance(dynamoDb, sitesTable);
        } catch (ClassNotFoundException e) {
            LOG.warn("WARNING no DynamoDB site registry in this build: site read tokens open nothing and /api/sites"
                    + " lists no site (DASHBOARD_TOKEN still reads every site)");
            directory = new InMemorySiteDirectory();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot build " + DIRECTORY, e);
        }
        return new SiteDirectoryReads(directory, sitesTable);
    }
}
