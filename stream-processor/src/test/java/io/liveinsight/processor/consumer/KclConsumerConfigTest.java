package io.liveinsight.processor.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.ConfigsBuilder;

/** What the consumer asks of KCL, read from the configuration it builds (no engine, no network). */
class KclConsumerConfigTest {

    @Test
    void processorConfig_asksForEmptyCalls_andKeepsTheFactory() {
        AtomicInteger built = new AtomicInteger();
        try (KinesisAsyncClient kinesis = KinesisAsyncClient.builder()
                        .region(Region.US_EAST_1)
                        .credentialsProvider(AnonymousCredentialsProvider.create())
                        .build();
                DynamoDbAsyncClient dynamoDb = DynamoDbAsyncClient.builder()
                        .region(Region.US_EAST_1)
                        .credentialsProvider(AnonymousCredentialsProvider.create())
                        .build();
                CloudWatchAsyncClient cloudWatch = CloudWatchAsyncClient.builder()
                        .region(Region.US_EAST_1)
                        .credentialsProvider(AnonymousCredentialsProvider.create())
                        .build()) {
            ConfigsBuilder configs =
                    new ConfigsBuilder("stream", "app", kinesis, dynamoDb, cloudWatch, "worker", () -> {
                        built.incrementAndGet();
                        return null;
                    });

            var processor = KclRunner.processorConfig(configs);

            assertThat(processor.callProcessRecordsEvenForEmptyRecordList()).isTrue();
            processor.shardRecordProcessorFactory().shardRecordProcessor();
            assertThat(built).hasValue(1);
        }
    }
}
