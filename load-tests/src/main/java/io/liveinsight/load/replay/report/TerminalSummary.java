package io.liveinsight.load.replay.report;

import java.util.List;
import java.util.Locale;

/** The few lines a replay ends with in the terminal. Pure. */
public final class TerminalSummary {

    private TerminalSummary() {}

    public static String render(ReplayReport r, String reportDir) {
        SendingFigures s = r.sending();
        List<Double> l = s.latencyMs();
        Findings f = r.findings();
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "replay %s: %s%n"
                        + "  read      %,d events (%,d repeated ids dropped, %,d skipped, %,d the edge would refuse)%n"
                        + "  sent      %,d of %,d requests, %,d events in %.1f s: %,d acknowledged (%.1f/s), %,d not%n"
                        + "  edge      503 x %,d, resends %,d, no answer %,d; latency p50 %.1f, p90 %.1f, p99 %.1f,"
                        + " max %.1f ms%n",
                r.run(),
                r.verdict(),
                r.eventsRead(),
                r.duplicatesDropped(),
                r.skippedCount(),
                r.refusedCount(),
                s.requests(),
                s.requestsPlanned(),
                s.eventsSent(),
                s.seconds(),
                s.accepted(),
                s.acceptedPerSecond(),
                s.notAcknowledged().count(),
                s.unavailable(),
                s.resends(),
                s.connectionErrors(),
                l.get(0),
                l.get(1),
                l.get(2),
                l.get(3)));
        if (!r.lag().isEmpty()) {
            double[] lags = r.lag().stream()
                    .mapToDouble(x -> x.lagMs())
                    .filter(x -> x >= 0)
                    .sorted()
                    .toArray();
            long never = r.lag().stream().filter(x -> x.lagMs() < 0).count();
            out.append(String.format(
                    Locale.ROOT,
                    "  lag       %d samples: median %.0f ms, max %.0f ms, %d never seen%n",
                    r.lag().size(),
                    lags.length == 0 ? 0.0 : lags[lags.length / 2],
                    lags.length == 0 ? 0.0 : lags[lags.length - 1],
                    never));
        }
        out.append("  tables    ").append(f.tables()).append('\n');
        out.append("  stats     ").append(f.statistics()).append('\n');
        out.append(String.format(
                Locale.ROOT,
                "  result    %,d missing, %,d duplicated, %,d wrong%n",
                f.missing().count(),
                f.duplicated().count(),
                f.wrong().count()));
        for (Counted kind : List.of(f.missing(), f.duplicated(), f.wrong())) {
            kind.first().stream()
                    .limit(5)
                    .forEach(line -> out.append("    ").append(printable(line)).append('\n'));
        }
        out.append("  report    ").append(reportDir).append("/report.html (and report.json)\n");
        return out.toString();
    }

    /** Control characters from recorded data would move the terminal's cursor: shown as {@code ?}. */
    static String printable(String line) {
        StringBuilder out = new StringBuilder(line.length());
        line.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
