package io.liveinsight.processor.pipeline.rollups;

import io.liveinsight.event.Event;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.processor.concurrent.Parallel;
import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.domain.RecordPosition;
import io.liveinsight.processor.domain.Segment;
import io.liveinsight.processor.domain.SessionAggregate;
import io.liveinsight.processor.domain.stats.StatsRules;
import io.liveinsight.processor.metrics.InMemoryStreamMetrics;
import io.liveinsight.processor.pipeline.BatchWriter;
import io.liveinsight.processor.port.DeadLetters.DeadLetter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A stream of records through the real {@link BatchWriter} over in-memory stores, as KCL drives it: batches of
 * consecutive records of one shard from the last checkpoint, a parent shard before its child; a worker that dies
 * anywhere in a batch ({@link Fault}) leaves the checkpoint where it was, and the records come again cut into other
 * batches; at the end a late worker replays records it held before.
 */
final class StreamRun {

    static final String PARENT = "shardId-000000000000";
    static final String CHILD = "shardId-000000000001";
    private static final BigInteger FIRST_SEQUENCE =
            new BigInteger("49590338271490256608559692538361571095921575989136588898");
    private static final int MAX_FAULTS = 8;

    /** One Kinesis record: its shard, sequence number and events. */
    record Record(String shardId, BigInteger sequence, List<Event> events) {

        List<PositionedEvent> positioned() {
            List<PositionedEvent> positioned = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                positioned.add(
                        new PositionedEvent(events.get(i), new RecordPosition(shardId, sequence, 0).at(i), false));
            }
            return positioned;
        }
    }

    private final Random random;
    private Fault fault = Fault.NONE;
    private final InMemoryLedger ledger = new InMemoryLedger(() -> fault);
    private final InMemorySessionStore sessions;
    private final InMemoryStats stats;
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final StatsRules rules;
    private final List<Fault> faultsSeen = new ArrayList<>();
    private final BatchWriter worker;
    private final BatchWriter otherWorker;

    StreamRun(StatsRules rules, Random random) {
        this.rules = rules;
        this.random = random;
        this.sessions = new InMemorySessionStore(() -> fault, random);
        this.stats = new InMemoryStats(() -> fault, random);
        this.worker = writer();
        this.otherWorker = writer();
    }

    /**
     * The delivered events cut into records of 1-4 events; the records from a random one on go to a child shard
     * (a split), each shard's sequence numbers rising.
     */
    List<Record> records(List<Event> delivered) {
        List<Record> records = new ArrayList<>();
        int childFrom = random.nextInt(3) == 0 ? Integer.MAX_VALUE : random.nextInt(delivered.size() + 1);
        BigInteger parent = FIRST_SEQUENCE;
        BigInteger child = FIRST_SEQUENCE.add(BigInteger.valueOf(1_000_000));
        for (int from = 0; from < delivered.size(); ) {
            int to = Math.min(delivered.size(), from + 1 + random.nextInt(4));
            List<Event> events = List.copyOf(delivered.subList(from, to));
            if (from >= childFrom) {
                child = child.add(BigInteger.valueOf(1 + random.nextInt(1_000)));
                records.add(new Record(CHILD, child, events));
            } else {
                parent = parent.add(BigInteger.valueOf(1 + random.nextInt(1_000)));
                records.add(new Record(PARENT, parent, events));
            }
            from = to;
        }
        return records;
    }

    /** Processes every record at least once, through crashes and replays, then a late worker's replay. */
    void process(List<Record> records) {
        int checkpoint = 0;
        int faults = random.nextInt(MAX_FAULTS + 1);
        while (checkpoint < records.size()) {
            List<Record> batch = batchFrom(records, checkpoint);
            Fault next = faults > 0 && random.nextInt(3) > 0 ? pick() : Fault.NONE;
            if (next != Fault.NONE) {
                faults--;
            }
            if (write(batch, next)) {
                checkpoint += batch.size();
            }
        }
        if (!records.isEmpty() && random.nextBoolean()) {
            int from = random.nextInt(records.size());
            List<PositionedEvent> late = new ArrayList<>();
            batchFrom(records, from).forEach(record -> late.addAll(record.positioned()));
            otherWorker.write(late, List.of()); // a worker that lost its lease, late
        }
    }

    /** Writes one batch with a fault; true when it was stored and checkpointed. */
    boolean write(List<Record> batch, Fault next) {
        List<PositionedEvent> events = new ArrayList<>();
        batch.forEach(record -> events.addAll(record.positioned()));
        if (next != Fault.NONE) {
            faultsSeen.add(next);
        }
        fault = next;
        sessions.startBatch();
        try {
            if (next == Fault.HANDOVER) {
                stats.beforeNextAdd(() -> otherWorker.write(events, List.of()));
            }
            if (!worker.write(events, List.of())) {
                throw new IllegalStateException("the writer gave up without being stopped");
            }
            return next != Fault.BEFORE_CHECKPOINT;
        } catch (Crash crash) {
            return false;
        } finally {
            fault = Fault.NONE;
        }
    }

    /** 1-5 consecutive records of the shard {@code from} is on, as KCL hands them to the processor. */
    private static List<Record> batchFrom(List<Record> records, int from, Random random) {
        String shard = records.get(from).shardId();
        int to = from;
        int size = 1 + random.nextInt(5);
        while (to < records.size()
                && to - from < size
                && records.get(to).shardId().equals(shard)) {
            to++;
        }
        return records.subList(from, to);
    }

    private List<Record> batchFrom(List<Record> records, int from) {
        return batchFrom(records, from, random);
    }

    private Fault pick() {
        Fault[] faults = Fault.values();
        return faults[1 + random.nextInt(faults.length - 1)];
    }

    private BatchWriter writer() {
        return new BatchWriter(
                ledger,
                sessions,
                stats,
                rules,
                deadLetters::addAll,
                new Parallel(1),
                new InMemoryStreamMetrics(),
                () -> false,
                wait -> {});
    }

    /** The items the batches wrote (summed over shards), and the days their hour items make (see InMemoryStats). */
    Map<StatsKey, Rollup> rollups() {
        Map<StatsKey, Rollup> rollups = new HashMap<>(stats.read());
        stats.readDays().forEach((day, rollup) -> {
            if (rollups.put(day, rollup) != null) {
                throw new AssertionError("a batch wrote the day item " + day + ", which only the day finalizer writes");
            }
        });
        return rollups;
    }

    /** The replay runs items: {@code <site>/<run>} to its span. */
    Map<String, io.liveinsight.processor.domain.stats.RunSpan> runs() {
        return stats.runs();
    }

    List<SessionAggregate> sessions() {
        return sessions.segments().stream().map(Segment::aggregate).toList();
    }

    /** The stored segments with their sites. */
    List<RollupReference.SiteSession> sessionsWithSites() {
        return sessions.segmentsWithSites();
    }

    List<DeadLetter> deadLetters() {
        return deadLetters;
    }

    List<Fault> faults() {
        return faultsSeen;
    }
}
