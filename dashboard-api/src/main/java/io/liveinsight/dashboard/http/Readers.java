package io.liveinsight.dashboard.http;

import io.liveinsight.dashboard.domain.SiteAccess;
import io.liveinsight.event.site.Site;
import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.sites.SiteDirectory;
import io.liveinsight.sites.SiteDirectory.KeyedSite;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who may read which sites (docs/contract/sites.md#dashboard), from a request's {@code Authorization: Bearer <token>}:
 *
 * <ul>
 *   <li>no {@code DASHBOARD_TOKEN} configured (local development): every site, whatever is sent;
 *   <li>the {@code DASHBOARD_TOKEN} (compared in constant time): every site;
 *   <li>a site's read token ({@code li_read_...}, found in the registry by its SHA-256, of kind read, and equal in
 *       constant time to the site's {@code read_token_sha256}, so a key item a rotation left behind opens nothing):
 *       that site only, while it is active;
 *   <li>anything else (no token, a write or server key, a rotated or unknown token): 401.
 * </ul>
 *
 * <p>Only text shaped as a read token is looked up, so garbage costs the registry nothing. What a token finds is kept
 * {@link #CACHE_AGE} by its SHA-256 (never the token itself), at most {@link #CACHE_SIZE} tokens, so a page polling
 * every few seconds costs the registry two reads every 30 s, and a rotation, a disable or a new token reaches this
 * container within 30 s, as it reaches the edge ({@code SITE_CACHE_SECONDS}). Thread-safe.
 */
final class Readers {

    static final Duration CACHE_AGE = Duration.ofSeconds(30);
    static final int CACHE_SIZE = 1024;

    /** What a request may read, or why not. */
    sealed interface Decision permits Granted, Refused {}

    /**
     * @param site the site of the read token presented, or null for the deployment's token (or none needed)
     */
    record Granted(SiteAccess access, Site site) implements Decision {}

    record Refused(int status, String error) implements Decision {}

    static final Refused UNAUTHORIZED = new Refused(401, "a valid bearer token is required");
    static final Refused DISABLED = new Refused(403, "site disabled");

    private record Found(Optional<KeyedSite> site, long at) {}

    private final BearerToken deployment;
    private final SiteDirectory directory;
    private final Clock clock;
    private final Map<String, Found> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Found> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /**
     * @param deploymentToken {@code DASHBOARD_TOKEN}, or null: every site is open
     */
    Readers(String deploymentToken, SiteDirectory directory, Clock clock) {
        this.deployment = deploymentToken == null ? null : new BearerToken(deploymentToken);
        this.directory = directory;
        this.clock = clock;
    }

    boolean open() {
        return deployment == null;
    }

    Decision decide(String authorization) {
        if (deployment == null || deployment.matches(authorization)) {
            return new Granted(SiteAccess.EVERY_SITE, null);
        }
        String presented = BearerToken.presented(authorization);
        if (SiteKeys.kind(presented) != SiteKeys.Kind.READ) {
            return UNAUTHORIZED;
        }
        String digest = SiteKeys.sha256(presented);
        Optional<KeyedSite> found = lookUp(presented, digest);
        if (found.isEmpty()
                || found.get().kind() != SiteKeys.Kind.READ
                || !SiteKeys.sameDigest(digest, found.get().site().readTokenSha256())) {
            return UNAUTHORIZED;
        }
        Site site = found.get().site();
        return site.active() ? new Granted(SiteAccess.only(site.id()), site) : DISABLED;
    }

    private Optional<KeyedSite> lookUp(String token, String digest) {
        long now = clock.millis();
        synchronized (cache) {
            Found cached = cache.get(digest);
            if (cached != null && now - cached.at() < CACHE_AGE.toMillis() && now >= cached.at()) {
                return cached.site();
            }
        }
        // read outside the lock: one slow registry read does not hold every other request
        Optional<KeyedSite> site = directory.byKey(token);
        synchronized (cache) {
            cache.put(digest, new Found(site, now));
        }
        return site;
    }
}
