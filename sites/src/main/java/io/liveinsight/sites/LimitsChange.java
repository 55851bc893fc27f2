package io.liveinsight.sites;

import io.liveinsight.event.site.SiteLimits;

/**
 * Some of a site's limits (docs/contract/sites.md#limits), the others left as they are: null leaves a value alone.
 * {@link #applyTo} checks the result ({@link SiteLimits}' rules).
 */
public record LimitsChange(
        Integer siteEventsPerSecond,
        Integer siteBurst,
        Integer clientEventsPerSecond,
        Integer clientBurst,
        Integer sessionEventsPerSecond,
        Integer sessionBurst) {

    public static final LimitsChange NONE = new LimitsChange(null, null, null, null, null, null);

    public boolean isEmpty() {
        return equals(NONE);
    }

    public SiteLimits applyTo(SiteLimits limits) {
        return new SiteLimits(
                or(siteEventsPerSecond, limits.siteEventsPerSecond()),
                or(siteBurst, limits.siteBurst()),
                or(clientEventsPerSecond, limits.clientEventsPerSecond()),
                or(clientBurst, limits.clientBurst()),
                or(sessionEventsPerSecond, limits.sessionEventsPerSecond()),
                or(sessionBurst, limits.sessionBurst()));
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
