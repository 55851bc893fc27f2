package io.liveinsight.dashboard.domain.compat;

import io.liveinsight.event.Event;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.RecentEvent;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * One referrer bucket's (or source's) visits over a window of HOUR items: sessions started from it and their
 * hour-of-day distribution from the items' source breakdowns, and its latest page views among the items' latest
 * events.
 */
public record ReferrerDetails(
        ReferrerFilter referrer, long totalSessions, List<RecentEvent> recent, Map<String, Long> distribution) {

    /** Latest visits listed, as the original. */
    public static final int RECENT = 10;

    public static ReferrerDetails of(
            ReferrerFilter referrer, List<StatsKey> hourKeys, Map<StatsKey, Rollup> items, ZoneId zone) {
        Map<String, Long> distribution = Details.byHourOfDay(hourKeys, items, zone, item -> sessions(item, referrer));
        long total = distribution.values().stream().mapToLong(Long::longValue).sum();
        List<RecentEvent> recent = Details.recent(
                hourKeys.stream()
                        .map(key -> items.getOrDefault(key, Rollup.EMPTY))
                        .toList(),
                event -> event.eventType().equals(Event.PAGE_VIEW) && referrer.matches(event.source()),
                RECENT);
        return new ReferrerDetails(referrer, total, recent, distribution);
    }

    private static long sessions(Rollup item, ReferrerFilter referrer) {
        long sum = 0;
        for (Map.Entry<String, Long> source : item.breakdown(Dimension.SOURCE).entrySet()) {
            if (referrer.matches(source.getKey())) {
                sum += source.getValue();
            }
        }
        return sum;
    }
}
