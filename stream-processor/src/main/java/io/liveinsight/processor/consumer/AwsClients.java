package io.liveinsight.processor.consumer;

import io.liveinsight.processor.config.ProcessorConfig;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClientBuilder;
import software.amazon.kinesis.common.KinesisClientUtil;

/**
 * The consumer's SDK clients, each pointed at its endpoint override when one is set: async ones for KCL, a sync
 * DynamoDB client (Apache HTTP) for the table writes.
 */
record AwsClients(
        KinesisAsyncClient kinesisAsync,
        DynamoDbAsyncClient dynamoDbAsync,
        CloudWatchAsyncClient cloudWatchAsync,
        DynamoDbClient dynamoDb)
        implements AutoCloseable {

    static AwsClients create(ProcessorConfig config) {
        Region region = Region.of(config.region());
        KinesisAsyncClientBuilder kinesis = KinesisAsyncClient.builder().region(region);
        config.kinesisEndpointOverride().ifPresent(kinesis::endpointOverride);
        DynamoDbAsyncClientBuilder dynamoDbAsync = DynamoDbAsyncClient.builder().region(region);
        config.dynamoDbEndpointOverride().ifPresent(dynamoDbAsync::endpointOverride);
        CloudWatchAsyncClientBuilder cloudWatch =
                CloudWatchAsyncClient.builder().region(region);
        config.cloudWatchEndpointOverride().ifPresent(cloudWatch::endpointOverride);
        DynamoDbClientBuilder dynamoDb =
                DynamoDbClient.builder().region(region).httpClientBuilder(ApacheHttpClient.builder());
        config.dynamoDbEndpointOverride().ifPresent(dynamoDb::endpointOverride);
        return new AwsClients(
                KinesisClientUtil.createKinesisAsyncClient(kinesis),
                dynamoDbAsync.build(),
                cloudWatch.build(),
                dynamoDb.build());
    }

    @Override
    public void close() {
        kinesisAsync.close();
        dynamoDbAsync.close();
        cloudWatchAsync.close();
        dynamoDb.close();
    }
}
