package io.liveinsight.processor.pipeline;

import io.liveinsight.processor.config.ProcessorConfig;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * The pipeline's SDK clients, built one way for both doors; each door only picks the HTTP client that suits it
 * (Apache with a connection pool in the long-running KCL application, the JDK's URL connection in the Lambda).
 * The table client has the SDK's retries off: a call is retried by its table's {@code TableGuard}, and only there.
 */
public final class SdkClients {

    /** Connections the table client needs: the ledger's and the sessions' writes in flight at once. */
    public static final int TABLE_CONNECTIONS = Pipeline.EVENT_WRITES + Pipeline.SESSION_WRITES + 32;

    private SdkClients() {}

    public static DynamoDbClient tables(ProcessorConfig config, SdkHttpClient.Builder<?> http) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(config.region()))
                .httpClientBuilder(http)
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)));
        config.dynamoDbEndpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public static KinesisClient deadLetters(ProcessorConfig config, SdkHttpClient.Builder<?> http) {
        KinesisClientBuilder builder =
                KinesisClient.builder().region(Region.of(config.region())).httpClientBuilder(http);
        config.kinesisEndpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
