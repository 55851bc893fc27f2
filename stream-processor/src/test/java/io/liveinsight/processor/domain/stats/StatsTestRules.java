package io.liveinsight.processor.domain.stats;

import io.liveinsight.event.traffic.PageKey;
import io.liveinsight.event.traffic.TrafficSource;
import java.util.Locale;
import java.util.Set;

/**
 * The rules the rollup tests count with: the default site, three conversion types, first touches read by the
 * event model's traffic rules (browser, OS and device from a stand-in for the user-agent parser), and page keys as
 * production keys them (event-model {@code traffic.PageKey}: host and path, {@code (none)} for no URL).
 */
public final class StatsTestRules {

    public static final Set<String> CONVERSIONS = Set.of("conversion", "purchase", "signup");

    private StatsTestRules() {}

    public static StatsRules rules() {
        return rules(CONVERSIONS);
    }

    public static StatsRules rules(Set<String> conversions) {
        return new StatsRules(conversions, StatsTestRules::touch, StatsTestRules::page);
    }

    public static Touch touch(String referrer, String pageUrl, String userAgent) {
        TrafficSource source = TrafficSource.of(referrer, pageUrl);
        boolean phone = userAgent != null && userAgent.contains("Mobile");
        return new Touch(
                source.source(),
                source.channel().name().toLowerCase(Locale.ROOT),
                source.campaign().name(),
                userAgent == null ? "Unknown" : userAgent.contains("Firefox") ? "Firefox" : "Chrome",
                phone ? "Android" : "Windows",
                phone ? "phone" : "desktop");
    }

    /** {@code https://shop.example/a?x=1} -> {@code shop.example/a}; no URL -> {@code (none)}. */
    public static String page(String pageUrl) {
        return PageKey.of(pageUrl);
    }
}
