package io.liveinsight.load.bench;

import io.liveinsight.event.DecodeResult;
import io.liveinsight.event.EventCodec;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Reads the whole stream once from its start: records, data bytes and events (the records decoded). */
record StreamStats(long records, long bytes, long events, long undecodable) {

    static StreamStats read(KinesisClient kinesis, String stream) throws InterruptedException {
        EventCodec codec = new EventCodec();
        long records = 0;
        long bytes = 0;
        long events = 0;
        long undecodable = 0;
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
                for (Record record : response.records()) {
                    byte[] data = record.data().asByteArrayUnsafe();
                    records++;
                    bytes += data.length;
                    if (codec.decode(data) instanceof DecodeResult.Decoded decoded) {
                        events += decoded.events().size();
                    } else {
                        undecodable++;
                    }
                }
                if (response.records().isEmpty()
                        && response.millisBehindLatest() != null
                        && response.millisBehindLatest() == 0) {
                    break;
                }
                iterator = response.nextShardIterator();
                Thread.sleep(200); // GetRecords: 5 calls a second per shard
            }
        }
        return new StreamStats(records, bytes, events, undecodable);
    }
}
