package io.liveinsight.processor.consumer;

import io.liveinsight.event.DecodeResult;
import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
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
 * Glue for one shard: decode, write durably, then checkpoint. Never throws (KCL would skip the records).
 */
public final class EventRecordProcessor implements ShardRecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecordProcessor.class);

    private final EventCodec codec;
    private final BatchWriter writer;
    private String shardId = "?";
    /** False while a delivered batch is not yet stored: then no checkpoint may move past it. */
    private boolean allWritten = true;

    public EventRecordProcessor(EventCodec codec, BatchWriter writer) {
        this.codec = codec;
        this.writer = writer;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        LOG.info("processing shard {} from {}", shardId, input.extendedSequenceNumber());
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        try {
            List<Event> batch = decode(input.records());
            allWritten = writer.write(batch);
            if (allWritten) {
                checkpoint(input.checkpointer());
            }
        } catch (RuntimeException e) {
            allWritten = false;
            // Last line of defence: log and leave the batch unacknowledged rather than let KCL skip it.
            LOG.error("batch on shard {} not processed: {}", shardId, e.toString(), e);
        }
    }

    private List<Event> decode(List<KinesisClientRecord> records) {
        List<Event> batch = new ArrayList<>();
        for (KinesisClientRecord record : records) {
            ByteBuffer data = record.data().asReadOnlyBuffer();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            switch (codec.decode(bytes)) {
                case DecodeResult.Decoded decoded -> batch.addAll(decoded.events());
                case DecodeResult.Undecodable poison ->
                    LOG.warn("poison record {} on shard {}: {}", record.sequenceNumber(), shardId, poison.reason());
            }
        }
        return batch;
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
