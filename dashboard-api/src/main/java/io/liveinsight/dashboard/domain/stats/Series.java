package io.liveinsight.dashboard.domain.stats;

import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A range's figures point by point, every point present (zeros too). Minute and 5-minute points add the minute slots
 * of the hour items holding them; hour and day points add their hour items (a day of the zone is 23 to 25 of them).
 */
public record Series(StatsRange range, SeriesResolution resolution, List<Point> points) {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** One point's figures: events and page views in it, sessions started in it, bots' events apart. */
    public record Point(Slot slot, Counts counts) {}

    public Series {
        points = List.copyOf(points);
    }

    /** The items a series reads. */
    public static List<StatsKey> keys(StatsRange range, SeriesResolution resolution) {
        return resolution.fromMinutes()
                ? StatsKeys.holding(range.from(), range.to())
                : StatsKeys.hours(range.from(), range.to());
    }

    public static Series of(StatsRange range, SeriesResolution resolution, Map<StatsKey, Rollup> rollups) {
        List<Point> points = new ArrayList<>();
        for (Slot slot : Slot.of(range, resolution)) {
            Counts counts = Counts.ZERO;
            if (resolution.fromMinutes()) {
                for (Instant t = slot.start(); t.isBefore(slot.end()); t = t.plus(MINUTE)) {
                    counts = counts.plus(minute(rollups, t));
                }
            } else {
                for (StatsKey key : StatsKeys.hours(slot.start(), slot.end())) {
                    counts = counts.plus(rollups.getOrDefault(key, Rollup.EMPTY).totals());
                }
            }
            points.add(new Point(slot, counts));
        }
        return new Series(range, resolution, points);
    }

    /** The counts of the minute starting at {@code t}, from the slot of the hour item holding it. */
    public static Counts minute(Map<StatsKey, Rollup> rollups, Instant t) {
        Rollup hour = rollups.getOrDefault(StatsKeys.hour(t), Rollup.EMPTY);
        return hour.minute((int) Math.floorMod(t.getEpochSecond() / 60, 60L));
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("range", range.toJson());
        json.put("resolution", resolution.code());
        json.put(
                "points",
                points.stream()
                        .map(p -> {
                            Map<String, Object> point = slotJson(p.slot());
                            Counts c = p.counts();
                            point.put("events", c.events());
                            point.put("page_views", c.pageViews());
                            point.put("sessions", c.sessions());
                            point.put("conversions", c.conversions());
                            point.put("converted_sessions", c.converted());
                            point.put("bot_events", c.botEvents());
                            return point;
                        })
                        .toList());
        return json;
    }

    /** {@code start}, {@code start_ms}, {@code label} of a point. */
    static Map<String, Object> slotJson(Slot slot) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("start", slot.start().toString());
        json.put("start_ms", slot.start().toEpochMilli());
        json.put("label", slot.label());
        return json;
    }
}
