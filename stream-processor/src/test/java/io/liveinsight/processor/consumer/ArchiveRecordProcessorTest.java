package io.liveinsight.processor.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.processor.ManualClock;
import io.liveinsight.processor.archive.ArchiveFile;
import io.liveinsight.processor.archive.ArchiveMetrics;
import io.liveinsight.processor.archive.ArchivePolicy;
import io.liveinsight.processor.archive.ArchiveWriter;
import io.liveinsight.processor.archive.InMemoryArchiveSink;
import io.liveinsight.processor.progress.ShardProgress;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * The archiver's checkpoint never passes a record that is in no file: it moves only after a write, to the last record
 * written. Time is a {@link ManualClock}; waits are recorded, never slept.
 */
class ArchiveRecordProcessorTest {

    private static final Instant T0 = Instant.parse("2026-12-06T09:59:58Z");
    private static final Duration AGE = Duration.ofSeconds(60);
    private static final Duration STUCK_AFTER = Duration.ofSeconds(120);
    private static final String SHARD = "shardId-000000000000";

    private final ManualClock clock = new ManualClock(T0);
    private final InMemoryArchiveSink sink = new InMemoryArchiveSink();
    private final ArchiveMetrics metrics = new ArchiveMetrics();
    private final ShardProgress progress = new ShardProgress(clock, STUCK_AFTER);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Duration> waits = new ArrayList<>();
    private final List<String> checkpoints = new ArrayList<>();
    /** Set to make the checkpointer throw as KCL does once the lease is gone. */
    private boolean leaseGone;

    private final RecordProcessorCheckpointer checkpointer = (RecordProcessorCheckpointer) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {RecordProcessorCheckpointer.class}, (proxy, method, args) -> {
                if (method.getName().equals("checkpoint")) {
                    if (leaseGone) {
                        throw new ShutdownException("lease lost");
                    }
                    checkpoints.add(args == null ? "end" : args[0] + "." + args[1]);
                }
                return null;
            });

    private ArchiveRecordProcessor processor(long maxBytes) {
        ArchiveWriter writer = new ArchiveWriter(
                sink,
                metrics,
                wait -> {
                    waits.add(wait);
                    clock.advance(wait);
                },
                stopping::get);
        ArchiveRecordProcessor processor =
                new ArchiveRecordProcessor(new ArchivePolicy(maxBytes, AGE), writer, progress, clock);
        processor.initialize(InitializationInput.builder().shardId(SHARD).build());
        return processor;
    }

    private static KinesisClientRecord record(long sequenceNumber, Instant arrival, String data) {
        return KinesisClientRecord.builder()
                .partitionKey("p")
                .sequenceNumber(Long.toString(sequenceNumber))
                .approximateArrivalTimestamp(arrival)
                .data(ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    private ProcessRecordsInput batch(KinesisClientRecord... records) {
        return ProcessRecordsInput.builder()
                .records(List.of(records))
                .checkpointer(checkpointer)
                .millisBehindLatest(0L)
                .build();
    }

    private List<String> written() {
        return sink.files.stream()
                .flatMap(file -> file.records().stream())
                .map(record -> new String(record.data(), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void processRecords_whenTheBufferIsYoung_writesAndCheckpointsNothing() {
        ArchiveRecordProcessor processor = processor(1_000);

        processor.processRecords(batch(record(1, T0, "a"), record(2, T0, "b")));
        clock.advance(AGE.minusMillis(1));
        processor.processRecords(batch());

        assertThat(sink.files).isEmpty();
        assertThat(checkpoints).isEmpty();
        assertThat(progress.snapshot().oldestUnstoredRecordAge()).isEqualTo(AGE.minusMillis(1));
    }

    @Test
    void processRecords_whenAnEmptyPollFindsTheBufferAged_writesItThenCheckpointsItsLastRecord() {
        ArchiveRecordProcessor processor = processor(1_000);
        processor.processRecords(batch(record(1, T0, "a"), record(2, T0, "b")));
        clock.advance(AGE);

        processor.processRecords(batch()); // an empty poll: nothing new on the shard

        assertThat(written()).containsExactly("a", "b");
        assertThat(checkpoints).containsExactly("2.0");
        assertThat(progress.snapshot().oldestUnstoredRecordAge()).isZero();
    }

    @Test
    void processRecords_whenTheSizeIsReachedMidBatch_writesUpToThatRecordAndHoldsTheRest() {
        ArchiveRecordProcessor processor = processor(6); // three records of one byte and a newline

        processor.processRecords(batch(
                record(1, T0, "a"), record(2, T0, "b"), record(3, T0, "c"), record(4, T0, "d"), record(5, T0, "e")));

        assertThat(written()).containsExactly("a", "b", "c");
        assertThat(checkpoints).containsExactly("3.0");
        assertThat(metrics.recordsWritten()).isEqualTo(3);
    }

    @Test
    void processRecords_whenRecordsSpanAnHour_writesAFilePerHourBeforeTheOneCheckpoint() {
        ArchiveRecordProcessor processor = processor(1_000);
        processor.processRecords(batch(record(1, T0, "a"), record(2, T0.plusSeconds(3), "b")));
        clock.advance(AGE);

        processor.processRecords(batch());

        assertThat(sink.files)
                .extracting(ArchiveFile::partition)
                .containsExactly("dt=2026-12-06/hour=09/", "dt=2026-12-06/hour=10/");
        assertThat(checkpoints).containsExactly("2.0");
    }

    @Test
    void processRecords_whileWritesFail_holdsTheCheckpointAndTheShardTurnsStuck() {
        sink.failNext = -1;
        List<List<String>> stuckSeen = new ArrayList<>();
        ArchiveWriter watching = new ArchiveWriter(
                sink,
                metrics,
                wait -> {
                    clock.advance(wait);
                    stuckSeen.add(progress.snapshot().stuckShards());
                    if (stuckSeen.size() == 40) {
                        sink.failNext = 0; // the disk has room again
                    }
                },
                stopping::get);
        ArchiveRecordProcessor failing =
                new ArchiveRecordProcessor(new ArchivePolicy(1_000, AGE), watching, progress, clock);
        failing.initialize(InitializationInput.builder().shardId(SHARD).build());
        failing.processRecords(batch(record(1, T0, "a")));
        clock.advance(AGE);

        failing.processRecords(batch());

        assertThat(stuckSeen.getFirst()).isEmpty();
        assertThat(stuckSeen.getLast()).as("visible while it waits").containsExactly(SHARD);
        assertThat(written()).containsExactly("a");
        assertThat(checkpoints).as("only once written").containsExactly("1.0");
        assertThat(progress.snapshot().stuckShards()).isEmpty();
    }

    @Test
    void shutdownRequested_writesWhatIsHeldThenCheckpoints() {
        ArchiveRecordProcessor processor = processor(1_000);
        processor.processRecords(batch(record(1, T0, "a")));

        processor.shutdownRequested(
                ShutdownRequestedInput.builder().checkpointer(checkpointer).build());

        assertThat(written()).containsExactly("a");
        assertThat(checkpoints).containsExactly("end");
    }

    @Test
    void shardEnded_writesWhatIsHeldThenCheckpointsTheEnd() {
        ArchiveRecordProcessor processor = processor(1_000);
        processor.processRecords(batch(record(1, T0, "a"), record(2, T0, "b")));

        processor.shardEnded(
                ShardEndedInput.builder().checkpointer(checkpointer).build());

        assertThat(written()).containsExactly("a", "b");
        assertThat(checkpoints).containsExactly("end");
    }

    @Test
    void leaseLost_writesNothingMore_evenAtAShutdownAfterwards() {
        ArchiveRecordProcessor processor = processor(1_000);
        processor.processRecords(batch(record(1, T0, "a")));

        processor.leaseLost(LeaseLostInput.builder().build());
        clock.advance(AGE);
        processor.processRecords(batch());
        processor.shutdownRequested(
                ShutdownRequestedInput.builder().checkpointer(checkpointer).build());

        assertThat(sink.files).isEmpty();
        assertThat(checkpoints).isEmpty();
        assertThat(progress.snapshot().oldestUnstoredRecordAge())
                .as("the shard is no longer this worker's")
                .isZero();
    }

    @Test
    void shutdownRequested_whenTheWriteFailsWhileStopping_doesNotCheckpoint() {
        ArchiveRecordProcessor processor = processor(1_000);
        processor.processRecords(batch(record(1, T0, "a")));
        sink.failNext = -1;
        stopping.set(true);

        processor.shutdownRequested(
                ShutdownRequestedInput.builder().checkpointer(checkpointer).build());

        assertThat(sink.files).isEmpty();
        assertThat(checkpoints).isEmpty();
        assertThat(waits).isEmpty();
    }

    @Test
    void processRecords_whenStoppedMidFlush_neverCheckpointsLater() {
        ArchiveRecordProcessor processor = processor(2);
        sink.failNext = -1;
        stopping.set(true);

        processor.processRecords(batch(record(1, T0, "a"), record(2, T0, "b")));
        sink.failNext = 0;
        processor.processRecords(batch(record(3, T0, "c")));
        processor.shardEnded(
                ShardEndedInput.builder().checkpointer(checkpointer).build());

        assertThat(sink.files).isEmpty();
        assertThat(checkpoints).isEmpty();
    }

    @Test
    void processRecords_whenTheLeaseIsGoneAtTheCheckpoint_carriesOn() {
        ArchiveRecordProcessor processor = processor(2);
        leaseGone = true;

        processor.processRecords(batch(record(1, T0, "a"), record(2, T0, "b")));

        assertThat(written()).as("written twice at worst: at least once").containsExactly("a", "b");
        assertThat(checkpoints).isEmpty();
    }
}
