package io.liveinsight.load.replay.report;

import io.liveinsight.load.replay.compare.StatRow;
import io.liveinsight.load.replay.plan.Refused;
import io.liveinsight.load.replay.send.LagSampler;
import io.liveinsight.load.replay.send.Timeline;
import io.liveinsight.load.replay.source.Skipped;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The report as one self-contained HTML page: inline SVG charts (events sent and acknowledged per second, latency
 * percentiles, 503s and resends, lag to the tables), the expected-vs-got tables and lists. No script, no external
 * resource; every value from the traffic is escaped ({@link Html}), so a recorded {@code <script>} shows as text.
 */
public final class HtmlReport {

    private HtmlReport() {}

    public static String render(ReplayReport report) {
        StringBuilder html = new StringBuilder(32_768);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append(
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>Replay ")
                .append(Html.escape(report.run()))
                .append("</title><style>")
                .append("body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d2330;max-width:1100px}")
                .append(
                        "h1{font-size:22px}h2{font-size:17px;margin-top:28px}table{border-collapse:collapse;margin:8px 0}")
                .append("td,th{border:1px solid #d5d9e0;padding:3px 8px;text-align:left;vertical-align:top}")
                .append("td.n{text-align:right;font-variant-numeric:tabular-nums}.bad{color:#b3261e;font-weight:600}")
                .append(
                        ".ok{color:#1b7f3b;font-weight:600}svg{width:100%;max-width:760px;background:#fafbfc;margin:6px 0}")
                .append("svg .title{font-weight:600;font-size:13px}svg .axis{font-size:11px;fill:#555}")
                .append("svg .grid{stroke:#e3e6ea}code,li{word-break:break-all}")
                .append("</style></head><body>");
        html.append("<h1>Replay ")
                .append(Html.escape(report.run()))
                .append(": <span class=\"")
                .append(report.exitCode() == 0 ? "ok" : "bad")
                .append("\">")
                .append(Html.escape(report.verdict()))
                .append("</span></h1>");
        overview(html, report);
        charts(html, report);
        findings(html, report.findings());
        inputs(html, report);
        return html.append("</body></html>").toString();
    }

    private static void overview(StringBuilder html, ReplayReport r) {
        SendingFigures s = r.sending();
        html.append("<table>");
        row(html, "edge", r.url() + (r.lane() ? " (replay lane, run " + r.run() + ")" : " (no lane: ids as recorded)"));
        row(html, "started", r.startedAt());
        row(html, "source", r.source());
        row(html, "pace", r.pace() + ", at most " + r.concurrency() + " requests in flight");
        row(
                html,
                "times",
                "shift " + r.times().mode() + " ("
                        + String.format(Locale.ROOT, "%+,d", r.times().shiftMs()) + " ms)"
                        + ", given their request's time: " + r.times().filled() + " without one, "
                        + r.times().moved() + " outside the edge's window; raised to be kept: "
                        + r.times().raised()
                        + "; the edge will replace: " + r.times().edgeWillReplace());
        row(
                html,
                "read",
                r.eventsRead() + " events; " + r.duplicatesDropped() + " repeated ids dropped; " + r.skippedCount()
                        + " skipped; " + r.refusedCount() + " the edge would refuse");
        row(
                html,
                "sent",
                s.requests() + " of " + s.requestsPlanned() + " requests, " + s.eventsSent() + " events in "
                        + String.format(Locale.ROOT, "%.1f s", s.seconds()));
        row(
                html,
                "acknowledged",
                s.accepted() + " events ("
                        + String.format(Locale.ROOT, "%.1f", s.acceptedPerSecond()) + "/s); not acknowledged "
                        + s.notAcknowledged().count());
        row(
                html,
                "503 / resends / no answer",
                s.unavailable() + " / " + s.resends() + " / " + s.connectionErrors()
                        + "; requests failed after the last resend: " + s.failedRequests());
        List<Double> l = s.latencyMs();
        row(
                html,
                "latency p50 / p90 / p99 / max",
                String.format(Locale.ROOT, "%.1f / %.1f / %.1f / %.1f ms", l.get(0), l.get(1), l.get(2), l.get(3)));
        row(html, "answers by status", s.byStatus().toString());
        if (s.stopReason() != null) {
            row(html, "stopped", s.stopReason());
        }
        html.append("</table>");
    }

    private static void charts(StringBuilder html, ReplayReport r) {
        List<Timeline.Second> t = r.timeline();
        double[] xs = t.stream().mapToDouble(Timeline.Second::second).toArray();
        double end = Math.max(
                t.size(),
                r.lag().stream().mapToDouble(LagSampler.Sample::atSecond).max().orElse(0));
        html.append("<h2>Over time</h2>");
        html.append(Svg.lines(
                "Events per second",
                "events/s",
                xs,
                end,
                List.of(
                        series("sent", "#3b6fd8", t, Timeline.Second::sent),
                        series("acknowledged", "#1b9e5a", t, Timeline.Second::accepted))));
        html.append(Svg.lines(
                "Latency of the answers in each second",
                "ms",
                xs,
                end,
                List.of(
                        series("p50", "#1b9e5a", t, Timeline.Second::p50Ms),
                        series("p90", "#3b6fd8", t, Timeline.Second::p90Ms),
                        series("p99", "#e08a00", t, Timeline.Second::p99Ms),
                        series("max", "#b3261e", t, Timeline.Second::maxMs))));
        html.append(Svg.lines(
                "503 answers, resends and attempts without an answer",
                "per s",
                xs,
                end,
                List.of(
                        series("503", "#b3261e", t, Timeline.Second::unavailable),
                        series("resends", "#e08a00", t, Timeline.Second::resends),
                        series("no answer", "#777777", t, Timeline.Second::connectionErrors))));
        List<LagSampler.Sample> lag = r.lag();
        if (lag.isEmpty()) {
            html.append("<p>Lag to the tables: not sampled (give --dynamodb to poll Events).</p>");
            return;
        }
        double[] at = lag.stream().mapToDouble(LagSampler.Sample::atSecond).toArray();
        double worst = lag.stream().mapToDouble(LagSampler.Sample::lagMs).max().orElse(0);
        double[] seen = lag.stream()
                .mapToDouble(s -> s.lagMs() < 0 ? Double.NaN : s.lagMs())
                .toArray();
        double[] never = lag.stream()
                .mapToDouble(s -> s.lagMs() < 0 ? Math.max(1, worst) : Double.NaN)
                .toArray();
        html.append(Svg.points(
                "Lag from the edge's 200 to the event in Events (one event a second)",
                "ms",
                at,
                end,
                List.of(new Svg.Series("lag", "#3b6fd8", seen), new Svg.Series("never seen", "#b3261e", never))));
        long notSeen = lag.stream().filter(s -> s.lagMs() < 0).count();
        html.append("<p>")
                .append(lag.size())
                .append(" samples, ")
                .append(notSeen)
                .append(" never seen in time.</p>");
    }

    private static void findings(StringBuilder html, Findings f) {
        html.append("<h2>Expected vs got</h2><table>");
        row(html, "tables", f.tables());
        row(html, "statistics", f.statistics());
        html.append("</table>");
        list(html, "Missing", f.missing());
        list(html, "Duplicated", f.duplicated());
        list(html, "Wrong", f.wrong());
        if (!f.stats().isEmpty()) {
            html.append("<h2>Statistics</h2><table><tr><th>figure</th><th>expected</th><th>got</th><th></th></tr>");
            for (StatRow row : f.stats()) {
                html.append("<tr><td>")
                        .append(Html.escape(row.name()))
                        .append("</td><td class=\"n\">")
                        .append(row.expected())
                        .append("</td><td class=\"n\">")
                        .append(row.got() == null ? "-" : Html.escape(row.got()))
                        .append("</td><td class=\"")
                        .append(row.ok() ? "ok\">ok" : "bad\">wrong")
                        .append(row.note().isEmpty() ? "" : " (" + Html.escape(row.note()) + ")")
                        .append("</td></tr>");
            }
            html.append("</table>");
        }
    }

    private static void inputs(StringBuilder html, ReplayReport r) {
        if (!r.skipped().isEmpty()) {
            html.append("<h2>Skipped from the source (")
                    .append(r.skippedCount())
                    .append(", first 20)</h2><ul>");
            for (Skipped s : r.skipped()) {
                html.append("<li><code>")
                        .append(Html.escape(s.where()))
                        .append("</code>: ")
                        .append(Html.escape(s.reason()))
                        .append("</li>");
            }
            html.append("</ul>");
        }
        if (!r.refused().isEmpty()) {
            html.append("<h2>Not sent: the edge refuses them (")
                    .append(r.refusedCount())
                    .append(", first 20)</h2><ul>");
            for (Refused e : r.refused()) {
                html.append("<li><code>")
                        .append(Html.escape(e.where()))
                        .append("</code>")
                        .append(e.eventId() == null ? "" : " <code>" + Html.escape(e.eventId()) + "</code>")
                        .append(": ")
                        .append(Html.escape(e.reasons()))
                        .append("</li>");
            }
            html.append("</ul>");
        }
        list(html, "Refused by the edge", r.sending().edgeRefused());
        list(html, "Not acknowledged", r.sending().notAcknowledged());
    }

    private static void list(StringBuilder html, String title, Counted counted) {
        html.append("<h3>")
                .append(Html.escape(title))
                .append(": <span class=\"")
                .append(counted.count() == 0 ? "ok" : "bad")
                .append("\">")
                .append(counted.count())
                .append("</span>");
        if (counted.count() > counted.first().size()) {
            html.append(" (first ").append(counted.first().size()).append(")");
        }
        html.append("</h3>");
        if (!counted.first().isEmpty()) {
            html.append("<ul>");
            counted.first()
                    .forEach(line ->
                            html.append("<li>").append(Html.escape(line)).append("</li>"));
            html.append("</ul>");
        }
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>")
                .append(Html.escape(name))
                .append("</th><td>")
                .append(Html.escape(value))
                .append("</td></tr>");
    }

    private static Svg.Series series(
            String name, String color, List<Timeline.Second> t, ToDoubleFunction<Timeline.Second> value) {
        return new Svg.Series(name, color, t.stream().mapToDouble(value).toArray());
    }
}
