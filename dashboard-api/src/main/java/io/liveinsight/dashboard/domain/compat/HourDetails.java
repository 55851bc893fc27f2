package io.liveinsight.dashboard.domain.compat;

import io.liveinsight.event.stats.RecentEvent;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One point of the traffic chart in detail: the 5 minutes starting at a local {@code HH:mm} (the chart's label), the
 * latest time it began at or before now. Its events (MINUTE items), its latest events (the HOUR items' latest, so
 * only those among each hour's latest {@link Rollup#MAX_RECENT}), and the events of its local clock hour per 5
 * minutes.
 *
 * @param distribution the clock hour holding the slot, per 5 minutes ({@code "HH:mm"} to events, in time order)
 */
public record HourDetails(
        long startMillis, long totalEvents, List<RecentEvent> recent, Map<String, Long> distribution) {

    /** Latest events listed, as the original. */
    public static final int RECENT = 20;

    /**
     * The latest instant at or before {@code nowMillis} whose local time in {@code zone} is {@code time}: today's,
     * else yesterday's (a time skipped by a daylight-saving gap is looked for a day earlier; a time that occurs twice
     * takes its later occurrence that is not in the future).
     */
    public static long slotStart(LocalTime time, ZoneId zone, long nowMillis) {
        LocalDate today = Instant.ofEpochMilli(nowMillis).atZone(zone).toLocalDate();
        long best = Long.MIN_VALUE;
        for (int daysBack = 0; daysBack <= 2 && best == Long.MIN_VALUE; daysBack++) {
            LocalDateTime local = LocalDateTime.of(today.minusDays(daysBack), time);
            for (ZoneOffset offset : zone.getRules().getValidOffsets(local)) {
                long candidate = local.toInstant(offset).toEpochMilli();
                if (candidate <= nowMillis && candidate > best) {
                    best = candidate;
                }
            }
        }
        return best;
    }

    public static Window slot(long startMillis) {
        return new Window(startMillis, startMillis + TrafficSlots.SLOT);
    }

    /** The local clock hour holding {@code startMillis}. */
    public static Window clockHour(long startMillis, ZoneId zone) {
        long hour = Instant.ofEpochMilli(startMillis)
                .atZone(zone)
                .truncatedTo(ChronoUnit.HOURS)
                .toInstant()
                .toEpochMilli();
        return new Window(hour, hour + Window.HOUR);
    }

    /** The items to read: MINUTE items of the clock hour and the slot, HOUR items of the slot. */
    public static List<StatsKey> keys(long startMillis, ZoneId zone) {
        Set<StatsKey> keys = new LinkedHashSet<>(clockHour(startMillis, zone).minuteKeys());
        keys.addAll(slot(startMillis).minuteKeys());
        keys.addAll(slot(startMillis).hourKeys());
        return List.copyOf(keys);
    }

    public static HourDetails of(long startMillis, ZoneId zone, Map<StatsKey, Rollup> items) {
        Window slot = slot(startMillis);
        long total = slot.minuteCounts(items).events();
        List<RecentEvent> recent = Details.recent(
                slot.hourKeys().stream()
                        .map(key -> items.getOrDefault(key, Rollup.EMPTY))
                        .toList(),
                event -> event.timestamp() >= slot.fromMillis() && event.timestamp() < slot.toMillis(),
                RECENT);
        Map<String, Long> distribution = new LinkedHashMap<>();
        Window hour = clockHour(startMillis, zone);
        for (long from = hour.fromMillis(); from < hour.toMillis(); from += TrafficSlots.SLOT) {
            distribution.put(
                    TrafficSlots.label(from, zone),
                    new Window(from, from + TrafficSlots.SLOT)
                            .minuteCounts(items)
                            .events());
        }
        return new HourDetails(startMillis, total, recent, distribution);
    }
}
