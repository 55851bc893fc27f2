package io.liveinsight.processor.consumer;

import static io.liveinsight.processor.Events.pageView;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.EventCodec;
import io.liveinsight.event.contract.MetricNames;
import io.liveinsight.processor.ManualClock;
import io.liveinsight.processor.concurrent.Parallel;
import io.liveinsight.processor.metrics.InMemoryStreamMetrics;
import io.liveinsight.processor.pipeline.BatchRetry;
import io.liveinsight.processor.pipeline.BatchWriter;
import io.liveinsight.processor.pipeline.Pipeline;
import io.liveinsight.processor.pipeline.RecordDecoder;
import io.liveinsight.processor.port.DeadLetters.DeadLetter;
import io.liveinsight.processor.port.EventStore;
import io.liveinsight.processor.port.SessionStore;
import io.liveinsight.processor.port.StoreMisconfiguredException;
import io.liveinsight.processor.port.StoreUnavailableException;
import io.liveinsight.processor.progress.ShardProgress;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * KCL offers each batch once, so a batch must be settled (stored, or dead-lettered after a deterministic failure)
 * before a checkpoint passes it. The chaos run found the first gap: a StackOverflowError from inside a circuit breaker
 * escaped to KCL, which moved on, and a later checkpoint skipped a session write. Issue 13 found the second: a
 * NullPointerException retried for ever froze the shard while health said ok. No test sleeps: waits are recorded,
 * time is a {@link ManualClock}.
 */
class EventRecordProcessorTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Duration STUCK_AFTER = Duration.ofSeconds(60);

    private final List<Duration> waits = new ArrayList<>();
    private final List<String> stored = new ArrayList<>();
    private final List<DeadLetter> letters = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger checkpoints = new AtomicInteger();
    private final InMemoryStreamMetrics metrics = new InMemoryStreamMetrics();
    private final ManualClock clock = new ManualClock(T0);
    private final ShardProgress progress = new ShardProgress(clock, STUCK_AFTER);

    /** Stores every event (none owned by an earlier record) unless a test replaces it. */
    private EventStore events = batch -> {
        stored.add("events:" + batch.size());
        return new EventStore.Ledger(batch, List.of(), "");
    };

    private EventRecordProcessor processor(String shardId, SessionStore sessions) {
        BatchWriter writer = new BatchWriter(
                batch -> events.store(batch),
                sessions,
                letters::addAll,
                new Parallel(1),
                metrics,
                stopping::get,
                d -> {});
        Pipeline pipeline = new Pipeline(new RecordDecoder(new EventCodec()), writer, metrics);
        EventRecordProcessor processor = new EventRecordProcessor(pipeline, progress, waits::add);
        processor.initialize(InitializationInput.builder().shardId(shardId).build());
        return processor;
    }

    private EventRecordProcessor processor(SessionStore sessions) {
        return processor("shardId-000000000001", sessions);
    }

    private ProcessRecordsInput batch(String eventId) {
        return batch(eventId, 0L);
    }

    private ProcessRecordsInput batch(String eventId, long millisBehindLatest) {
        byte[] data = new EventCodec().encode(List.of(pageView(eventId, "s1", 1, "/")));
        KinesisClientRecord record = KinesisClientRecord.builder()
                .partitionKey("s1")
                .sequenceNumber("1")
                .approximateArrivalTimestamp(clock.instant().minusSeconds(2))
                .data(ByteBuffer.wrap(data))
                .build();
        RecordProcessorCheckpointer checkpointer = (RecordProcessorCheckpointer) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {RecordProcessorCheckpointer.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("checkpoint") && (args == null || args.length == 0)) {
                        checkpoints.incrementAndGet();
                    }
                    return null;
                });
        return ProcessRecordsInput.builder()
                .records(List.of(record))
                .checkpointer(checkpointer)
                .millisBehindLatest(millisBehindLatest)
                .build();
    }

    @Test
    void processRecords_whenFailuresClearBeforeTheThirdAttempt_storesTheSameBatchThenCheckpoints() {
        AtomicInteger calls = new AtomicInteger();
        EventStore stores = events;
        events = batch -> switch (calls.incrementAndGet()) {
            case 1 -> throw new IllegalStateException("a bug somewhere");
            case 2 -> throw new StackOverflowError();
            default -> stores.store(batch);
        };
        EventRecordProcessor processor = processor((id, session) -> stored.add("session:" + id));

        processor.processRecords(batch("e1"));

        assertThat(calls).hasValue(3);
        assertThat(stored).containsExactly("events:1", "session:s1");
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(letters).isEmpty();
        assertThat(checkpoints).hasValue(1);
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // it used to retry for ever
    void processRecords_whenTheSameBugThreeTimes_deadLettersTheRawBatchWithTheReasonAndCheckpoints() {
        AtomicInteger calls = new AtomicInteger();
        events = batch -> {
            calls.incrementAndGet();
            throw new NullPointerException("fingerprints is null");
        };
        EventRecordProcessor processor = processor((id, session) -> stored.add("session:" + id));
        ProcessRecordsInput batch = batch("e1");
        ByteBuffer original = batch.records().get(0).data().asReadOnlyBuffer();
        byte[] raw = new byte[original.remaining()];
        original.get(raw);

        processor.processRecords(batch);

        assertThat(calls).as("attempts").hasValue(BatchRetry.DETERMINISTIC_ATTEMPTS);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.data()).isEqualTo(raw);
            assertThat(letter.partitionKey()).isEqualTo("s1");
            assertThat(letter.sequenceNumber()).isEqualTo("1");
            assertThat(letter.reason())
                    .contains("after 3 attempts")
                    .contains("java.lang.NullPointerException: fingerprints is null");
        });
        assertThat(stored).doesNotContain("session:s1");
        assertThat(checkpoints).as("the shard moves on").hasValue(1);
        assertThat(metrics.total(MetricNames.DEAD_LETTERED)).isEqualTo(1);
        assertThat(metrics.total(MetricNames.BATCHES_DEAD_LETTERED)).isEqualTo(1);
        assertThat(metrics.total(MetricNames.EVENTS_PROCESSED)).isZero();
        assertThat(progress.snapshot().oldestUnstoredBatchAge()).isZero();
    }

    @Test
    void processRecords_whenAStackOverflowEveryTime_deadLettersTheBatchToo() {
        events = batch -> {
            throw new StackOverflowError();
        };
        EventRecordProcessor processor = processor((id, session) -> {});

        processor.processRecords(batch("e1"));

        assertThat(letters).singleElement().satisfies(letter -> assertThat(letter.reason())
                .contains("java.lang.StackOverflowError"));
        assertThat(checkpoints).hasValue(1);
    }

    @Test
    void processRecords_whenStoreUnavailableLongerThanThreeAttempts_retriesUntilStoredAndNeverDeadLetters() {
        AtomicInteger calls = new AtomicInteger();
        SessionStore unavailable = (id, session) -> {
            if (calls.incrementAndGet() <= 10) {
                throw new StoreUnavailableException("Sessions throttled", null);
            }
            stored.add("session:" + id);
        };
        EventRecordProcessor processor = processor(unavailable);

        processor.processRecords(batch("e1"));

        assertThat(calls).hasValue(11);
        assertThat(stored).contains("session:s1");
        assertThat(letters).isEmpty();
        assertThat(metrics.total(MetricNames.BATCHES_DEAD_LETTERED)).isZero();
        assertThat(checkpoints).hasValue(1);
    }

    @Test
    void processRecords_whenStoreStaysUnavailable_holdsTheCheckpointShowsTheShardStuckAndNeverDeadLetters() {
        AtomicInteger calls = new AtomicInteger();
        List<ShardProgress.Snapshot> seenWhileWaiting = new ArrayList<>();
        SessionStore misconfigured = (id, session) -> {
            clock.advance(Duration.ofSeconds(5));
            seenWhileWaiting.add(progress.snapshot());
            if (calls.incrementAndGet() == 50) {
                stopping.set(true); // only a stopping consumer ends the wait
            }
            throw new StoreMisconfiguredException("t-Sessions", "AccessDeniedException: not authorized", null);
        };
        EventRecordProcessor processor = processor("shardId-000000000007", misconfigured);

        processor.processRecords(batch("e1"));

        assertThat(calls).hasValue(50);
        assertThat(letters).isEmpty();
        assertThat(checkpoints).hasValue(0);
        assertThat(metrics.misconfiguredStores()).containsKey("t-Sessions");
        assertThat(seenWhileWaiting.get(10).stuckShards()).as("55 s").isEmpty();
        assertThat(seenWhileWaiting.get(11).stuckShards()).as("60 s").containsExactly("shardId-000000000007");
        ShardProgress.Snapshot after = progress.snapshot();
        assertThat(after.stuckShards()).containsExactly("shardId-000000000007");
        assertThat(after.oldestUnstoredBatchAge()).isEqualTo(Duration.ofSeconds(250));
        assertThat(after.oldestUnstoredRecordAge()).isEqualTo(Duration.ofSeconds(252));

        processor.leaseLost(LeaseLostInput.builder().build());

        assertThat(progress.snapshot().stuckShards()).isEmpty();
        assertThat(progress.snapshot().oldestUnstoredBatchAge()).isZero();
    }

    @Test
    void processRecords_whenShardsReportTheirLag_progressKeepsTheMaximumUntilThatShardIsLost() {
        EventRecordProcessor far = processor("shardId-far", (id, session) -> {});
        EventRecordProcessor near = processor("shardId-near", (id, session) -> {});

        far.processRecords(batch("e1", 45_000));
        near.processRecords(batch("e2", 20));

        assertThat(progress.snapshot().maxMillisBehindLatest())
                .as("not the last writer")
                .isEqualTo(45_000);
        far.leaseLost(LeaseLostInput.builder().build());
        assertThat(progress.snapshot().maxMillisBehindLatest()).isEqualTo(20);
    }

    @Test
    void processRecords_whenLeftUnstoredAtStop_neverCheckpointsAgainAndStaysStuck() {
        AtomicInteger calls = new AtomicInteger();
        SessionStore failingUntilStopped = (id, session) -> {
            if (calls.incrementAndGet() == 1) {
                stopping.set(true);
                throw new StoreUnavailableException("store gone while stopping", null);
            }
            stored.add("session:" + id);
        };
        EventRecordProcessor processor = processor(failingUntilStopped);

        processor.processRecords(batch("e1"));
        stopping.set(false); // even if a later batch is stored, the one before it was not
        processor.processRecords(batch("e2"));
        clock.advance(STUCK_AFTER);

        assertThat(stored).contains("session:s1");
        assertThat(checkpoints).hasValue(0);
        assertThat(waits).isEmpty();
        assertThat(letters).isEmpty();
        assertThat(progress.snapshot().stuckShards()).containsExactly("shardId-000000000001");
    }

    @Test
    void processRecords_whenAnErrorOtherThanStackOverflow_rethrowsAndNeverCheckpointsPastIt() {
        AtomicInteger calls = new AtomicInteger();
        SessionStore outOfMemory = (id, session) -> {
            if (calls.incrementAndGet() == 1) {
                throw new OutOfMemoryError("simulated");
            }
            stored.add("session:" + id);
        };
        EventRecordProcessor processor = processor(outOfMemory);

        assertThatThrownBy(() -> processor.processRecords(batch("e1"))).isInstanceOf(OutOfMemoryError.class);
        processor.processRecords(batch("e2"));

        assertThat(stored).contains("session:s1");
        assertThat(checkpoints).hasValue(0);
        assertThat(letters).isEmpty();
    }
}
