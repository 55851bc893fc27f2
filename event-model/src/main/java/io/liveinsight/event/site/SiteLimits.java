package io.liveinsight.event.site;

/**
 * A site's rate limits (docs/contract/sites.md#limits), in events per second with a burst (the bucket's size). The
 * client and session limits hold per edge instance; the site's is shared by every instance.
 */
public record SiteLimits(
        int siteEventsPerSecond,
        int siteBurst,
        int clientEventsPerSecond,
        int clientBurst,
        int sessionEventsPerSecond,
        int sessionBurst) {

    public static final SiteLimits DEFAULTS = new SiteLimits(500, 1_000, 20, 200, 10, 100);

    public SiteLimits {
        positive("site_events_per_s", siteEventsPerSecond);
        positive("client_events_per_s", clientEventsPerSecond);
        positive("session_events_per_s", sessionEventsPerSecond);
        atLeast("site_burst", siteBurst, 1);
        atLeast("client_burst", clientBurst, 1);
        atLeast("session_burst", sessionBurst, 1);
    }

    private static void positive(String name, int value) {
        atLeast(name, value, 1);
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + " (is " + value + ")");
        }
    }
}
