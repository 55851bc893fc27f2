package io.liveinsight.processor.consumer;

import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.pipeline.SdkClients;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The consumer's SDK clients: KCL's async ones ({@link KclClients}), and sync ones (Apache HTTP) for the table writes
 * and the dead letters.
 */
record AwsClients(KclClients kcl, DynamoDbClient dynamoDb, KinesisClient kinesis) implements AutoCloseable {

    static AwsClients create(ProcessorConfig config) {
        return new AwsClients(
                KclClients.create(config),
                SdkClients.tables(config, ApacheHttpClient.builder().maxConnections(SdkClients.TABLE_CONNECTIONS)),
                SdkClients.deadLetters(config, ApacheHttpClient.builder()));
    }

    @Override
    public void close() {
        dynamoDb.close();
        kinesis.close();
        kcl.close();
    }
}
