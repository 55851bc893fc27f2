package io.liveinsight.load.check;

import java.util.function.Consumer;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Reads a whole stream once, shard by shard from its start, within Kinesis's 5 reads per second per shard. */
public final class StreamReader {

    private StreamReader() {}

    public static void forEachRecord(KinesisClient kinesis, String stream, Consumer<Record> action)
            throws InterruptedException {
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(r -> r.streamName(stream)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            while (iterator != null) {
                GetRecordsResponse response;
                try {
                    String current = iterator;
                    response = kinesis.getRecords(r -> r.shardIterator(current).limit(10_000));
                } catch (ProvisionedThroughputExceededException e) {
                    Thread.sleep(250);
                    continue;
                }
                response.records().forEach(action);
                if (response.records().isEmpty()
                        && response.millisBehindLatest() != null
                        && response.millisBehindLatest() == 0) {
                    break;
                }
                iterator = response.nextShardIterator();
                Thread.sleep(200);
            }
        }
    }
}
