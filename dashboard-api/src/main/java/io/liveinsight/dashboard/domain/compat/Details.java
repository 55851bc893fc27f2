package io.liveinsight.dashboard.domain.compat;

import io.liveinsight.event.stats.RecentEvent;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/** What the three details routes share: the hour-of-day distribution and the latest matching events. */
public final class Details {

    private static final Comparator<RecentEvent> NEWEST_FIRST =
            Comparator.comparingLong(RecentEvent::timestamp).reversed().thenComparing(RecentEvent::eventId);

    private Details() {}

    /**
     * A figure of each HOUR item added up by the local time of day its hour starts at ({@code "HH:mm"}, sorted), as
     * the original's {@code hourly_distribution} ({@code "HH:00"} keys summed over the days of the window). Every
     * label the window's hours have is present, zeros too. A UTC hour starts at {@code HH:30} in a zone with a
     * half-hour offset, and that is its label.
     *
     * @param hourItems HOUR items by key; those absent count zero
     */
    public static Map<String, Long> byHourOfDay(
            List<StatsKey> hourKeys, Map<StatsKey, Rollup> hourItems, ZoneId zone, ToLongFunction<Rollup> figure) {
        Map<String, Long> distribution = new TreeMap<>();
        for (StatsKey key : hourKeys) {
            String label = TrafficSlots.label(key.bucketStart() * 1000, zone);
            long count = figure.applyAsLong(hourItems.getOrDefault(key, Rollup.EMPTY));
            distribution.merge(label, count, Long::sum);
        }
        return distribution;
    }

    /** The newest {@code limit} events of the items' latest events that pass {@code filter}, each once. */
    public static List<RecentEvent> recent(Collection<Rollup> items, Predicate<RecentEvent> filter, int limit) {
        List<RecentEvent> matching = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Rollup item : items) {
            for (RecentEvent event : item.recent()) {
                if (filter.test(event) && seen.add(event.eventId())) {
                    matching.add(event);
                }
            }
        }
        matching.sort(NEWEST_FIRST);
        return List.copyOf(matching.subList(0, Math.min(limit, matching.size())));
    }
}
