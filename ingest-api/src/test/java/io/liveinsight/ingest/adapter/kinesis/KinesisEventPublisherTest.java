package io.liveinsight.ingest.adapter.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.DecodeResult;
import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.ingest.port.EventPublisher.PublishResult;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

@WithLocalAws
class KinesisEventPublisherTest {

    private final LocalAws aws;
    private final EventCodec codec = new EventCodec();

    KinesisEventPublisherTest(LocalAws aws) {
        this.aws = aws;
    }

    private static Event event(String id, String session) {
        return new Event(
                id,
                "u",
                session,
                "page_view",
                1,
                "/",
                null,
                null,
                Map.of(),
                null,
                null,
                null,
                null,
                2,
                null,
                false,
                false);
    }

    private KinesisEventPublisher publisher(String stream) {
        KinesisClient client = KinesisClientFactory.create(
                new IngestConfig(stream, "us-east-1", aws.endpoints().kinesis(), Duration.ofSeconds(3)));
        return new KinesisEventPublisher(client, stream, new RecordPacker(codec), Duration.ofSeconds(3));
    }

    @Test
    void publish_whenStreamUp_storesOneRecordPerSessionKeyedBySession() {
        String stream = aws.createStream("publish", 1);

        PublishResult result =
                publisher(stream).publish(List.of(event("1", "s-a"), event("2", "s-b"), event("3", "s-a")));

        assertThat(result).isEqualTo(new PublishResult.Stored(2, 0));
        List<Record> records = readAll(stream);
        assertThat(records).extracting(Record::partitionKey).containsExactlyInAnyOrder("s-a", "s-b");
        Record sessionA = records.stream()
                .filter(r -> r.partitionKey().equals("s-a"))
                .findFirst()
                .orElseThrow();
        assertThat(codec.decode(sessionA.data().asByteArray()))
                .isEqualTo(new DecodeResult.Decoded(List.of(event("1", "s-a"), event("3", "s-a"))));
    }

    @Test
    void publish_whenStreamMissing_refusesWithinBudget() {
        long started = System.nanoTime();

        PublishResult result = publisher("no-such-stream").publish(List.of(event("1", "s")));

        assertThat(result).isInstanceOf(PublishResult.Refused.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void isHealthy_whenStreamExistsOrNot_saysSo() {
        assertThat(publisher(aws.createStream("health", 1)).isHealthy()).isTrue();
        assertThat(publisher("no-such-stream").isHealthy()).isFalse();
    }

    @Test
    void calls_whenOver500RecordsOr5MiB_splitsWithinKinesisLimits() {
        List<PutRecordsRequestEntry> small = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            small.add(entry("k" + i, 10));
        }
        List<PutRecordsRequestEntry> large = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            large.add(entry("k" + i, 1024 * 1024 - 10));
        }

        assertThat(KinesisEventPublisher.calls(small)).extracting(List::size).containsExactly(500, 500, 1);
        assertThat(KinesisEventPublisher.calls(large)).extracting(List::size).containsExactly(5, 5, 2);
    }

    private static PutRecordsRequestEntry entry(String key, int bytes) {
        return PutRecordsRequestEntry.builder()
                .partitionKey(key)
                .data(SdkBytes.fromByteArray(new byte[bytes]))
                .build();
    }

    private List<Record> readAll(String stream) {
        List<Record> records = new ArrayList<>();
        for (var shard : aws.kinesis().listShards(r -> r.streamName(stream)).shards()) {
            String iterator = aws.kinesis()
                    .getShardIterator(r -> r.streamName(stream)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            records.addAll(
                    aws.kinesis().getRecords(r -> r.shardIterator(iterator)).records());
        }
        return records;
    }
}
