package io.liveinsight.ingest.testing;

import io.liveinsight.event.site.Site;
import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.event.site.SiteLimits;
import io.liveinsight.sites.SiteDirectory;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/** Sites and keys for tests: seeded keys, so a failing test names the same ones every time. */
public final class Sites {

    private static final Random RANDOM = new Random(17);

    private Sites() {}

    public static String key(SiteKeys.Kind kind) {
        synchronized (RANDOM) {
            return SiteKeys.newKey(kind, RANDOM);
        }
    }

    public static Site site(String id, SiteLimits limits, String writeKey, String... hostnames) {
        return new Site(id, id, List.of(hostnames), writeKey, null, null, true, limits, Set.of(), "UTC");
    }

    /** A registry that does not answer (DynamoDB down). */
    public static final class Down implements SiteDirectory {
        public int calls;

        @Override
        public Optional<KeyedSite> byKey(String key) {
            calls++;
            throw new IllegalStateException("registry down");
        }

        @Override
        public Optional<Site> byId(String siteId) {
            calls++;
            throw new IllegalStateException("registry down");
        }

        @Override
        public List<Site> all() {
            calls++;
            throw new IllegalStateException("registry down");
        }
    }
}
