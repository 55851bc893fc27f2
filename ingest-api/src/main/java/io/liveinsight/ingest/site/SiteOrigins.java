package io.liveinsight.ingest.site;

import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.ingest.domain.UrlHost;
import io.liveinsight.ingest.http.IngestRequest;
import io.liveinsight.sites.SiteDirectory;
import java.util.function.Predicate;

/**
 * Whether a CORS preflight's origin is a hostname of the active site whose write key is in its URL ({@code ?site=}:
 * docs/contract/sites.md#at-the-edge). A preflight carries no body, and the edge cannot list the registry (no Scan),
 * so the URL's key is the only site a preflight can name; a registry that does not answer allows nothing.
 */
public final class SiteOrigins implements Predicate<IngestRequest> {

    private final SiteDirectory sites;

    public SiteOrigins(SiteDirectory sites) {
        this.sites = sites;
    }

    @Override
    public boolean test(IngestRequest request) {
        String key = request.query("site");
        if (SiteKeys.kind(key) != SiteKeys.Kind.WRITE) {
            return false;
        }
        try {
            String host = UrlHost.of(request.header("origin"));
            return sites.byKey(key)
                    .filter(found -> found.kind() == SiteKeys.Kind.WRITE)
                    .map(SiteDirectory.KeyedSite::site)
                    .filter(site -> site.active() && site.allowsHost(host))
                    .isPresent();
        } catch (RuntimeException e) { // the registry is down and nothing is cached: refuse the preflight
            return false;
        }
    }
}
