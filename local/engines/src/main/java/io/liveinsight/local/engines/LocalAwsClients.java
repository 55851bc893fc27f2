package io.liveinsight.local.engines;

import java.net.URI;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Synchronous SDK clients for the local engines, with the local dummy credentials. */
public final class LocalAwsClients {

    private LocalAwsClients() {}

    public static DynamoDbClient dynamoDb(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(LocalCredentials.REGION)
                .credentialsProvider(LocalCredentials.provider())
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    public static KinesisClient kinesis(URI endpoint) {
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(LocalCredentials.REGION)
                .credentialsProvider(LocalCredentials.provider())
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }
}
