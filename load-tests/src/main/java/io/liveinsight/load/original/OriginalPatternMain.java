package io.liveinsight.load.original;

import io.liveinsight.event.TableNames;
import io.liveinsight.event.time.Sleeper;
import io.liveinsight.load.bench.LocalProcess;
import io.liveinsight.load.bench.Machine;
import io.liveinsight.load.bench.StackMetrics;
import io.liveinsight.load.check.ActiveSessionProbe;
import io.liveinsight.load.check.TableCheck;
import io.liveinsight.load.cli.Args;
import io.liveinsight.load.process.JavaChild;
import io.liveinsight.load.replay.Beacon;
import io.liveinsight.load.replay.HttpSender;
import io.liveinsight.load.replay.ReplaySummary;
import io.liveinsight.load.replay.Replayer;
import io.liveinsight.load.replay.Sender;
import io.liveinsight.load.replay.Ticker;
import io.liveinsight.local.engines.LocalAwsClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The original project's performance test against both local edge paths, in one command (issue 15): for each run,
 * the local stack's jar with {@code LIVEINSIGHT_EDGE_COALESCE=off} (one PutRecords call a request, today's edge), then
 * a fresh one with it on; on each, once the consumer has its lease: the original pattern, sustained events/s end to
 * end at 1 and at 10 events a request, every refused request sent again (as the tracker would), and the tables checked
 * against every acknowledged event. Prints the side-by-side table; writes {@code original-pattern-latest.{md,json}}.
 */
public final class OriginalPatternMain {

    private static final TableNames TABLES = TableNames.defaults();
    private static final Duration RESEND_FOR = Duration.ofMinutes(2);
    private static final Duration CHECK_FOR = Duration.ofMinutes(2);

    private OriginalPatternMain() {}

    public static void main(String[] argv) throws Exception {
        OriginalPatternSettings settings = OriginalPatternSettings.from(Args.parse(argv));
        OriginalPatternReport report = new OriginalPatternReport(settings, Machine.describe());
        for (int run = 1; run <= settings.runs(); run++) {
            for (boolean coalesce : new boolean[] {false, true}) {
                EdgeRun result = measure(settings, run, coalesce);
                report.add(result);
                say("run %d, %s: %s; again: %s", run, result.path(), result.figures(false), result.figures(true));
            }
        }
        report.write(settings.resultsDir());
        System.out.println();
        System.out.println(report.markdown());
        if (!report.goalMet(false) || !report.goalMet(true)) {
            say("the coalescing edge missed the goal, or a table check failed (see above)");
        }
    }

    private static EdgeRun measure(OriginalPatternSettings settings, int run, boolean coalesce) throws Exception {
        String path = coalesce ? "on" : "off";
        String runId = Long.toString(System.currentTimeMillis(), 36) + path;
        Path log = settings.logDir().resolve("original-pattern-" + path + "-run" + run + ".log");
        say("run %d: starting the local stack with LIVEINSIGHT_EDGE_COALESCE=%s (log %s)", run, path, log);
        try (LocalProcess stack =
                        LocalProcess.start(settings.jar(), log, Duration.ofSeconds(180), stackSettings(path));
                DynamoDbClient dynamoDb = LocalAwsClients.dynamoDb(stack.dynamoDb());
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            String loadAtStart = Machine.loadAverage();
            Sender sender = new HttpSender(stack.edge(), Duration.ofSeconds(30));
            StackMetrics metrics = new StackMetrics(stack.edge());
            ActiveSessionProbe probe = new ActiveSessionProbe(sender, dynamoDb, TABLES.activeSessions(), runId);
            say("waiting for the consumer's first lease (KCL: 10-35 s)");
            if (probe.probe(120_000).latencyMs() < 0) {
                throw new IllegalStateException("the consumer processed nothing within 120 s; see " + log);
            }
            Map<String, Map<String, Object>> expected = new HashMap<>();
            probe.sentEvents().forEach(e -> expected.put((String) e.get("event_id"), e));

            PatternResult pattern = pattern(settings, run, runId, stack.edge(), threads, expected);
            PatternResult again = pattern(settings, run, runId + "a", stack.edge(), threads, expected);

            SustainedRun.Figures one = sustained(settings, runId, 1, sender, metrics, threads, expected);
            SustainedRun.Figures ten = sustained(settings, runId, 10, sender, metrics, threads, expected);

            resendRefused(pattern, stack.edge(), expected);
            resendRefused(again, stack.edge(), expected);
            say("checking the tables against %,d acknowledged events", expected.size());
            TableCheck check = checkUntilPassed(dynamoDb, expected);
            String summary = String.format(
                    "%,d events expected, %,d stored: %d missing, %d duplicated, %d unexpected; %,d sessions, %d wrong,"
                            + " %d ActiveSessions stale%s",
                    check.expectedEvents(),
                    check.storedEvents(),
                    check.missing(),
                    check.duplicated(),
                    check.unexpected(),
                    check.sessionsChecked(),
                    check.sessionsMismatched(),
                    check.activeStale(),
                    check.examples().isEmpty() ? "" : " (" + String.join("; ", check.examples()) + ")");
            say("  %s", summary);
            return new EdgeRun(
                    run,
                    coalesce,
                    pattern,
                    again,
                    one,
                    ten,
                    check.passed(),
                    summary,
                    loadAtStart,
                    Machine.loadAverage());
        }
    }

    /** The original pattern once; the events it got acknowledged go to {@code expected}. */
    private static PatternResult pattern(
            OriginalPatternSettings settings,
            int run,
            String runId,
            URI edge,
            ExecutorService threads,
            Map<String, Map<String, Object>> expected)
            throws InterruptedException {
        say("original pattern: %d users x %d requests", settings.users(), settings.requestsPerUser());
        PatternResult pattern = new OriginalPattern(
                        settings.users(),
                        settings.requestsPerUser(),
                        settings.minPauseMs(),
                        settings.maxPauseMs(),
                        settings.seed() + run)
                .run(runId, jsonClient(edge), Sleeper.SYSTEM, threads, System::currentTimeMillis);
        say(
                "  %d requests: %.1f %% 2xx, average %.0f ms, p99 %.0f ms, %d 503s",
                pattern.requests(),
                pattern.successPercent(),
                pattern.averageMs(),
                pattern.percentileMs(99),
                pattern.status(503));
        pattern.sent().stream()
                .filter(OriginalPattern.Sent::acknowledged)
                .forEach(s -> expected.put((String) s.event().get("event_id"), s.event()));
        return pattern;
    }

    /** The edge path, and the coalescer's round statistics in the stack's log (debug level). */
    private static Map<String, String> stackSettings(String coalesce) {
        return Map.of(
                "LIVEINSIGHT_EDGE_COALESCE",
                coalesce,
                "JAVA_TOOL_OPTIONS",
                "-Dorg.slf4j.simpleLogger.log.io.liveinsight.local.coalesce=debug");
    }

    private static SustainedRun.Figures sustained(
            OriginalPatternSettings settings,
            String runId,
            int perRequest,
            Sender sender,
            StackMetrics metrics,
            ExecutorService threads,
            Map<String, Map<String, Object>> expected)
            throws InterruptedException {
        List<Beacon> plan =
                SustainedRun.plan(runId, settings.sustainedEvents(), perRequest, System.currentTimeMillis());
        say(
                "sustained: %,d events, %d a request, %d in flight, for at most %d s",
                settings.sustainedEvents(),
                perRequest,
                settings.sustainedConcurrency(),
                settings.sustainedMaxSeconds());
        awaitHealthy(metrics.edge());
        SustainedRun.Figures figures = SustainedRun.run(
                plan,
                sender,
                settings.sustainedConcurrency(),
                Duration.ofSeconds(settings.sustainedMaxSeconds()),
                metrics,
                threads);
        say(
                "  %.0f events/s end to end (%s)%s",
                figures.eventsPerSecond(),
                figures.summary().describe(),
                figures.drained() ? "" : "; the consumer had not processed everything after 5 minutes");
        record(plan, figures.summary(), expected);
        List<Beacon> left = unacknowledged(plan, expected);
        awaitHealthy(metrics.edge());
        long giveUp = System.nanoTime() + RESEND_FOR.toNanos();
        while (!left.isEmpty() && System.nanoTime() < giveUp) {
            say("  sending %d unacknowledged requests again", left.size());
            ReplaySummary again = new Replayer(
                            sender,
                            Ticker.SYSTEM,
                            Sleeper.SYSTEM,
                            threads,
                            8,
                            Replayer.DEFAULT_MAX_ATTEMPTS,
                            true,
                            Replayer.ProgressListener.NONE)
                    .run(left);
            record(left, again, expected);
            left = unacknowledged(left, expected);
        }
        return figures;
    }

    private static void record(List<Beacon> plan, ReplaySummary summary, Map<String, Map<String, Object>> expected) {
        for (Beacon beacon : plan) {
            for (Map<String, Object> event : beacon.events()) {
                if (summary.acceptedEventIds().contains((String) event.get("event_id"))) {
                    expected.put((String) event.get("event_id"), event);
                }
            }
        }
    }

    private static List<Beacon> unacknowledged(List<Beacon> plan, Map<String, Map<String, Object>> expected) {
        return plan.stream()
                .filter(b -> b.events().stream().anyMatch(e -> !expected.containsKey((String) e.get("event_id"))))
                .toList();
    }

    /** The pattern's refused requests, sent again until acknowledged (not counted in its figures). */
    private static void resendRefused(PatternResult pattern, URI edge, Map<String, Map<String, Object>> expected)
            throws InterruptedException {
        List<OriginalPattern.Sent> refused = pattern.refused();
        if (refused.isEmpty()) {
            return;
        }
        say("sending the pattern's %d refused requests again", refused.size());
        awaitHealthy(edge);
        OriginalPattern.Client client = jsonClient(edge);
        long giveUp = System.nanoTime() + RESEND_FOR.toNanos();
        for (OriginalPattern.Sent sent : refused) {
            while (System.nanoTime() < giveUp) {
                if (client.post(sent.body()).status() / 100 == 2) {
                    expected.put((String) sent.event().get("event_id"), sent.event());
                    break;
                }
                Thread.sleep(1_000); // the edge's Retry-After
            }
        }
    }

    /** Waits (up to 2 minutes) until the stack's {@code /health} answers 200: after an overload Kinesis may lag. */
    private static void awaitHealthy(URI edge) throws InterruptedException {
        long giveUp = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (JavaChild.status(edge.resolve("/health")) != 200 && System.nanoTime() < giveUp) {
            Thread.sleep(500);
        }
    }

    /** Polls until the tables hold exactly what was acknowledged, or {@link #CHECK_FOR} passes. */
    private static TableCheck checkUntilPassed(DynamoDbClient dynamoDb, Map<String, Map<String, Object>> expected)
            throws InterruptedException {
        long giveUp = System.nanoTime() + CHECK_FOR.toNanos();
        while (true) {
            TableCheck check = TableCheck.run(dynamoDb, TABLES, expected, System.currentTimeMillis() / 1000);
            if (check.passed() || System.nanoTime() > giveUp) {
                return check;
            }
            Thread.sleep(2_000);
        }
    }

    /** {@code POST /events} with one JSON event, as the original project's client sent it. */
    static OriginalPattern.Client jsonClient(URI edge) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        URI events = edge.resolve("/events");
        return body -> {
            HttpRequest request = HttpRequest.newBuilder(events)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) liveinsight-original-pattern")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            long started = System.nanoTime();
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                return new OriginalPattern.Answer(status, System.nanoTime() - started);
            } catch (IOException e) {
                return new OriginalPattern.Answer(0, System.nanoTime() - started);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new OriginalPattern.Answer(0, System.nanoTime() - started);
            }
        };
    }

    static void say(String format, Object... args) {
        System.out.printf("[%s] %s%n", Instant.now().toString().substring(11, 19), String.format(format, args));
    }
}
