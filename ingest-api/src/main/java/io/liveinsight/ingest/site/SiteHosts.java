package io.liveinsight.ingest.site;

import io.liveinsight.event.site.Site;
import io.liveinsight.sites.SiteDirectory;
import java.util.function.Predicate;

/**
 * Whether a host is one of an active site's hostnames: what a CORS preflight is allowed on, since it cannot carry the
 * site's key (docs/contract/sites.md#at-the-edge). Reads {@link SiteDirectory#all} (cached by the edge); a registry
 * that does not answer allows no host.
 */
public final class SiteHosts implements Predicate<String> {

    private final SiteDirectory sites;

    public SiteHosts(SiteDirectory sites) {
        this.sites = sites;
    }

    @Override
    public boolean test(String host) {
        try {
            for (Site site : sites.all()) {
                if (site.active() && site.allowsHost(host)) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) { // the registry is down and nothing is cached: refuse, never fail the request
            return false;
        }
    }
}
