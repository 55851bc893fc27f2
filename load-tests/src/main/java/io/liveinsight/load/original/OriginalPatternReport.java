package io.liveinsight.load.original;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side table: both edge paths, every run and the medians over the runs, judged against issue 15's goal
 * for the original pattern (0 non-2xx, average <= 200 ms, p99 <= 500 ms). Writes {@link #NAME} as markdown and JSON
 * into the results folder.
 */
final class OriginalPatternReport {

    /** The reports' file name without its extension. */
    static final String NAME = "original-pattern-latest";

    static final double GOAL_AVERAGE_MS = 200;
    static final double GOAL_P99_MS = 500;
    static final String COMMAND =
            "./mvnw -B -q -pl load-tests -am -Poriginal-pattern verify -DskipTests" + " -Dspotless.check.skip=true";

    private final OriginalPatternSettings settings;
    private final Map<String, Object> machine;
    private final List<EdgeRun> runs = new ArrayList<>();
    private final String runAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    OriginalPatternReport(OriginalPatternSettings settings, Map<String, Object> machine) {
        this.settings = settings;
        this.machine = machine;
    }

    void add(EdgeRun run) {
        runs.add(run);
    }

    /**
     * The median of each figure over the runs of one path (the middle run, or the mean of the middle two), for the
     * pattern on the fresh stack or the one right after ({@code again}).
     */
    Map<String, Double> medians(boolean coalesce, boolean again) {
        Map<String, List<Double>> columns = new LinkedHashMap<>();
        runs.stream().filter(run -> run.coalesce() == coalesce).forEach(run -> run.figures(again)
                .forEach((name, value) ->
                        columns.computeIfAbsent(name, k -> new ArrayList<>()).add(value)));
        Map<String, Double> out = new LinkedHashMap<>();
        columns.forEach((name, values) -> out.put(name, median(values)));
        return out;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Whether the coalescing path's medians meet the goal, on the fresh stack or right after, and the tables held. */
    boolean goalMet(boolean again) {
        Map<String, Double> on = medians(true, again);
        return !on.isEmpty()
                && on.get("non_2xx") == 0
                && on.get("average_ms") <= GOAL_AVERAGE_MS
                && on.get("p99_ms") <= GOAL_P99_MS
                && runs.stream().allMatch(EdgeRun::checkPassed);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# The original load test on the local stack, both edge paths\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Run %s on %s, %s cores, %s. %d users starting together, each %d single-event JSON requests %d-%d ms"
                        + " apart; sustained: %,d events, %d requests in flight (no new one after %d s), resent on 503"
                        + " as the tracker does."
                        + " Each path on a fresh `liveinsight-local.jar`; %d run(s), medians below.%n%n",
                runAt,
                machine.get("cpu"),
                machine.get("cores"),
                machine.get("jdk"),
                settings.users(),
                settings.requestsPerUser(),
                settings.minPauseMs(),
                settings.maxPauseMs(),
                settings.sustainedEvents(),
                settings.sustainedConcurrency(),
                settings.sustainedMaxSeconds(),
                settings.runs()));
        md.append(header());
        for (boolean coalesce : new boolean[] {false, true}) {
            for (boolean again : new boolean[] {false, true}) {
                Map<String, Double> median = medians(coalesce, again);
                if (!median.isEmpty()) {
                    md.append(row(
                            "**" + (coalesce ? EdgeRun.COALESCING : EdgeRun.TODAY) + "**, " + which(again) + ", median",
                            median,
                            null));
                }
            }
        }
        md.append(String.format(
                Locale.ROOT,
                "%nThe pattern runs on each fresh stack right after the consumer's first lease (%s), then again at once"
                        + " (%s); the sustained figures are the same stack's, measured after both.%n%n"
                        + "Goal (issue 15) for the coalescing edge: 0 non-2xx, average <= %.0f ms, p99 <= %.0f ms, every"
                        + " acknowledged event stored exactly once: **%s** on a fresh stack, **%s** again.%n%n",
                which(false),
                which(true),
                GOAL_AVERAGE_MS,
                GOAL_P99_MS,
                goalMet(false) ? "met" : "not met",
                goalMet(true) ? "met" : "not met"));
        md.append("Every run:\n\n").append(header());
        for (EdgeRun run : runs) {
            for (boolean again : new boolean[] {false, true}) {
                md.append(row(
                        "run " + run.run() + ": " + (run.coalesce() ? "coalescing" : "one call a request") + ", "
                                + which(again),
                        run.figures(again),
                        run));
            }
        }
        md.append("\nTables after each run (`check/TableCheck`: every acknowledged event in Events exactly once, every"
                + " session's figures):\n\n");
        for (EdgeRun run : runs) {
            md.append(String.format(
                    Locale.ROOT,
                    "- run %d, %s: %s; load average %s at start, %s at end%n",
                    run.run(),
                    run.coalesce() ? "coalescing" : "one call a request",
                    run.checkSummary(),
                    run.loadAtStart(),
                    run.loadAtEnd()));
        }
        md.append("\nReproduce: `").append(COMMAND).append("`\n");
        return md.toString();
    }

    static String which(boolean again) {
        return again ? "again" : "fresh stack";
    }

    private static String header() {
        return "| edge path | success % | average ms | p50 ms | p95 ms | p99 ms | max ms | 503s | events/s end to end,"
                + " 1 event a request | 10 events a request | tables exact |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n";
    }

    private static String row(String name, Map<String, Double> f, EdgeRun run) {
        return String.format(
                Locale.ROOT,
                "| %s | %.1f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %s |%n",
                name,
                f.get("success_percent"),
                f.get("average_ms"),
                f.get("p50_ms"),
                f.get("p95_ms"),
                f.get("p99_ms"),
                f.get("max_ms"),
                f.get("status_503"),
                f.get("events_per_second_1_per_request"),
                f.get("events_per_second_10_per_request"),
                run == null ? "" : run.checkPassed() ? "yes" : "**no**");
    }

    Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("run_at", runAt);
        root.put("command", COMMAND);
        root.put(
                "settings",
                Map.of(
                        "users",
                        settings.users(),
                        "requests_per_user",
                        settings.requestsPerUser(),
                        "pause_ms",
                        List.of(settings.minPauseMs(), settings.maxPauseMs()),
                        "sustained_events",
                        settings.sustainedEvents(),
                        "sustained_concurrency",
                        settings.sustainedConcurrency(),
                        "sustained_max_s",
                        settings.sustainedMaxSeconds(),
                        "runs",
                        settings.runs()));
        root.put("machine", machine);
        root.put(
                "medians",
                Map.of(
                        "off", medians(false, false),
                        "off_again", medians(false, true),
                        "on", medians(true, false),
                        "on_again", medians(true, true)));
        root.put(
                "goal",
                Map.of(
                        "average_ms",
                        GOAL_AVERAGE_MS,
                        "p99_ms",
                        GOAL_P99_MS,
                        "non_2xx",
                        0,
                        "met_on_a_fresh_stack",
                        goalMet(false),
                        "met_again",
                        goalMet(true)));
        List<Map<String, Object>> all = new ArrayList<>();
        for (EdgeRun run : runs) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("run", run.run());
            one.put("coalesce", run.coalesce());
            one.put("figures", run.figures(false));
            one.put("figures_again", run.figures(true));
            one.put("requests", run.pattern().requests());
            one.put("pattern_seconds", run.pattern().elapsedNanos() / 1e9);
            one.put("sustained_1", sustained(run.oneEventPerRequest()));
            one.put("sustained_10", sustained(run.tenEventsPerRequest()));
            one.put(
                    "sustained_drained",
                    run.oneEventPerRequest().drained()
                            && run.tenEventsPerRequest().drained());
            one.put("check_passed", run.checkPassed());
            one.put("check", run.checkSummary());
            one.put("load_average", List.of(run.loadAtStart(), run.loadAtEnd()));
            all.add(one);
        }
        root.put("runs", all);
        return root;
    }

    private static Map<String, Object> sustained(SustainedRun.Figures figures) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events_sent", figures.summary().eventsSent());
        out.put("accepted", figures.summary().accepted());
        out.put("resent_after_503", figures.summary().retried());
        out.put("unacknowledged_requests", figures.summary().failed());
        out.put("seconds_to_processed", figures.drainedSeconds());
        out.put("request_p99_ms", figures.summary().latency().percentileMs(99));
        return out;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(NAME + ".md"), markdown());
        Files.writeString(
                dir.resolve(NAME + ".json"),
                JsonMapper.builder()
                                .enable(SerializationFeature.INDENT_OUTPUT)
                                .build()
                                .writeValueAsString(json())
                        + "\n");
    }
}
