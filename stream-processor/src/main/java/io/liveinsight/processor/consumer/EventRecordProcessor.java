package io.liveinsight.processor.consumer;

import io.liveinsight.processor.consumer.RecordDecoder.RawRecord;
import java.nio.ByteBuffer;
import java.time.Duration;
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
 * Glue for one shard: decode, write durably, then checkpoint. KCL offers a batch once: a batch that is not stored
 * must never be passed by a checkpoint. So a failure of any kind is retried, with backoff, until the batch is stored;
 * only when the consumer stops is a batch left unstored, and from then on this processor checkpoints nothing (the
 * next lease owner replays from the last checkpoint, harmlessly).
 */
public final class EventRecordProcessor implements ShardRecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecordProcessor.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Pipeline pipeline;
    private final BatchWriter.Sleeper sleeper;
    private String shardId = "?";
    /** Sticky: once a delivered batch was left unstored, no checkpoint may be taken by this processor. */
    private boolean leftUnstored;

    public EventRecordProcessor(Pipeline pipeline) {
        this(pipeline, BatchWriter.Sleeper.THREAD);
    }

    EventRecordProcessor(Pipeline pipeline, BatchWriter.Sleeper sleeper) {
        this.pipeline = pipeline;
        this.sleeper = sleeper;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        LOG.info("processing shard {} from {}", shardId, input.extendedSequenceNumber());
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        if (input.millisBehindLatest() != null) {
            pipeline.metrics().millisBehindLatest(input.millisBehindLatest());
        }
        if (!storeUntilDone(raw(input.records()))) {
            leftUnstored = true;
            return;
        }
        if (!leftUnstored) {
            checkpoint(input.checkpointer());
        }
    }

    /** True once stored; false only when the consumer is stopping. */
    private boolean storeUntilDone(List<RawRecord> records) {
        for (int attempt = 0; ; attempt++) {
            try {
                return pipeline.process(records);
            } catch (RuntimeException | StackOverflowError e) {
                if (pipeline.stopping()) {
                    return false;
                }
                Duration wait = Duration.ofMillis(Math.min(MAX_BACKOFF.toMillis(), 100L << Math.min(attempt, 10)));
                LOG.error(
                        "batch on shard {} not stored ({}); attempt {}, trying it again in {} ms",
                        shardId,
                        e.toString(),
                        attempt + 1,
                        wait.toMillis(),
                        attempt == 0 ? e : null);
                sleeper.sleep(wait);
            } catch (Error e) {
                // Out of memory and the like: this batch may be lost to KCL, so never checkpoint past it.
                leftUnstored = true;
                throw e;
            }
        }
    }

    static List<RawRecord> raw(List<KinesisClientRecord> records) {
        return records.stream()
                .map(record -> {
                    ByteBuffer data = record.data().asReadOnlyBuffer();
                    byte[] bytes = new byte[data.remaining()];
                    data.get(bytes);
                    return new RawRecord(record.partitionKey(), record.sequenceNumber(), bytes);
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
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
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
        if (leftUnstored) {
            return; // the unstored batch stays unacknowledged and is replayed by the next owner
        }
        try {
            input.checkpointer().checkpoint();
        } catch (KinesisClientLibException e) {
            LOG.warn("checkpoint at shutdown of shard {} failed: {}", shardId, e.toString());
        }
    }
}
