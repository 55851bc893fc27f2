package io.liveinsight.load.original;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One edge path measured once on a fresh stack: the original pattern right after the consumer's first lease (the JVM
 * still cold, as a new user would run it), the same pattern again at once (warm), sustained events/s end to end at 1
 * and 10 events a request, and the table check afterwards.
 *
 * @param run which run (from 1)
 * @param coalesce the edge's {@code LIVEINSIGHT_EDGE_COALESCE}
 * @param pattern the original pattern on the fresh stack
 * @param patternAgain the same pattern again right after
 * @param checkPassed every acknowledged event stored exactly once, every session's figures right
 * @param checkSummary the check's counts, for the report
 */
record EdgeRun(
        int run,
        boolean coalesce,
        PatternResult pattern,
        PatternResult patternAgain,
        SustainedRun.Figures oneEventPerRequest,
        SustainedRun.Figures tenEventsPerRequest,
        boolean checkPassed,
        String checkSummary,
        String loadAtStart,
        String loadAtEnd) {

    static final String TODAY = "one PutRecords call a request (LIVEINSIGHT_EDGE_COALESCE=off, today's edge)";
    static final String COALESCING = "coalescing (LIVEINSIGHT_EDGE_COALESCE=on)";

    String path() {
        return coalesce ? COALESCING : TODAY;
    }

    /** The figures of the report's table, by column: the first pattern's, or the second's ({@code again}). */
    Map<String, Double> figures(boolean again) {
        PatternResult pattern = again ? patternAgain : this.pattern;
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("success_percent", pattern.successPercent());
        out.put("average_ms", pattern.averageMs());
        out.put("p50_ms", pattern.percentileMs(50));
        out.put("p95_ms", pattern.percentileMs(95));
        out.put("p99_ms", pattern.percentileMs(99));
        out.put("max_ms", pattern.maxMs());
        out.put("non_2xx", (double) pattern.non2xx());
        out.put("status_503", (double) pattern.status(503));
        out.put("events_per_second_1_per_request", oneEventPerRequest.eventsPerSecond());
        out.put("events_per_second_10_per_request", tenEventsPerRequest.eventsPerSecond());
        return out;
    }
}
