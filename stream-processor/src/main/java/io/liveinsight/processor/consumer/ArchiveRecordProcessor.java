package io.liveinsight.processor.consumer;

import io.liveinsight.processor.archive.ArchiveBuffer;
import io.liveinsight.processor.archive.ArchivePolicy;
import io.liveinsight.processor.archive.ArchiveRecord;
import io.liveinsight.processor.archive.ArchiveWriter;
import io.liveinsight.processor.progress.ShardProgress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.exceptions.KinesisClientLibException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Glue for one shard of the archiver: every record KCL delivers goes, byte for byte, into an {@link ArchiveBuffer};
 * a due buffer (by size after any record, by age on any call, empty polls included) is written by the
 * {@link ArchiveWriter}, and only then is the checkpoint moved to its last record. So the checkpoint never passes a
 * record that is in no file, and a stop at any point loses nothing: the next run reads again from the checkpoint, and
 * what was written but not yet checkpointed is written twice (at least once; docs/contract/archive.md#duplicates).
 * At shard end and on a requested shutdown it writes what it holds, then checkpoints; once its lease is lost it
 * writes nothing more. KCL de-aggregates KPL records, so each user record is a line (the edge does not aggregate).
 */
public final class ArchiveRecordProcessor implements ShardRecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveRecordProcessor.class);

    private final ArchivePolicy policy;
    private final ArchiveWriter writer;
    private final ShardProgress progress;
    private final Clock clock;
    private String shardId = "?";
    private ArchiveBuffer buffer;
    private ShardProgress.Shard shard;
    /** Sticky: records were left unwritten (a stop, a lost lease, an Error): nothing more is written or checkpointed. */
    private boolean done;

    public ArchiveRecordProcessor(ArchivePolicy policy, ArchiveWriter writer, ShardProgress progress, Clock clock) {
        this.policy = policy;
        this.writer = writer;
        this.progress = progress;
        this.clock = clock;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        buffer = new ArchiveBuffer(shardId, policy);
        shard = progress.open(shardId);
        LOG.info("archiving shard {} from {}", shardId, input.extendedSequenceNumber());
    }

    /**
     * A batch, or (KCL's {@code callProcessRecordsEvenForEmptyRecordList}) an empty call when the shard has nothing
     * new: that one writes the buffer if it has waited long enough. Never throws but {@link Error}s.
     */
    @Override
    public void processRecords(ProcessRecordsInput input) {
        if (done) {
            return;
        }
        List<KinesisClientRecord> records = input.records();
        shard.received(input.millisBehindLatest(), records.isEmpty() ? null : oldestArrival(records));
        try {
            for (KinesisClientRecord record : records) {
                buffer.add(archived(record), clock.instant());
                if (buffer.isDue(clock.instant()) && !flush(input.checkpointer())) {
                    return;
                }
            }
            if (buffer.isDue(clock.instant()) && !flush(input.checkpointer())) {
                return;
            }
        } catch (Error e) {
            // Out of memory and the like: records may be lost to KCL, so never checkpoint past them.
            stop();
            throw e;
        }
        if (buffer.isEmpty()) {
            shard.advanced();
        } else {
            shard.received(input.millisBehindLatest(), buffer.oldestArrival());
        }
    }

    /** Writes the whole buffer, then checkpoints at its last record; false (and done) if the archiver stopped first. */
    private boolean flush(RecordProcessorCheckpointer checkpointer) {
        ArchiveBuffer.Flush flush = buffer.drain();
        if (writer.write(flush) == ArchiveWriter.Outcome.STOPPED) {
            stop();
            return false;
        }
        try {
            checkpointer.checkpoint(flush.last().sequenceNumber(), flush.last().subSequenceNumber());
        } catch (ShutdownException e) {
            LOG.info(
                    "archive lease on shard {} lost before checkpoint; the next owner writes those records again",
                    shardId);
        } catch (KinesisClientLibException | RuntimeException e) {
            LOG.warn(
                    "archive checkpoint on shard {} failed ({}); the next checkpoint covers it", shardId, e.toString());
        }
        shard.advanced();
        return true;
    }

    private ArchiveRecord archived(KinesisClientRecord record) {
        ByteBuffer data = record.data().asReadOnlyBuffer();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        Instant arrival =
                record.approximateArrivalTimestamp() != null ? record.approximateArrivalTimestamp() : clock.instant();
        if (containsNewline(bytes)) {
            // Not one of the edge's records (its JSON escapes every newline): kept as it is, as Firehose would.
            LOG.warn(
                    "record {} of shard {} holds a newline: archived as it is, it reads back as more than one line",
                    record.sequenceNumber(),
                    shardId);
        }
        return new ArchiveRecord(record.sequenceNumber(), record.subSequenceNumber(), arrival, bytes);
    }

    private static boolean containsNewline(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '\n') {
                return true;
            }
        }
        return false;
    }

    private Instant oldestArrival(List<KinesisClientRecord> records) {
        Instant oldest = EventRecordProcessor.oldestArrival(records);
        return oldest != null ? oldest : clock.instant();
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        LOG.info("archive lease on shard {} lost; {} records held are left to the next owner", shardId, held());
        stop();
        forget();
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        finish(input.checkpointer(), "end of shard");
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        finish(input.checkpointer(), "shutdown");
    }

    /** Writes what is held, then checkpoints (at shard end: the end); nothing if records were already left behind. */
    private void finish(RecordProcessorCheckpointer checkpointer, String why) {
        try {
            if (!done
                    && buffer != null
                    && !buffer.isEmpty()
                    && writer.write(buffer.drain()) == ArchiveWriter.Outcome.STOPPED) {
                stop();
            }
            if (done) {
                LOG.warn("archive of shard {} not checkpointed at {}: records were left unwritten", shardId, why);
                return;
            }
            checkpointer.checkpoint();
        } catch (KinesisClientLibException e) {
            LOG.warn("archive checkpoint at {} of shard {} failed: {}", why, shardId, e.toString());
        } finally {
            forget();
        }
    }

    private int held() {
        return buffer == null ? 0 : buffer.size();
    }

    private void stop() {
        done = true;
        if (buffer != null) {
            buffer.discard();
        }
    }

    /** The shard is no longer this worker's: it stops counting in lag, age and stuck shards. */
    private void forget() {
        if (shard != null) {
            shard.close();
        }
    }
}
