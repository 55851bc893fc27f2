package io.liveinsight.dashboard.adapter.dynamodb;

import io.liveinsight.sites.SiteDirectory;
import io.liveinsight.sites.dynamodb.DynamoDbSiteDirectory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Sites table as the dashboard's registry (docs/contract/sites.md#registry), its failures translated
 * ({@link SiteDirectoryReads}).
 */
public final class SiteRegistry {

    private SiteRegistry() {}

    public static SiteDirectory open(DynamoDbClient dynamoDb, String sitesTable) {
        return new SiteDirectoryReads(new DynamoDbSiteDirectory(dynamoDb, sitesTable), sitesTable);
    }
}
