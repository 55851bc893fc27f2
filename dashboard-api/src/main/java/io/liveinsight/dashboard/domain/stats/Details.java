package io.liveinsight.dashboard.domain.stats;

import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.RecentEvent;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A drill-down: one page, one source or one hour. A page's or source's total and per-hour series come from the hour
 * items' breakdowns (page views by page, sessions by source), its recent events from the hour items' latest events
 * (each item keeps its shard's {@link Rollup#MAX_RECENT} latest, so a page seldom seen in a busy hour may have none
 * listed). An hour's total is its events, its series the 5-minute sums of its minute slots, its recent events the
 * hour's latest.
 */
public record Details(
        StatsRange range, Kind kind, String key, long total, List<Point> series, List<RecentEvent> recent) {

    /** Latest events listed at most. */
    public static final int MAX_RECENT = 20;

    private static final Duration HOUR = Duration.ofHours(1);

    /** What is drilled into. */
    public enum Kind {
        PAGE("page", Dimension.PAGE),
        SOURCE("source", Dimension.SOURCE),
        HOUR("hour", null);

        private final String code;
        private final Dimension dimension;

        Kind(String code, Dimension dimension) {
            this.code = code;
            this.dimension = dimension;
        }

        public String code() {
            return code;
        }

        public static Optional<Kind> ofCode(String code) {
            for (Kind kind : values()) {
                if (kind.code.equals(code)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** One point of the series. */
    public record Point(Slot slot, long count) {}

    public Details {
        series = List.copyOf(series);
        recent = List.copyOf(recent);
    }

    /** The hour {@code [hour, hour + 1 h)} in {@code zone}, for {@link Kind#HOUR}. */
    public static StatsRange hourRange(Instant hour, ZoneId zone) {
        return new StatsRange(hour, hour.plus(HOUR), zone);
    }

    /** The items a drill-down reads: the hour items of its range (for an hour, its own). */
    public static List<StatsKey> keys(StatsRange range) {
        return StatsKeys.hours(range.from(), range.to());
    }

    /**
     * What a drill-down needs of each hour item: for a page or source, that key's count and the latest events (a
     * 30-day range holds 720 items; their other breakdown keys and users are dropped as they are read).
     */
    public static UnaryOperator<Rollup> keeping(Kind kind, String key) {
        if (kind == Kind.HOUR) {
            return rollup -> rollup;
        }
        return rollup -> {
            long count = rollup.breakdown(kind.dimension).getOrDefault(key, 0L);
            return new Rollup(
                    rollup.totals(),
                    Map.of(),
                    count == 0 ? Map.of() : Map.of(kind.dimension, Map.of(key, count)),
                    null,
                    rollup.recent());
        };
    }

    public static Details of(StatsRange range, Kind kind, String key, Map<StatsKey, Rollup> rollups) {
        return kind == Kind.HOUR ? hour(range, rollups) : keyed(range, kind, key, rollups);
    }

    private static Details keyed(StatsRange range, Kind kind, String key, Map<StatsKey, Rollup> rollups) {
        List<Point> series = new ArrayList<>();
        List<RecentEvent> recent = new ArrayList<>();
        long total = 0;
        for (Slot slot : Slot.of(range, SeriesResolution.HOUR)) {
            Rollup hour = rollups.getOrDefault(StatsKeys.hour(slot.start()), Rollup.EMPTY);
            long count = Math.max(0, hour.breakdown(kind.dimension).getOrDefault(key, 0L));
            total += count;
            series.add(new Point(slot, count));
            for (RecentEvent event : hour.recent()) {
                if (key.equals(kind == Kind.PAGE ? event.page() : event.source())) { // either may be null
                    recent.add(event);
                }
            }
        }
        return new Details(range, kind, key, total, series, newest(recent));
    }

    private static Details hour(StatsRange range, Map<StatsKey, Rollup> rollups) {
        Rollup hour = rollups.getOrDefault(StatsKeys.hour(range.from()), Rollup.EMPTY);
        List<Point> series = new ArrayList<>();
        for (Slot slot : Slot.of(range, SeriesResolution.FIVE_MINUTES)) {
            long count = 0;
            for (Instant t = slot.start(); t.isBefore(slot.end()); t = t.plus(Duration.ofMinutes(1))) {
                count += Series.minute(rollups, t).events();
            }
            series.add(new Point(slot, count));
        }
        return new Details(
                range, Kind.HOUR, range.from().toString(), hour.totals().events(), series, newest(hour.recent()));
    }

    private static List<RecentEvent> newest(List<RecentEvent> events) {
        return events.stream()
                .sorted(RecentEvent.NEWEST_FIRST)
                .limit(MAX_RECENT)
                .toList();
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("range", range.toJson());
        json.put("dimension", kind.code());
        json.put("key", key);
        json.put("total", total);
        json.put(
                "series",
                series.stream()
                        .map(p -> {
                            Map<String, Object> point = Series.slotJson(p.slot());
                            point.put("count", p.count());
                            return point;
                        })
                        .toList());
        json.put("recent", recent.stream().map(Details::json).toList());
        return json;
    }

    private static Map<String, Object> json(RecentEvent e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("timestamp", e.timestamp());
        json.put("time", Instant.ofEpochMilli(e.timestamp()).toString());
        json.put("event_id", e.eventId());
        json.put("event_type", e.eventType());
        json.put("session_id", e.sessionId());
        json.put("user_id", e.userId());
        json.put("page", e.page());
        json.put("source", e.source());
        return json;
    }
}
