package io.liveinsight.processor.pipeline;

import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.event.traffic.TrafficSource;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.domain.stats.BreakdownKeys;
import io.liveinsight.processor.domain.stats.StatsRules;
import io.liveinsight.processor.domain.stats.Touch;
import java.net.URI;
import java.util.Locale;

/** How the rollups count, from the configuration. */
final class StatsSetup {

    private StatsSetup() {}

    static StatsRules rules(ProcessorConfig config) {
        Touch.Reader touches = (referrer, pageUrl, userAgent) -> {
            TrafficSource source = TrafficSource.of(referrer, pageUrl);
            return new Touch(
                    BreakdownKeys.cut(source.source()),
                    source.channel().name().toLowerCase(Locale.ROOT),
                    source.campaign().name(),
                    "Unknown",
                    "Unknown",
                    "unknown");
        };
        return new StatsRules(StatsKey.DEFAULT_SITE, config.conversionTypes(), touches, StatsSetup::pageKey);
    }

    static String pageKey(String pageUrl) {
        if (pageUrl == null) {
            return null;
        }
        try {
            URI uri = URI.create(pageUrl);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return BreakdownKeys.cut((host.startsWith("www.") ? host.substring(4) : host) + path);
        } catch (IllegalArgumentException e) {
            return BreakdownKeys.cut(pageUrl);
        }
    }
}
