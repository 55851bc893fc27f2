package io.liveinsight.ingest.config;

import io.liveinsight.event.TableNames;
import java.time.Duration;
import java.util.Objects;

/**
 * The edge's settings for sites and limits (docs/contract/sites.md#at-the-edge, #limits).
 *
 * @param defaultSite requests without a key go to the default site ({@code DEFAULT_SITE=on}; off by default, on in
 *     the local stack); off, they are 401 {@code site_key_missing}
 * @param sitesTable the Sites table ({@code SITES_TABLE_NAME}, else {@code <TABLE_PREFIX>-Sites}): the registry and
 *     the shared budgets' leases
 * @param cacheAge how long the edge keeps what it read of the registry ({@code SITE_CACHE_SECONDS}, 30)
 * @param deploymentEventsPerSecond the deployment's ceiling ({@code DEPLOYMENT_EVENTS_PER_S}, 5,000)
 * @param deploymentBurst its burst ({@code DEPLOYMENT_BURST}, 10,000)
 */
public record SiteSettings(
        boolean defaultSite, String sitesTable, Duration cacheAge, int deploymentEventsPerSecond, int deploymentBurst) {

    public static final Duration DEFAULT_CACHE_AGE = Duration.ofSeconds(30);
    public static final int DEFAULT_DEPLOYMENT_EVENTS_PER_S = 5_000;
    public static final int DEFAULT_DEPLOYMENT_BURST = 10_000;

    /** AWS's defaults: no default site, the default table, the contract's ceiling. */
    public static final SiteSettings DEFAULTS = new SiteSettings(
            false,
            TableNames.defaults().sites(),
            DEFAULT_CACHE_AGE,
            DEFAULT_DEPLOYMENT_EVENTS_PER_S,
            DEFAULT_DEPLOYMENT_BURST);

    public SiteSettings {
        Objects.requireNonNull(sitesTable);
        if (sitesTable.isBlank()) {
            throw new IllegalArgumentException("SITES_TABLE_NAME must not be blank");
        }
        if (cacheAge.isNegative() || cacheAge.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("SITE_CACHE_SECONDS must be 0 to 600");
        }
        if (deploymentEventsPerSecond < 1 || deploymentBurst < 1) {
            throw new IllegalArgumentException("DEPLOYMENT_EVENTS_PER_S and DEPLOYMENT_BURST must be at least 1");
        }
    }

    public SiteSettings withDefaultSite(boolean on) {
        return new SiteSettings(on, sitesTable, cacheAge, deploymentEventsPerSecond, deploymentBurst);
    }

    public SiteSettings withDeploymentLimit(int eventsPerSecond, int burst) {
        return new SiteSettings(defaultSite, sitesTable, cacheAge, eventsPerSecond, burst);
    }

    public SiteSettings withSitesTable(String table) {
        return new SiteSettings(defaultSite, table, cacheAge, deploymentEventsPerSecond, deploymentBurst);
    }
}
