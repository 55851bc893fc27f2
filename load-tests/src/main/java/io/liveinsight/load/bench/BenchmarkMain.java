package io.liveinsight.load.bench;

import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.Defaults;
import io.liveinsight.event.time.Sleeper;
import io.liveinsight.load.check.ActiveSessionProbe;
import io.liveinsight.load.check.TableCheck;
import io.liveinsight.load.cli.Args;
import io.liveinsight.load.replay.Beacon;
import io.liveinsight.load.replay.ConsoleProgressBar;
import io.liveinsight.load.replay.HttpSender;
import io.liveinsight.load.replay.Plans;
import io.liveinsight.load.replay.RateProfile;
import io.liveinsight.load.replay.ReplaySummary;
import io.liveinsight.load.replay.Replayer;
import io.liveinsight.load.replay.Sender;
import io.liveinsight.load.replay.Ticker;
import io.liveinsight.local.engines.LocalAwsClients;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The end-to-end benchmark on the local stack, in one run: throughput, PutRecords-to-ActiveSessions latency, a 10x
 * burst with lag recovery, write units, Kinesis records and bytes per event, the emulators alone, exactly-once
 * verification of everything sent, and the cost model. Writes {@code latest.json} and {@code latest.md}.
 */
public final class BenchmarkMain {

    static final long LAG_TARGET_MS = 5_000;

    private BenchmarkMain() {}

    public static void main(String[] argv) throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.from(Args.parse(argv));
        BenchmarkReport report = new BenchmarkReport(settings);
        report.machine(Machine.describe());
        TableNames tables = TableNames.defaults();
        String runId = Long.toString(System.currentTimeMillis(), 36);
        Path log =
                settings.resultsDir().resolve("../target/benchmark-stack.log").normalize();
        say("starting the local stack (%s; log %s)", settings.jar(), log);
        try (LocalProcess stack = LocalProcess.start(settings.jar(), log, Duration.ofSeconds(180));
                DynamoDbClient dynamoDb = LocalAwsClients.dynamoDb(stack.dynamoDb());
                KinesisClient kinesis = LocalAwsClients.kinesis(stack.kinesis());
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Sender sender = new HttpSender(stack.edge(), Duration.ofSeconds(30));
            StackMetrics metrics = new StackMetrics(stack.edge());
            ActiveSessionProbe probe = new ActiveSessionProbe(sender, dynamoDb, tables.activeSessions(), runId);
            Map<String, Map<String, Object>> expected = new HashMap<>();

            say("waiting for the consumer's first lease (KCL: 10-35 s)");
            long startedWaiting = System.nanoTime();
            ActiveSessionProbe.Sample first = probe.probe(120_000);
            if (first.latencyMs() < 0) {
                throw new IllegalStateException("the consumer processed nothing within 120 s; see " + log);
            }
            report.put("first_event_after_healthy_s", (System.nanoTime() - startedWaiting) / 1e9);

            // 1. Throughput: as fast as the edge takes it, then until the consumer has stored it all.
            List<Beacon> throughputPlan = plan(settings.seed(), settings.throughputEvents(), 0);
            double processedBefore = metrics.get(StackMetrics.EVENTS_PROCESSED);
            long t0 = System.nanoTime();
            ReplaySummary throughput = replay("throughput", sender, threads, settings.concurrency(), throughputPlan);
            record(expected, throughputPlan, throughput);
            long drained = awaitProcessed(metrics, processedBefore + throughput.accepted(), Duration.ofMinutes(5));
            report.throughput(throughput, throughput.accepted() / ((drained - t0) / 1e9));

            // 2. Latency under steady background traffic.
            RateProfile steady = RateProfile.steady(settings.latencySeconds() * 1000L, settings.latencyRate());
            List<Beacon> steadyPlan = steady.schedule(plan(settings.seed() + 1, (int) steady.events(), 0));
            processedBefore = metrics.get(StackMetrics.EVENTS_PROCESSED);
            Future<ReplaySummary> background =
                    threads.submit(() -> replay("steady", sender, threads, settings.concurrency(), steadyPlan, false));
            List<ActiveSessionProbe.Sample> latency =
                    probeEvery(probe, 250, settings.latencySeconds() * 1000L, 30_000, threads);
            ReplaySummary steadySummary = background.get();
            record(expected, steadyPlan, steadySummary);
            awaitProcessed(metrics, processedBefore + steadySummary.accepted(), Duration.ofMinutes(5));
            report.latency(steadySummary, latency);

            // 3. Burst: base, 10x base for 60 s, base; lag measured by probes and the consumer's MillisBehindLatest.
            RateProfile burst = RateProfile.burst(
                    settings.baseRate(),
                    settings.burstFactor(),
                    settings.beforeSeconds() * 1000L,
                    settings.burstSeconds() * 1000L,
                    settings.afterSeconds() * 1000L);
            List<Beacon> burstPlan =
                    burst.schedule(plan(settings.seed() + 2, (int) burst.events(), burst.durationMs()));
            processedBefore = metrics.get(StackMetrics.EVENTS_PROCESSED);
            long burstStart = System.nanoTime();
            long burstEnd = burstStart + (settings.beforeSeconds() + settings.burstSeconds()) * 1_000_000_000L;
            List<double[]> behind = new CopyOnWriteArrayList<>();
            Future<?> sampler = threads.submit(() -> sampleLag(metrics, behind, burstStart, burst.durationMs()));
            Future<ReplaySummary> burstRun =
                    threads.submit(() -> replay("burst", sender, threads, settings.concurrency(), burstPlan, true));
            List<ActiveSessionProbe.Sample> lag = probeEvery(probe, 1_000, burst.durationMs(), 150_000, threads);
            ReplaySummary burstSummary = burstRun.get();
            long lastSent = System.nanoTime();
            record(expected, burstPlan, burstSummary);
            long burstDrained = awaitProcessed(
                    metrics, processedBefore + burstSummary.accepted() + lag.size(), Duration.ofMinutes(5));
            sampler.get();
            report.burst(settings, burstSummary, lag, behind, burstEnd, burstDrained - lastSent);
            probe.sentEvents().forEach(e -> expected.put((String) e.get("event_id"), e));

            // 4. What the consumer wrote, what the stream holds, the emulators alone, and the check.
            Thread.sleep(2_000); // let the last batch's metrics land
            report.writeUnits(metrics.read());
            say("reading the stream");
            StreamStats stream = StreamStats.read(kinesis, LocalStackDefaults.STREAM);
            report.stream(stream);
            say("measuring the emulators alone (%d s each)", settings.emulatorSeconds());
            int recordBytes = (int) Math.max(100, stream.bytes() / Math.max(1, stream.records()));
            report.emulators(EmulatorAlone.measure(kinesis, dynamoDb, recordBytes, settings.emulatorSeconds() * 1000L));
            say("verifying %,d events in the tables", expected.size());
            report.check(TableCheck.run(dynamoDb, tables, expected, System.currentTimeMillis() / 1000));
        }
        report.finish();
        report.write(settings.resultsDir());
        System.out.println();
        System.out.println(report.markdown());
    }

    static List<Beacon> plan(long seed, int events, long spreadMs) {
        return Plans.tracker(seed, events, spreadMs);
    }

    private static ReplaySummary replay(
            String label, Sender sender, ExecutorService threads, int concurrency, List<Beacon> plan)
            throws InterruptedException {
        return replay(label, sender, threads, concurrency, plan, true);
    }

    private static ReplaySummary replay(
            String label, Sender sender, ExecutorService threads, int concurrency, List<Beacon> plan, boolean bar)
            throws InterruptedException {
        Replayer replayer = new Replayer(
                sender,
                Ticker.SYSTEM,
                Sleeper.SYSTEM,
                threads,
                concurrency,
                Replayer.DEFAULT_MAX_ATTEMPTS,
                true,
                bar
                        ? new ConsoleProgressBar(System.err, String.format("%-10s", label))
                        : Replayer.ProgressListener.NONE);
        ReplaySummary summary = replayer.run(plan);
        say("%s: %s", label, summary.describe());
        return summary;
    }

    private static void record(Map<String, Map<String, Object>> expected, List<Beacon> plan, ReplaySummary summary) {
        for (Beacon beacon : plan) {
            for (Map<String, Object> event : beacon.events()) {
                String id = (String) event.get("event_id");
                if (summary.acceptedEventIds().contains(id)) {
                    expected.put(id, event);
                }
            }
        }
    }

    private static List<ActiveSessionProbe.Sample> probeEvery(
            ActiveSessionProbe probe, long everyMs, long forMs, long timeoutMs, ExecutorService threads)
            throws Exception {
        List<Future<ActiveSessionProbe.Sample>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (long at = 0; at < forMs; at += everyMs) {
            long wait = start + at * 1_000_000 - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            futures.add(threads.submit(() -> probe.probe(timeoutMs)));
        }
        List<ActiveSessionProbe.Sample> samples = new ArrayList<>();
        for (Future<ActiveSessionProbe.Sample> future : futures) {
            samples.add(future.get());
        }
        return samples;
    }

    private static Void sampleLag(StackMetrics metrics, List<double[]> out, long start, long forMs)
            throws InterruptedException {
        long end = start + forMs * 1_000_000;
        while (System.nanoTime() < end) {
            double behind = metrics.read().getOrDefault(StackMetrics.MILLIS_BEHIND, -1.0);
            out.add(new double[] {(System.nanoTime() - start) / 1e9, behind});
            Thread.sleep(1_000);
        }
        return null;
    }

    /** Waits until the consumer counted {@code target} processed events; returns when (System.nanoTime). */
    private static long awaitProcessed(StackMetrics metrics, double target, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (metrics.get(StackMetrics.EVENTS_PROCESSED) >= target) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        say("warning: the consumer did not reach %,.0f processed events within %s", target, timeout);
        return System.nanoTime();
    }

    static void say(String format, Object... args) {
        System.out.printf("[%s] %s%n", Instant.now().toString().substring(11, 19), String.format(format, args));
    }

    /** The local stack's defaults (local README). */
    static final class LocalStackDefaults {
        static final String STREAM = Defaults.STREAM_NAME;

        private LocalStackDefaults() {}
    }
}
