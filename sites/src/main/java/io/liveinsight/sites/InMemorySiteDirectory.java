package io.liveinsight.sites;

import io.liveinsight.event.site.Site;
import io.liveinsight.event.site.SiteKeys;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A registry in memory: the sites and their key digests, for tests and fakes of the port. */
public final class InMemorySiteDirectory implements SiteDirectory {

    private final Map<String, Site> sites = new ConcurrentHashMap<>();
    private final Map<String, KeyRef> keys = new ConcurrentHashMap<>();

    private record KeyRef(String siteId, SiteKeys.Kind kind) {}

    /** Puts a site and the keys given (null for a kind it has none of), replacing the site's earlier keys. */
    public InMemorySiteDirectory put(Site site, String writeKey, String serverKey, String readToken) {
        keys.values().removeIf(ref -> ref.siteId().equals(site.id()));
        sites.put(site.id(), site);
        key(site, writeKey, SiteKeys.Kind.WRITE);
        key(site, serverKey, SiteKeys.Kind.SERVER);
        key(site, readToken, SiteKeys.Kind.READ);
        return this;
    }

    private void key(Site site, String key, SiteKeys.Kind kind) {
        if (key != null) {
            keys.put(SiteKeys.sha256(key), new KeyRef(site.id(), kind));
        }
    }

    @Override
    public Optional<KeyedSite> byKey(String key) {
        KeyRef ref = key == null ? null : keys.get(SiteKeys.sha256(key));
        if (ref == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(sites.get(ref.siteId())).map(site -> new KeyedSite(site, ref.kind()));
    }

    @Override
    public Optional<Site> byId(String siteId) {
        return Optional.ofNullable(sites.get(siteId));
    }

    @Override
    public List<Site> all() {
        return sites.values().stream().sorted(Comparator.comparing(Site::id)).toList();
    }
}
