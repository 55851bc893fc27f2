package io.liveinsight.local.engines.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

@WithLocalAws
class FaultProxyKinesisTest {

    private static final String PUT_RECORDS = "Kinesis_20131202.PutRecords";
    private static final String PUT_RECORD = "Kinesis_20131202.PutRecord";

    private final LocalAws aws;
    private FaultProxy proxy;
    private KinesisClient kinesis;
    private String stream;

    FaultProxyKinesisTest(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void start() {
        proxy = FaultProxy.start(aws.endpoints().kinesis());
        kinesis = ProxyClients.kinesis(proxy.endpoint());
        stream = aws.createStream("fault-proxy", 1);
    }

    @AfterEach
    void stop() {
        kinesis.close();
        proxy.close();
    }

    @Test
    void passThrough_whenCborClient_putsAndReadsRecordsThroughProxy() {
        PutRecordsResponse response = putRecords(kinesis, 3);

        assertThat(response.failedRecordCount()).isZero();
        assertThat(readBack(kinesis)).containsExactly("r1", "r2", "r3");
        assertThat(proxy.stats().operation(PUT_RECORDS)).isEqualTo(new OperationStats(1, 1, 0, 0, 0));
    }

    @Test
    void throttle_whenPutRecordsThrottled_cborClientThrowsTypedExceptionAndPutRecordPasses() {
        proxy.throttle(Share.all(), PUT_RECORDS);

        ProvisionedThroughputExceededException error =
                catchThrowableOfType(ProvisionedThroughputExceededException.class, () -> putRecords(kinesis, 2));
        kinesis.putRecord(r -> r.streamName(stream).partitionKey("p").data(SdkBytes.fromUtf8String("single")));

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.awsErrorDetails().errorMessage()).startsWith("Rate exceeded for shard");
        assertThat(readBack(aws.kinesis())).containsExactly("single");
        assertThat(proxy.stats().operation(PUT_RECORDS)).isEqualTo(new OperationStats(1, 0, 1, 0, 0));
        assertThat(proxy.stats().operation(PUT_RECORD).forwarded()).isEqualTo(1);
    }

    @Test
    void throttle_whenJsonClient_throwsTypedException() {
        try (KinesisClient json = ProxyClients.kinesisJson(proxy.endpoint())) {
            proxy.throttle(Share.all(), PUT_RECORDS);

            ProvisionedThroughputExceededException error =
                    catchThrowableOfType(ProvisionedThroughputExceededException.class, () -> putRecords(json, 2));

            assertThat(error.awsErrorDetails().errorMessage()).startsWith("Rate exceeded for shard");
        }
        assertThat(readBack(aws.kinesis())).isEmpty();
    }

    @Test
    void partialPutRecords_whenEveryThirdFails_failedOnesAreReportedInPlaceAndNotStored() {
        proxy.partialPutRecords(Share.everyNth(3));

        PutRecordsResponse response = putRecords(kinesis, 9);

        assertThat(response.failedRecordCount()).isEqualTo(3);
        assertThat(failedPositions(response.records())).containsExactly(2, 5, 8);
        assertThat(response.records().get(2).errorMessage()).contains("Rate exceeded for shard");
        assertThat(response.records())
                .filteredOn(r -> r.errorCode() == null)
                .allSatisfy(r -> assertThat(r.sequenceNumber()).isNotBlank());
        assertThat(readBack(aws.kinesis())).containsExactly("r1", "r2", "r4", "r5", "r7", "r8");
        assertThat(proxy.stats().operation(PUT_RECORDS)).isEqualTo(new OperationStats(1, 1, 0, 3, 0));
    }

    @Test
    void partialPutRecords_whenJsonClientAndSeeded_storesExactlyTheRecordsNotFailed() {
        List<Integer> expectedFailures = new ArrayList<>();
        Random random = new Random(7L);
        for (int i = 0; i < 12; i++) {
            if (random.nextDouble() < 0.5) {
                expectedFailures.add(i);
            }
        }
        List<String> expectedStored = IntStream.range(0, 12)
                .filter(i -> !expectedFailures.contains(i))
                .mapToObj(i -> "r" + (i + 1))
                .toList();
        proxy.partialPutRecords(Share.of(0.5, 7L));

        PutRecordsResponse response;
        try (KinesisClient json = ProxyClients.kinesisJson(proxy.endpoint())) {
            response = putRecords(json, 12);
        }

        assertThat(failedPositions(response.records()))
                .isEqualTo(expectedFailures)
                .isNotEmpty();
        assertThat(response.failedRecordCount()).isEqualTo(expectedFailures.size());
        assertThat(readBack(aws.kinesis())).isEqualTo(expectedStored);
    }

    @Test
    void partialPutRecords_whenAllFail_answersWithoutForwardingAnything() {
        proxy.partialPutRecords(Share.all());

        PutRecordsResponse response = putRecords(kinesis, 4);

        assertThat(response.failedRecordCount()).isEqualTo(4);
        assertThat(response.records())
                .allSatisfy(r -> assertThat(r.errorCode()).isEqualTo("ProvisionedThroughputExceededException"));
        assertThat(readBack(aws.kinesis())).isEmpty();
        assertThat(proxy.stats().operation(PUT_RECORDS)).isEqualTo(new OperationStats(1, 0, 0, 4, 0));
    }

    private PutRecordsResponse putRecords(KinesisClient client, int count) {
        List<PutRecordsRequestEntry> entries = IntStream.rangeClosed(1, count)
                .mapToObj(i -> PutRecordsRequestEntry.builder()
                        .partitionKey("key-" + i)
                        .data(SdkBytes.fromUtf8String("r" + i))
                        .build())
                .toList();
        return client.putRecords(r -> r.streamName(stream).records(entries));
    }

    private List<String> readBack(KinesisClient client) {
        String shard =
                client.listShards(r -> r.streamName(stream)).shards().get(0).shardId();
        String iterator = client.getShardIterator(
                        r -> r.streamName(stream).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        return client.getRecords(r -> r.shardIterator(iterator)).records().stream()
                .map(record -> record.data().asUtf8String())
                .toList();
    }

    private static List<Integer> failedPositions(List<PutRecordsResultEntry> results) {
        return IntStream.range(0, results.size())
                .filter(i -> "ProvisionedThroughputExceededException"
                        .equals(results.get(i).errorCode()))
                .boxed()
                .toList();
    }
}
