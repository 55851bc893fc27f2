package io.liveinsight.dashboard.adapter.dynamodb;

import io.liveinsight.event.site.Site;
import io.liveinsight.sites.SiteDirectory;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The registry as the dashboard reads it: the DynamoDB directory's SDK failures become the dashboard's one "the tables
 * are not answering" (a 503 the page retries), translated here as every other read of the tables is. The key looked
 * up never appears in a message.
 */
public final class SiteDirectoryReads implements SiteDirectory {

    private final SiteDirectory directory;
    private final String table;

    public SiteDirectoryReads(SiteDirectory directory, String table) {
        this.directory = directory;
        this.table = table;
    }

    @Override
    public Optional<KeyedSite> byKey(String key) {
        return call("get " + table + " key", () -> directory.byKey(key));
    }

    @Override
    public Optional<Site> byId(String siteId) {
        return call("get " + table + " site", () -> directory.byId(siteId));
    }

    @Override
    public List<Site> all() {
        return call("scan " + table, directory::all);
    }

    private static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable(what, e);
        }
    }
}
