package io.liveinsight.processor.consumer;

import io.liveinsight.event.time.Sleeper;
import io.liveinsight.processor.pipeline.BatchRetry;
import io.liveinsight.processor.pipeline.DayFinalizer;
import io.liveinsight.processor.pipeline.Pipeline;
import io.liveinsight.processor.pipeline.RecordDecoder.RawRecord;
import io.liveinsight.processor.progress.ShardProgress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
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
 * Glue for one shard: decode, write durably, then checkpoint. KCL offers a batch once: a batch that is not settled
 * must never be passed by a checkpoint. {@link BatchRetry} settles it: stored (an unavailable store is retried for as
 * long as it takes), or after a deterministic failure sent whole to the dead letters. Only when the consumer stops is
 * a batch left unsettled, and from then on this processor checkpoints nothing (the next lease owner replays from the
 * last checkpoint, harmlessly). Every step is told to {@link ShardProgress}, so a shard that waits shows as stuck.
 */
public final class EventRecordProcessor implements ShardRecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecordProcessor.class);

    private final BatchRetry retry;
    private final DayFinalizer days;
    private final ShardProgress progress;
    private String shardId = "?";
    private ShardProgress.Shard shard;
    /** Sticky: once a delivered batch was left unstored, no checkpoint may be taken by this processor. */
    private boolean leftUnstored;

    public EventRecordProcessor(Pipeline pipeline, ShardProgress progress) {
        this(pipeline, progress, Sleeper.SYSTEM);
    }

    EventRecordProcessor(Pipeline pipeline, ShardProgress progress, Sleeper sleeper) {
        this.retry = new BatchRetry(pipeline, sleeper);
        this.days = pipeline.days();
        this.progress = progress;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        shard = progress.open(shardId);
        days.started(shardId);
        LOG.info("processing shard {} from {}", shardId, input.extendedSequenceNumber());
    }

    /**
     * A batch, or (KCL's {@code callProcessRecordsEvenForEmptyRecordList}) an empty call when the shard has nothing
     * new: that one only reports the lag and lets the day finalizer do what is due; it stores and checkpoints nothing.
     */
    @Override
    public void processRecords(ProcessRecordsInput input) {
        if (input.records().isEmpty()) {
            shard.received(input.millisBehindLatest(), null);
            if (!leftUnstored) {
                shard.advanced();
            }
            days.tick();
            return;
        }
        shard.received(input.millisBehindLatest(), oldestArrival(input.records()));
        BatchRetry.Outcome outcome;
        try {
            outcome = retry.settle(raw(shardId, input.records()), "shard " + shardId);
        } catch (Error e) {
            // Out of memory and the like: this batch may be lost to KCL, so never checkpoint past it.
            leftUnstored = true;
            throw e;
        }
        if (outcome == BatchRetry.Outcome.STOPPED) {
            leftUnstored = true;
            return;
        }
        if (!leftUnstored) {
            checkpoint(input.checkpointer());
            shard.advanced();
        }
        days.tick();
    }

    /** The earliest approximate arrival time of the records, null if KCL gives none. */
    static Instant oldestArrival(List<KinesisClientRecord> records) {
        return records.stream()
                .map(KinesisClientRecord::approximateArrivalTimestamp)
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }

    static List<RawRecord> raw(String shardId, List<KinesisClientRecord> records) {
        return records.stream()
                .map(record -> {
                    ByteBuffer data = record.data().asReadOnlyBuffer();
                    byte[] bytes = new byte[data.remaining()];
                    data.get(bytes);
                    return new RawRecord(shardId, record.partitionKey(), record.sequenceNumber(), bytes);
                })
                .toList();
    }

    private void checkpoint(RecordProcessorCheckpointer checkpointer) {
        try {
            checkpointer.checkpoint();
        } catch (ShutdownException e) {
            LOG.info("lease on shard {} lost before checkpoint; the next owner replays the batch harmlessly", shardId);
        } catch (KinesisClientLibException | RuntimeException e) {
            LOG.warn("checkpoint on shard {} failed ({}); the batch may be replayed harmlessly", shardId, e.toString());
        }
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        LOG.info("lease on shard {} lost", shardId);
        forget();
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        forget();
        if (leftUnstored) {
            LOG.warn("shard {} ended with a batch not stored; not checkpointing so it is replayed", shardId);
            return;
        }
        try {
            input.checkpointer().checkpoint();
        } catch (KinesisClientLibException e) {
            LOG.warn("checkpoint at end of shard {} failed: {}", shardId, e.toString());
        }
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        forget();
        if (leftUnstored) {
            return; // the unstored batch stays unacknowledged and is replayed by the next owner
        }
        try {
            input.checkpointer().checkpoint();
        } catch (KinesisClientLibException e) {
            LOG.warn("checkpoint at shutdown of shard {} failed: {}", shardId, e.toString());
        }
    }

    /** The shard is no longer this worker's: it stops counting in lag, age and stuck shards. */
    private void forget() {
        if (shard != null) {
            shard.close();
        }
    }
}
