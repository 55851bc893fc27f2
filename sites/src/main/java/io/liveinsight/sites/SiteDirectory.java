package io.liveinsight.sites;

import io.liveinsight.event.site.Site;
import io.liveinsight.event.site.SiteKeys;
import java.util.List;
import java.util.Optional;

/**
 * What the edge and the dashboard read of the registry (docs/contract/sites.md#registry). Implementations: the
 * DynamoDB registry, an in-memory one for tests and fakes, and a caching wrapper for the edge.
 */
public interface SiteDirectory {

    /** A site found by one of its keys, and which of its keys that was. */
    record KeyedSite(Site site, SiteKeys.Kind kind) {}

    /** The site {@code key} belongs to; empty when no site has it (a rotated key included). */
    Optional<KeyedSite> byKey(String key);

    /** The site with this id, active or not. */
    Optional<Site> byId(String siteId);

    /** Every site, by id. */
    List<Site> all();
}
