package io.liveinsight.dashboard.domain.stats;

import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Hll;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a range, from its hour items. Bounce and conversion rates are fractions of the sessions started in
 * the range; the average session is over the sessions that ended (last event) in it, as durations are counted where
 * sessions end; users are distinct user ids estimated by the union of the items' HyperLogLog sketches.
 */
public record Summary(StatsRange range, Counts counts, long users) {

    /** The relative standard error of {@link #users}: 1.04 / sqrt(2^11 registers), 2.3 %. */
    public static final double USERS_ERROR = 1.04 / Math.sqrt(Hll.REGISTERS);

    /** The items a summary of {@code range} reads: its hour items. */
    public static List<StatsKey> keys(StatsRange range) {
        return StatsKeys.hours(range.from(), range.to());
    }

    public static Summary of(StatsRange range, Collection<Rollup> rollups) {
        Rollup sum = new RollupSum().addAll(rollups).toRollup();
        return new Summary(range, sum.totals(), sum.userCount());
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("range", range.toJson());
        json.put("events", counts.events());
        json.put("page_views", counts.pageViews());
        json.put("sessions", counts.sessions());
        json.put("sessions_ended", counts.lastActive());
        json.put("bounces", counts.bounces());
        json.put("bounce_rate", fraction(counts.bounces(), counts.sessions()));
        json.put("avg_session_seconds", counts.averageDurationMs() / 1000.0); // over the sessions ended
        json.put("users", users);
        json.put("users_error", Math.round(USERS_ERROR * 1000) / 1000.0);
        json.put("conversions", counts.conversions());
        json.put("converted_sessions", counts.converted());
        json.put("conversion_rate", counts.conversionRate());
        json.put("bot_events", counts.botEvents());
        json.put("bot_sessions", counts.botSessions());
        return json;
    }

    static double fraction(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
