package io.liveinsight.processor.pipeline;

import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.event.traffic.TrafficSource;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.domain.stats.StatsRules;
import io.liveinsight.processor.domain.stats.Touch;
import java.net.URI;
import java.util.Locale;

/** How the rollups count, from the configuration. */
final class StatsSetup {

    /**
     * Longest breakdown key kept, in characters (code points): a page, an entry page, a referring host. A client
     * may send 2,048 (docs/contract/events.md#limits); a hundred such keys make an hour item of ~140 KB, 139 write
     * units a batch, and in astral characters past DynamoDB's 400 KB.
     */
    static final int MAX_KEY_CHARS = 200;

    private StatsSetup() {}

    static StatsRules rules(ProcessorConfig config) {
        Touch.Reader touches = (referrer, pageUrl, userAgent) -> {
            TrafficSource source = TrafficSource.of(referrer, pageUrl);
            return new Touch(
                    cut(source.source()),
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
            return cut((host.startsWith("www.") ? host.substring(4) : host) + path);
        } catch (IllegalArgumentException e) {
            return cut(pageUrl);
        }
    }

    /**
     * The first {@link #MAX_KEY_CHARS} code points: never half of an astral character, which the rollup's JSON
     * would write as a lone escaped surrogate that no reader can parse (the item could never be read again).
     */
    static String cut(String key) {
        if (key == null || key.length() <= MAX_KEY_CHARS) {
            return key;
        }
        int codePoints = key.codePointCount(0, key.length());
        return codePoints <= MAX_KEY_CHARS ? key : key.substring(0, key.offsetByCodePoints(0, MAX_KEY_CHARS));
    }
}
