package io.liveinsight.load.chaos;

import io.liveinsight.event.TableNames;
import io.liveinsight.event.time.Sleeper;
import io.liveinsight.load.check.ActiveSessionProbe;
import io.liveinsight.load.check.TableCheck;
import io.liveinsight.load.replay.Beacon;
import io.liveinsight.load.replay.HttpSender;
import io.liveinsight.load.replay.Plans;
import io.liveinsight.load.replay.RateProfile;
import io.liveinsight.load.replay.ReplaySummary;
import io.liveinsight.load.replay.Replayer;
import io.liveinsight.load.replay.Ticker;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The chaos run: recorded traffic replayed through the tracker's batching rules against the pipeline while faults are
 * injected one after another and then together; at the end the tables are compared with everything acknowledged.
 */
public final class ChaosRun {

    /** Requests a client keeps resending before giving up; with Retry-After pacing that outlasts any fault here. */
    static final int MAX_ATTEMPTS = 10_000;

    private final ChaosSettings settings;
    private final PrintStream out;

    public ChaosRun(ChaosSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public ChaosResult run() throws Exception {
        say("starting DynamoDB Local, kinesis-mock, two fault proxies and the edge (logs in %s)", settings.logDir());
        try (ChaosStack stack = ChaosStack.start(settings);
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            say("edge at %s; starting workers A and B (KCL: 10-35 s)", stack.edge());
            stack.startConsumer("A");
            stack.startConsumer("B");
            String runId = Long.toString(System.currentTimeMillis(), 36);
            HttpSender edge = new HttpSender(stack.edge(), Duration.ofSeconds(30));
            TableNames tables = TableNames.defaults();
            try (Probes probes = new Probes(
                    new ActiveSessionProbe(edge, stack.dynamoDb(), tables.activeSessions(), runId),
                    stack::shardRanges,
                    runId)) {
                double live = probes.secondsUntilLive(System.nanoTime(), 120_000);
                if (live < 0) {
                    throw new IllegalStateException(
                            "the workers processed nothing within 120 s; see " + settings.logDir());
                }
                say("pipeline live on %d shards (%.1f s for the first probes)", ChaosStack.SHARDS, live);
                return drive(stack, threads, edge, probes, tables);
            }
        }
    }

    private ChaosResult drive(
            ChaosStack stack, ExecutorService threads, HttpSender edge, Probes probes, TableNames tables)
            throws Exception {
        long budgetMs = 4 * settings.throttleMs()
                + 4 * settings.outageMs()
                + 2 * settings.togetherMs()
                + settings.lateResendMs()
                + 900_000;
        RateProfile steady = RateProfile.steady(budgetMs, settings.eventsPerSecond());
        List<Beacon> plan = steady.schedule(Plans.tracker(settings.seed(), (int) steady.events(), 0));
        CountingSender clients = new CountingSender(edge);
        AtomicBoolean stop = new AtomicBoolean();
        Replayer replayer = new Replayer(
                clients,
                Ticker.SYSTEM,
                Sleeper.SYSTEM,
                threads,
                settings.clientsInFlight(),
                MAX_ATTEMPTS,
                true,
                Replayer.ProgressListener.NONE);
        long trafficStart = System.nanoTime();
        long trafficStartMs = System.currentTimeMillis();
        Future<ReplaySummary> traffic = threads.submit(() -> replayer.run(plan, stop::get));
        Future<?> progress = threads.submit(() -> progress(clients, trafficStart, stop));
        say(
                "traffic: %.0f events/s through the tracker's batching (10 per request or 5 s)",
                settings.eventsPerSecond());

        FaultSteps steps = new FaultSteps(stack, clients, edge, probes, settings, trafficStart, this::say);
        try {
            runSteps(steps);
        } catch (RuntimeException e) {
            // Give up at once: the clients would resend into a dead pipeline for ever and hold the threads.
            stop.set(true);
            traffic.cancel(true);
            progress.cancel(true);
            threads.shutdownNow();
            steps.records().forEach(r -> say("  so far: %s, live again after %.1f s", r.name(), r.recoveryS()));
            throw new IllegalStateException("chaos run stopped: " + e.getMessage(), e);
        }

        stop.set(true);
        ReplaySummary summary = traffic.get(5, TimeUnit.MINUTES);
        double trafficS = (System.nanoTime() - trafficStart) / 1e9;
        progress.get();
        say("traffic stopped: %s", summary.describe());
        long drainStart = System.nanoTime();
        double drain = probes.secondsUntilLive(drainStart, FaultSteps.RECOVERY_TIMEOUT_MS);
        say("every shard processed to the end %.1f s after the traffic stopped", drain);

        Map<String, Map<String, Object>> expected = new HashMap<>();
        for (Beacon beacon : plan) {
            for (Map<String, Object> event : beacon.events()) {
                if (summary.acceptedEventIds().contains((String) event.get("event_id"))) {
                    expected.put((String) event.get("event_id"), event);
                }
            }
        }
        probes.sentEvents().forEach(e -> expected.put((String) e.get("event_id"), e));
        Map<String, Map<String, Object>> own = steps.ownEvents();
        expected.putAll(own);
        say("comparing the tables with %,d acknowledged events", expected.size());
        TableCheck check =
                TableCheck.run(stack.dynamoDb(), tables, expected, Instant.now().getEpochSecond());
        for (String session : check.wrongSessions()) {
            say("session %s, as the Events table holds it (received: seconds since the traffic started):", session);
            SessionForensics.describe(stack.dynamoDb(), tables.events(), session, trafficStartMs)
                    .forEach(this::say);
        }
        DeadLetterCheck.Letters letters = DeadLetterCheck.read(stack.kinesis(), ChaosStack.DEAD_LETTERS);
        long poisonPut = steps.poison().stream()
                .mapToLong(p -> p.sequenceNumbers().size())
                .sum();
        long poisonMissing = steps.poison().stream()
                .mapToLong(p -> letters.missingOf(p.sequenceNumbers()))
                .sum();
        return new ChaosResult(
                settings.label(),
                trafficS,
                summary.eventsSent() + own.size(),
                summary.acceptedEventIds().size() + own.size(),
                summary.requests(),
                summary.retried(),
                summary.failed(),
                steps.duplicateEvents(),
                poisonPut,
                poisonMissing,
                letters.letters(),
                steps.restarts(),
                drain,
                steps.records(),
                check);
    }

    /** The steps in order; each returns once every shard is live again, or throws. */
    private static void runSteps(FaultSteps steps) {
        steps.hostileIds();
        steps.bigSession();
        steps.keepForLateResends();
        steps.kinesisThrottling();
        steps.kinesisUnreachable();
        steps.dynamoDbThrottling();
        steps.dynamoDbDown();
        steps.consumerKilled("A");
        steps.leaseHandover("B");
        steps.resharding();
        steps.poisonRecords();
        steps.duplicates();
        steps.lateResends();
        steps.together("A");
        steps.quiet();
    }

    private Void progress(CountingSender clients, long start, AtomicBoolean stop) throws InterruptedException {
        while (!stop.get()) {
            Thread.sleep(10_000);
            CountingSender.Counts now = clients.counts();
            say(
                    "  t=%3.0f s: %,d requests acknowledged, %,d answered 503, %,d without answer",
                    (System.nanoTime() - start) / 1e9, now.acknowledged(), now.unavailable(), now.noAnswer());
        }
        return null;
    }

    void say(String format, Object... args) {
        out.printf("[%s] %s%n", Instant.now().toString().substring(11, 19), String.format(format, args));
        out.flush();
    }

    private void say(String line) {
        say("%s", line);
    }
}
