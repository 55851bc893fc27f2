package io.liveinsight.local.engines.fault;

import io.liveinsight.local.engines.LocalCredentials;
import java.net.URI;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** SDK clients pointed at a proxy, like {@code LocalAwsClients} but with the SDK's retries off, so counts are exact. */
final class ProxyClients {

    private static final String CBOR_ENABLED = "aws.cborEnabled";

    private ProxyClients() {}

    static DynamoDbClient dynamoDb(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(LocalCredentials.REGION)
                .credentialsProvider(LocalCredentials.provider())
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    /** Kinesis as the SDK speaks it by default: CBOR. */
    static KinesisClient kinesis(URI endpoint) {
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(LocalCredentials.REGION)
                .credentialsProvider(LocalCredentials.provider())
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    /** Kinesis over JSON 1.1: the SDK reads {@code aws.cborEnabled} once, when the client is built. */
    static KinesisClient kinesisJson(URI endpoint) {
        String before = System.getProperty(CBOR_ENABLED);
        System.setProperty(CBOR_ENABLED, "false");
        try {
            return kinesis(endpoint);
        } finally {
            if (before == null) {
                System.clearProperty(CBOR_ENABLED);
            } else {
                System.setProperty(CBOR_ENABLED, before);
            }
        }
    }
}
