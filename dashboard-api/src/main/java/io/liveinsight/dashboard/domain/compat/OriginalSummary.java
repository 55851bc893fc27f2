package io.liveinsight.dashboard.domain.compat;

import io.liveinsight.event.stats.Counts;

/**
 * The original dashboard's four cards, as numbers (the original sent display strings such as {@code "2분 30초"} and
 * {@code "3.2%"}).
 *
 * @param totalSessions sessions started in the window (bots apart)
 * @param totalEvents events in the window (bots apart)
 * @param avgSessionSeconds mean duration of those sessions so far, in seconds, two decimals
 * @param conversionRatePercent sessions with a conversion over sessions, as a percentage 0-100, two decimals
 */
public record OriginalSummary(
        long totalSessions, long totalEvents, double avgSessionSeconds, double conversionRatePercent) {

    public static OriginalSummary of(Counts counts) {
        return new OriginalSummary(
                counts.sessions(),
                counts.events(),
                round(counts.averageDurationMs() / 1000.0),
                round(counts.conversionRate() * 100.0));
    }

    static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
