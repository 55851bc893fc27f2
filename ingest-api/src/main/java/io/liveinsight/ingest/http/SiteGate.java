package io.liveinsight.ingest.http;

import io.liveinsight.event.site.Site;
import io.liveinsight.event.site.SiteId;
import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.event.site.SiteLimits;
import io.liveinsight.ingest.domain.RejectReason;
import io.liveinsight.ingest.domain.UrlHost;
import io.liveinsight.sites.InMemorySiteDirectory;
import io.liveinsight.sites.SiteDirectory;
import io.liveinsight.sites.SiteDirectory.KeyedSite;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which site a request writes to (docs/contract/sites.md#at-the-edge), decided before any of its events is
 * published: a server key in {@code X-LiveInsight-Key} (no {@code Origin} check); else a write key in the body's
 * envelope ({@code "site"}) or the URL's {@code ?site=} (beacons), whose {@code Origin} host must be one of the
 * site's hostnames, or, without {@code Origin}, each event's {@code page_url} host; else the default site when this
 * edge serves one ({@code DEFAULT_SITE=on}) and it is not disabled. A key is never echoed, kept or logged here.
 */
public final class SiteGate {

    /** The server key's header, as the contract spells it. */
    public static final String KEY_HEADER = "X-LiveInsight-Key";

    /** The URL parameter a beacon carries the write key in. */
    public static final String QUERY_PARAMETER = "site";

    static final String MISSING = "site key missing: send the site's write key in \"site\" or X-LiveInsight-Key";

    /**
     * The default site while the registry has no item for it (docs/contract/sites.md#the-default-site): the default
     * limits, no hostnames (browsers send to it from {@code ALLOWED_ORIGINS}).
     */
    static final Site IMPLICIT_DEFAULT = new Site(
            SiteId.DEFAULT, SiteId.DEFAULT, List.of(), null, null, null, true, SiteLimits.DEFAULTS, Set.of(), "UTC");

    private final SiteDirectory sites;
    private final boolean defaultSite;
    private final CorsPolicy cors;

    /**
     * @param sites the registry (cached: {@code CachingSiteDirectory})
     * @param defaultSite whether requests without a key go to the default site ({@code DEFAULT_SITE=on})
     * @param cors the edge's allowlist ({@code ALLOWED_ORIGINS}): where default-site browsers may send from
     */
    public SiteGate(SiteDirectory sites, boolean defaultSite, CorsPolicy cors) {
        this.sites = sites;
        this.defaultSite = defaultSite;
        this.cors = cors;
    }

    /**
     * An edge without a registry: every request without a key is the default site's (the edge's own CORS check
     * having let it in), every key is unknown. What the edge was before sites; tests of other rules use it.
     */
    public static SiteGate defaultOnly() {
        return new SiteGate(new InMemorySiteDirectory(), true, CorsPolicy.of(List.of("*")));
    }

    /** What the key, the origin and the registry make of a request. */
    public sealed interface Decision {

        /**
         * The request writes to {@code site}.
         *
         * @param checkPageHosts a write key without {@code Origin}: each event's {@code page_url} host must be the
         *     site's, or that event is rejected ({@code host_not_allowed})
         * @param limits the site's limits (the default site without a registry item: the default limits)
         * @param echoOrigin the {@code Origin} the site allowed and the answer echoes (CORS), null when none
         */
        record Accepted(Site site, boolean checkPageHosts, SiteLimits limits, String echoOrigin) implements Decision {}

        /** Nothing of the request is published. */
        record Refused(int status, RejectReason reason, String message) implements Decision {}
    }

    /**
     * @param envelopeKey the body envelope's {@code "site"}, null when it has none
     */
    public Decision check(IngestRequest request, String envelopeKey) {
        try {
            String header = request.header("x-liveinsight-key");
            if (header != null) {
                return keyed(header.strip(), request.header("origin"), true);
            }
            String key = envelopeKey != null ? envelopeKey : request.query(QUERY_PARAMETER);
            if (key != null) {
                return keyed(key.strip(), request.header("origin"), false);
            }
            return unkeyed(request.header("origin"));
        } catch (RuntimeException e) { // the registry's failure (the cache had nothing): one answer, no retry here
            return new Decision.Refused(
                    503, RejectReason.SITE_REGISTRY_UNAVAILABLE, "the site registry is not answering; resend later");
        }
    }

    private Decision keyed(String key, String origin, boolean fromHeader) {
        SiteKeys.Kind kind = SiteKeys.kind(key);
        boolean usable = kind == SiteKeys.Kind.WRITE || (fromHeader && kind == SiteKeys.Kind.SERVER);
        if (!usable) { // not a key, a read token, or a server key where pages put theirs: no lookup at all
            return unknown();
        }
        Optional<KeyedSite> found = sites.byKey(key);
        if (found.isEmpty() || found.get().kind() != kind) {
            return unknown();
        }
        Site site = found.get().site();
        if (!site.active()) {
            return new Decision.Refused(403, RejectReason.SITE_DISABLED, "site disabled");
        }
        if (kind == SiteKeys.Kind.SERVER) {
            return new Decision.Accepted(site, false, site.limits(), null);
        }
        if (origin == null) {
            return new Decision.Accepted(site, true, site.limits(), null);
        }
        return site.allowsHost(UrlHost.of(origin))
                ? new Decision.Accepted(site, false, site.limits(), origin)
                : new Decision.Refused(403, RejectReason.ORIGIN_NOT_ALLOWED, "origin not allowed for this site");
    }

    private Decision unkeyed(String origin) {
        if (!defaultSite) {
            return new Decision.Refused(401, RejectReason.SITE_KEY_MISSING, MISSING);
        }
        Optional<Site> registered = sites.byId(SiteId.DEFAULT);
        Site site = registered.orElse(IMPLICIT_DEFAULT);
        if (!site.active()) {
            return new Decision.Refused(403, RejectReason.SITE_DISABLED, "site disabled");
        }
        if (origin == null || cors.allowsListed(origin)) {
            return new Decision.Accepted(site, false, site.limits(), null); // a listed origin: the edge echoes it
        }
        if (!site.allowsHost(UrlHost.of(origin))) {
            return new Decision.Refused(403, RejectReason.ORIGIN_NOT_ALLOWED, "origin not allowed for this site");
        }
        return new Decision.Accepted(site, false, site.limits(), origin);
    }

    private static Decision unknown() {
        return new Decision.Refused(401, RejectReason.SITE_KEY_UNKNOWN, "site key unknown");
    }
}
