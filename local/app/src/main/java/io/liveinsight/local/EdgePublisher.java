package io.liveinsight.local;

import io.liveinsight.event.EventCodec;
import io.liveinsight.ingest.adapter.kinesis.KinesisClientFactory;
import io.liveinsight.ingest.adapter.kinesis.KinesisEventPublisher;
import io.liveinsight.ingest.adapter.kinesis.RecordPacker;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.local.coalesce.CoalesceSettings;
import io.liveinsight.local.coalesce.CoalescingPublisher;
import java.time.Clock;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The local edge's publisher when it coalesces (docs/contract/local.md#coalescing): the Lambda's Kinesis publisher
 * (same client, packing, retries and budget) behind a {@link CoalescingPublisher}; closes both.
 */
record EdgePublisher(CoalescingPublisher publisher, KinesisEventPublisher stream, KinesisClient kinesis)
        implements AutoCloseable {

    static EdgePublisher coalescing(IngestConfig config, int inFlight) {
        KinesisClient kinesis = KinesisClientFactory.create(config);
        RecordPacker packer = new RecordPacker(new EventCodec());
        KinesisEventPublisher stream =
                new KinesisEventPublisher(kinesis, config.streamName(), packer, config.publishBudget());
        return new EdgePublisher(
                new CoalescingPublisher(
                        packer::pack,
                        stream::store,
                        stream::isHealthy,
                        new CoalesceSettings(
                                inFlight,
                                CoalesceSettings.DEFAULT_MAX_QUEUED_RECORDS,
                                CoalesceSettings.DEFAULT_MAX_QUEUED_BYTES,
                                config.publishBudget()),
                        Clock.systemUTC()),
                stream,
                kinesis);
    }

    /** Runs {@code events} through the SDK's PutRecords path {@code rounds} times, stopped before sending (JIT warm-up). */
    void prime(java.util.List<io.liveinsight.event.Event> events, int rounds) {
        for (int i = 0; i < rounds; i++) {
            stream.prime(events);
        }
    }

    @Override
    public void close() {
        publisher.close();
        kinesis.close();
    }
}
