package io.liveinsight.processor.bench;

import io.liveinsight.event.Event;
import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.domain.RecordPosition;
import io.liveinsight.processor.domain.SessionUpdate;
import io.liveinsight.processor.domain.StoredSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The pure session update on one thread (events per second per core): realistic KCL batches of 200 records
 * (sessions of ~10 events, 1-3 beacons each, interleaved), grouped by client session id as the batch writer does,
 * each session's events given to {@link SessionUpdate#apply} with what was stored before the batch (null for a
 * session's first batch), which is what {@code DynamoDbSessionStore} does between its reads and its conditional
 * writes. One operation is one event. Ids and strings are production's ({@link ReplayTraffic}: tracker ids, a
 * Chrome user agent, page URLs of 80-120 characters).
 *
 * <p>Beside it, one-event batches (what live beacons give) on sessions of 10, 1,000 and {@value #LONG_SESSION_EVENTS}
 * events in one open segment: the stored state is bounded, so the cost must not grow with the session.
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
    static final int EVENTS = 10_035;
    /** Events already in the longest session's open segment. */
    static final int LONG_SESSION_EVENTS = 10_000;
    /** 10,000 events 8 s apart span 22.2 h: one segment, under the 24 h cap. */
    private static final long LONG_SESSION_INTERVAL_MS = 8_000;

    private static final long BASE_TIME = 1_790_000_000_000L;

    /** Per batch: each session's events and what was stored before the batch. */
    private final List<List<Step>> batches = new ArrayList<>();
    /** Every session's state after the whole replay, for {@link #replayBatches}. */
    private final Map<String, StoredSession> stored = new HashMap<>();

    private record Step(String sessionId, StoredSession before, List<PositionedEvent> events) {}

    @Setup(Level.Trial)
    public void setUp() {
        List<ReplayTraffic.Beacon> beacons = ReplayTraffic.beacons(42L, SESSIONS, BASE_TIME);
        int events = beacons.stream().mapToInt(b -> b.events().size()).sum();
        if (events != EVENTS) {
            throw new IllegalStateException("replay has " + events + " events; update EVENTS");
        }
        long sequence = 0;
        for (List<ReplayTraffic.Beacon> batch : ReplayTraffic.batches(beacons, RECORDS_PER_BATCH)) {
            Map<String, List<PositionedEvent>> bySession = new LinkedHashMap<>();
            for (ReplayTraffic.Beacon beacon : batch) {
                RecordPosition position = RecordPosition.of(ReplayTraffic.SHARD, Long.toString(sequence++));
                List<PositionedEvent> sessionEvents =
                        bySession.computeIfAbsent(beacon.sessionId(), k -> new ArrayList<>());
                beacon.events().forEach(e -> sessionEvents.add(new PositionedEvent(e, position, false)));
            }
            List<Step> steps = new ArrayList<>();
            bySession.forEach((sessionId, sessionEvents) -> {
                StoredSession before = stored.get(sessionId);
                steps.add(new Step(sessionId, before, List.copyOf(sessionEvents)));
                stored.put(
                        sessionId,
                        SessionUpdate.apply(before, sessionId, sessionEvents).after());
            });
            batches.add(steps);
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void applyBatches(Blackhole blackhole) {
        for (List<Step> batch : batches) {
            for (Step step : batch) {
                blackhole.consume(SessionUpdate.apply(step.before(), step.sessionId(), step.events()));
            }
        }
    }

    /** A KCL replay of every batch: all events counted already, so nothing changes (the replay-detection path). */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void replayBatches(Blackhole blackhole) {
        for (List<Step> batch : batches) {
            for (Step step : batch) {
                blackhole.consume(SessionUpdate.apply(stored.get(step.sessionId()), step.sessionId(), step.events()));
            }
        }
    }

    /**
     * One live beacon's event on a session of {@code events} events (10, 1,000 or {@value #LONG_SESSION_EVENTS}):
     * the stored state stops growing once the session passes the 30 minutes of per-minute counts it keeps, so 1,000
     * and 10,000 must cost the same.
     */
    @Benchmark
    public SessionUpdate.Plan oneEvent(OneEvent session) {
        return SessionUpdate.apply(session.current, session.sessionId, session.next);
    }

    /**
     * A heartbeat-like session of {@code events} events 8 s apart (one open segment), stored in records of 500
     * events, and the next event in a record of its own.
     */
    @State(Scope.Thread)
    public static class OneEvent {
        @Param({"10", "1000", "10000"})
        int events;

        String sessionId;
        StoredSession current;
        List<PositionedEvent> next;

        @Setup(Level.Trial)
        public void setUp() {
            Random random = new Random(events);
            sessionId = ReplayTraffic.hexId(random);
            List<Event> history = ReplayTraffic.heartbeats(
                    random, ReplayTraffic.userId(random), sessionId, BASE_TIME, events + 1, LONG_SESSION_INTERVAL_MS);
            long sequence = 0;
            for (int from = 0; from < events; from += 500) {
                RecordPosition position = RecordPosition.of(ReplayTraffic.SHARD, Long.toString(sequence++));
                List<PositionedEvent> batch = history.subList(from, Math.min(events, from + 500)).stream()
                        .map(e -> new PositionedEvent(e, position, false))
                        .toList();
                current = SessionUpdate.apply(current, sessionId, batch).after();
            }
            if (current.open().size() != 1 || current.open().get(0).aggregate().totalEvents() != events) {
                throw new IllegalStateException("expected one open segment of " + events + " events: " + current);
            }
            next = List.of(new PositionedEvent(
                    history.get(events), RecordPosition.of(ReplayTraffic.SHARD, Long.toString(sequence)), false));
        }
    }
}
