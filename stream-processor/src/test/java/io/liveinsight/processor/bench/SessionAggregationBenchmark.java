package io.liveinsight.processor.bench;

import io.liveinsight.event.Event;
import io.liveinsight.processor.domain.SessionState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The pure aggregation on one thread (events per second per core): realistic KCL batches of 200 records (sessions
 * of ~10 events, 1-3 beacons each, interleaved), grouped by session as the batch writer does, each session's events
 * applied with {@link SessionState#apply} to the state stored before the batch (null for a session's first batch),
 * which is what {@code DynamoDbSessionStore} does between its read and its conditional put. One operation is one
 * event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m", "-XX:+UseParallelGC"})
@Threads(1)
public class SessionAggregationBenchmark {

    private static final int SESSIONS = 1_000;
    private static final int RECORDS_PER_BATCH = 200;
    /** Events in the replay below (constant for the seed); JMH divides by it. */
    static final int EVENTS = 10_132;

    /** Per batch: each session's events and its stored state before the batch. */
    private final List<List<Step>> batches = new ArrayList<>();

    private record Step(String sessionId, SessionState before, List<Event> events) {}

    @Setup(Level.Trial)
    public void setUp() {
        List<ReplayTraffic.Beacon> beacons = ReplayTraffic.beacons(42L, SESSIONS, 1_790_000_000_000L);
        int events = beacons.stream().mapToInt(b -> b.events().size()).sum();
        if (events != EVENTS) {
            throw new IllegalStateException("replay has " + events + " events; update EVENTS");
        }
        Map<String, SessionState> stored = new HashMap<>();
        for (List<ReplayTraffic.Beacon> batch : ReplayTraffic.batches(beacons, RECORDS_PER_BATCH)) {
            List<Step> steps = new ArrayList<>();
            ReplayTraffic.bySession(batch).forEach((sessionId, sessionEvents) -> {
                SessionState before = stored.get(sessionId);
                steps.add(new Step(sessionId, before, sessionEvents));
                stored.put(
                        sessionId,
                        SessionState.apply(before, sessionId, sessionEvents)
                                .orElseThrow()
                                .state());
            });
            batches.add(steps);
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void applyBatches(Blackhole blackhole) {
        for (List<Step> batch : batches) {
            for (Step step : batch) {
                blackhole.consume(SessionState.apply(step.before(), step.sessionId(), step.events()));
            }
        }
    }

    /** A KCL replay of every batch: all events counted already, so nothing changes (the replay-detection path). */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void replayBatches(Blackhole blackhole, Replayed replayed) {
        for (List<Step> batch : batches) {
            for (Step step : batch) {
                blackhole.consume(
                        SessionState.apply(replayed.after.get(step.sessionId()), step.sessionId(), step.events()));
            }
        }
    }

    /** Every session's final state, for {@link #replayBatches}. */
    @State(Scope.Thread)
    public static class Replayed {
        final Map<String, SessionState> after = new HashMap<>();

        @Setup(Level.Trial)
        public void setUp(SessionAggregationBenchmark benchmark) {
            for (List<Step> batch : benchmark.batches) {
                for (Step step : batch) {
                    after.merge(
                            step.sessionId(),
                            SessionState.apply(step.before(), step.sessionId(), step.events())
                                    .orElseThrow()
                                    .state(),
                            (a, b) -> b.appliedEvents() > a.appliedEvents() ? b : a);
                }
            }
        }
    }
}
