package io.liveinsight.processor.consumer;

import io.liveinsight.processor.consumer.RecordDecoder.RawRecord;
import java.nio.ByteBuffer;
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
 * Glue for one shard: decode, write durably, then checkpoint. Never throws (KCL would skip the records), and never
 * checkpoints past a batch that is not stored.
 */
public final class EventRecordProcessor implements ShardRecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecordProcessor.class);

    private final Pipeline pipeline;
    private String shardId = "?";
    /** False while a delivered batch is not yet stored: then no checkpoint may move past it. */
    private boolean allWritten = true;

    public EventRecordProcessor(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        LOG.info("processing shard {} from {}", shardId, input.extendedSequenceNumber());
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        try {
            if (input.millisBehindLatest() != null) {
                pipeline.metrics().millisBehindLatest(input.millisBehindLatest());
            }
            allWritten = pipeline.process(raw(input.records()));
            if (allWritten) {
                checkpoint(input.checkpointer());
            }
        } catch (RuntimeException e) {
            // Last line of defence: log and leave the batch unacknowledged rather than let KCL skip it.
            allWritten = false;
            LOG.error("batch on shard {} not processed: {}", shardId, e.toString(), e);
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
        if (!allWritten) {
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
        if (!allWritten) {
            return; // the unstored batch stays unacknowledged and is replayed by the next owner
        }
        try {
            input.checkpointer().checkpoint();
        } catch (KinesisClientLibException e) {
            LOG.warn("checkpoint at shutdown of shard {} failed: {}", shardId, e.toString());
        }
    }
}
