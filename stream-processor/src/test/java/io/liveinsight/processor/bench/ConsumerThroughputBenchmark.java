package io.liveinsight.processor.bench;

import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.event.time.Sleeper;
import io.liveinsight.processor.concurrent.Parallel;
import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.domain.SessionUpdate;
import io.liveinsight.processor.domain.StoredSession;
import io.liveinsight.processor.pipeline.BatchWriter;
import io.liveinsight.processor.pipeline.Pipeline;
import io.liveinsight.processor.pipeline.RecordDecoder;
import io.liveinsight.processor.pipeline.RecordDecoder.RawRecord;
import io.liveinsight.processor.port.EventStore;
import io.liveinsight.processor.port.SessionStore;
import io.liveinsight.processor.port.StreamMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one shard's consumer can take when every DynamoDB call takes 5 ms (DynamoDB Local cannot take 1,000
 * records/s on 2 cores, so the stores are doubles): the real {@link Pipeline} (decode, then {@link BatchWriter}:
 * Events ledger side by side, then the batch's client sessions side by side, bounded) over an in-memory
 * {@link EventStore} that takes 5 ms per event (one conditional PutItem each, {@link Pipeline#EVENT_WRITES} at once)
 * and an in-memory {@link SessionStore} that takes 5 ms to read, 5 ms to write and 5 ms to project into
 * ActiveSessions per session, applying the real {@link SessionUpdate} in between.
 *
 * <p>Traffic: batches of 1,000 records, one per session (1,000 distinct sessions a batch, the same sessions batch
 * after batch), 1-2 events each, what a shard at its 1,000 records/s limit delivers every second; ids and strings as
 * production's ({@link ReplayTraffic}). Printed for one
 * session at a time (before issue 13: sessions written one after another) and for {@link Pipeline#SESSION_WRITES}
 * at once, medians of the runs.
 *
 * <p>Run: {@code ./mvnw -B -q -pl stream-processor -am -Pbench -DskipTests -Dbench.jmh.skip -Dbench.writeunits.skip
 * -Dbench.sessionlength.skip verify} (arguments, {@code -Dthroughput.args}: batches, runs, batches when sequential,
 * session writes at once...).
 */
public final class ConsumerThroughputBenchmark {

    static final Duration CALL = Duration.ofMillis(5);
    static final int RECORDS_PER_BATCH = 1_000;
    /** Issue 13: records per second per shard, with as many distinct sessions per second. */
    static final double TARGET = 1_000;

    private ConsumerThroughputBenchmark() {}

    public static void main(String[] args) {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int sequentialBatches = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        List<Integer> limits = args.length > 3
                ? Arrays.stream(args, 3, args.length).map(Integer::valueOf).toList()
                : List.of(1, Pipeline.SESSION_WRITES);
        System.out.printf(
                "every store call %d ms; batches of %,d records (one per session, 1-2 events), %d batches a run"
                        + " (%d with one session at a time); Events ledger %d puts at once%n",
                CALL.toMillis(), RECORDS_PER_BATCH, batches, sequentialBatches, Pipeline.EVENT_WRITES);
        List<String> table = new ArrayList<>();
        for (int limit : limits) {
            int count = limit == 1 ? sequentialBatches : batches;
            double[] records = new double[runs];
            double[] sessions = new double[runs];
            double[] events = new double[runs];
            for (int run = 0; run < runs; run++) {
                Result result = run(limit, traffic(count, 1_000L * run + limit));
                records[run] = result.records() / result.seconds();
                sessions[run] = result.sessions() / result.seconds();
                events[run] = result.events() / result.seconds();
                System.out.printf(
                        "session writes at once %d, run %d: %,d records, %,d session writes, %,d events in %.2f s:"
                                + " %,.0f records/s, %,.0f distinct sessions/s (Events ledger %.0f%% of the time)%n",
                        limit,
                        run + 1,
                        result.records(),
                        result.sessions(),
                        result.events(),
                        result.seconds(),
                        records[run],
                        sessions[run],
                        100 * result.ledgerSeconds() / result.seconds());
            }
            double medianRecords = SessionLengthBenchmark.median(records);
            table.add(String.format(
                    "| %d%s | %,.0f | %,.0f | %,.0f | %s |",
                    limit,
                    limit == 1 ? " (one after another, before issue 13)" : "",
                    medianRecords,
                    SessionLengthBenchmark.median(sessions),
                    SessionLengthBenchmark.median(events),
                    medianRecords >= TARGET ? "yes" : "**no**"));
        }
        System.out.printf("%nOne shard, every store call %d ms, medians of %d runs:%n%n", CALL.toMillis(), runs);
        System.out.println(
                "| sessions written at once | records/s | distinct sessions/s | events/s | >= 1,000 records/s |");
        System.out.println("|---|---:|---:|---:|---|");
        table.forEach(System.out::println);
    }

    /** One run; {@code ledgerSeconds}: the part spent storing the batches' events, before their sessions. */
    record Result(int records, int sessions, int events, double seconds, double ledgerSeconds) {}

    /** Every batch through a pipeline whose session writes run {@code limit} at a time. */
    private static Result run(int limit, List<List<RawRecord>> batches) {
        SlowSessionStore sessionStore = new SlowSessionStore();
        AtomicLong ledgerNanos = new AtomicLong();
        AtomicInteger letters = new AtomicInteger();
        try (Parallel events = new Parallel(Pipeline.EVENT_WRITES);
                Parallel sessions = new Parallel(limit)) {
            BatchWriter writer = new BatchWriter(
                    new SlowEventStore(events, ledgerNanos),
                    sessionStore,
                    sent -> letters.addAndGet(sent.size()), // none expected: nothing here is refused
                    sessions,
                    StreamMetrics.NONE,
                    () -> false,
                    Sleeper.SYSTEM);
            Pipeline pipeline = new Pipeline(new RecordDecoder(new EventCodec()), writer, StreamMetrics.NONE);
            int records = 0;
            long started = System.nanoTime();
            for (List<RawRecord> batch : batches) {
                if (!pipeline.process(batch)) {
                    throw new IllegalStateException("batch not stored");
                }
                records += batch.size();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (letters.get() > 0) {
                throw new IllegalStateException(letters.get() + " dead letters");
            }
            return new Result(
                    records, sessionStore.writes.get(), sessionStore.events.get(), seconds, ledgerNanos.get() / 1e9);
        }
    }

    /**
     * {@code count} batches of 1,000 records, one per session (the same 1,000 sessions each batch), 1-2 events, with
     * production's ids and strings ({@link ReplayTraffic}).
     */
    private static List<List<RawRecord>> traffic(int count, long seed) {
        Random random = new Random(seed);
        EventCodec codec = new EventCodec();
        long start = 1_790_000_000_000L;
        long sequence = 0;
        List<String> sessionIds = new ArrayList<>();
        List<String> userIds = new ArrayList<>();
        for (int s = 0; s < RECORDS_PER_BATCH; s++) {
            sessionIds.add(ReplayTraffic.hexId(random));
            userIds.add(ReplayTraffic.userId(random));
        }
        List<List<RawRecord>> batches = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            List<RawRecord> batch = new ArrayList<>(RECORDS_PER_BATCH);
            for (int s = 0; s < RECORDS_PER_BATCH; s++) {
                String sessionId = sessionIds.get(s);
                List<Event> events = new ArrayList<>();
                int perRecord = 1 + random.nextInt(2);
                for (int e = 0; e < perRecord; e++) {
                    long time = start + b * 1_000L + random.nextInt(1_000);
                    String type = b == 0 && e == 0 ? "page_view" : random.nextBoolean() ? "click" : "scroll_depth";
                    events.add(ReplayTraffic.event(userIds.get(s), sessionId, type, time, random));
                }
                batch.add(
                        new RawRecord(ReplayTraffic.SHARD, sessionId, Long.toString(sequence++), codec.encode(events)));
            }
            batches.add(batch);
        }
        return batches;
    }

    private static void call() {
        try {
            Thread.sleep(CALL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Events ledger: one 5 ms conditional put per event, side by side; every event new. */
    private record SlowEventStore(Parallel parallel, AtomicLong nanos) implements EventStore {

        @Override
        public Ledger store(List<PositionedEvent> events) {
            long started = System.nanoTime();
            List<PositionedEvent> owned = parallel.map(events, event -> {
                call();
                return event;
            });
            nanos.addAndGet(System.nanoTime() - started);
            return new Ledger(owned, List.of(), null);
        }
    }

    /** Sessions and ActiveSessions: a 5 ms read, the real update, a 5 ms write and a 5 ms projection. */
    private static final class SlowSessionStore implements SessionStore {

        final Map<String, StoredSession> stored = new ConcurrentHashMap<>();
        final AtomicInteger writes = new AtomicInteger();
        final AtomicInteger events = new AtomicInteger();

        @Override
        public void apply(String clientSessionId, List<PositionedEvent> batch) {
            call();
            SessionUpdate.Plan plan = SessionUpdate.apply(stored.get(clientSessionId), clientSessionId, batch);
            call();
            stored.put(clientSessionId, plan.after());
            call();
            writes.incrementAndGet();
            events.addAndGet(batch.size());
        }
    }
}
