package io.liveinsight.dashboard.support;

import io.liveinsight.event.Event;
import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.RecentEvent;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.util.List;
import java.util.Map;

/** Rollups as the processor stores them, built by hand for the statistics routes' tests. */
public final class Rollups {

    private Rollups() {}

    public static StatsKey key(Resolution resolution, long millis) {
        return StatsKey.of(StatsKey.DEFAULT_SITE, resolution, millis);
    }

    /** Human events and page views, nothing else. */
    public static Counts events(long events, long pageViews) {
        return new Counts(events, pageViews, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * Sessions started and ended (last active) in the same bucket, their total duration (counted with their end) and
     * how many converted.
     */
    public static Counts sessions(long sessions, long durationMs, long converted) {
        return new Counts(0, 0, sessions, sessions, durationMs, 0, converted, converted, 0, 0);
    }

    public static Counts bots(long botEvents, long botSessions) {
        return new Counts(0, 0, 0, 0, 0, 0, 0, 0, botEvents, botSessions);
    }

    /** A MINUTE item: these counts in the minute of {@code millis} (its hour's item). */
    public static Rollup minute(long millis, Counts counts) {
        int slot = (int) Math.floorMod(millis / 60_000, 60L);
        return new Rollup(counts, Map.of(slot, counts), Map.of(), null, List.of());
    }

    /** An HOUR (or DAY) item with totals and one breakdown. */
    public static Rollup breakdown(Counts totals, Dimension dimension, Map<String, Long> counts) {
        return new Rollup(totals, Map.of(), Map.of(dimension, counts), null, List.of());
    }

    public static Rollup recent(RecentEvent... events) {
        return new Rollup(Counts.ZERO, Map.of(), Map.of(), null, List.of(events));
    }

    public static RecentEvent pageView(String id, long timestamp, String page, String source) {
        return new RecentEvent(timestamp, id, Event.PAGE_VIEW, "s-" + id, "u-" + id, page, source);
    }

    public static RecentEvent event(String id, String type, long timestamp, String page, String source) {
        return new RecentEvent(timestamp, id, type, "s-" + id, "u-" + id, page, source);
    }
}
