package io.liveinsight.processor.health;

import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * Health probes of Kinesis and DynamoDB on clients of their own, so a probe never waits behind (or slows) the
 * pipeline's calls: one attempt, no SDK retries, {@link #TIMEOUT} per call.
 */
public final class AwsProbes implements AutoCloseable {

    /** The longest one probe may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final KinesisClient kinesis;
    private final DynamoDbClient dynamoDb;

    private AwsProbes(KinesisClient kinesis, DynamoDbClient dynamoDb) {
        this.kinesis = kinesis;
        this.dynamoDb = dynamoDb;
    }

    /**
     * Probe clients for a region and optional endpoint overrides (null: AWS); credentials from the given provider,
     * or the SDK's default chain when null.
     */
    public static AwsProbes create(
            Region region, URI kinesisEndpoint, URI dynamoDbEndpoint, AwsCredentialsProvider credentials) {
        ClientOverrideConfiguration once = ClientOverrideConfiguration.builder()
                .apiCallTimeout(TIMEOUT)
                .apiCallAttemptTimeout(TIMEOUT)
                .retryStrategy(b -> b.maxAttempts(1))
                .build();
        KinesisClientBuilder kinesis = KinesisClient.builder()
                .region(region)
                .overrideConfiguration(once)
                .httpClientBuilder(httpClient());
        DynamoDbClientBuilder dynamoDb = DynamoDbClient.builder()
                .region(region)
                .overrideConfiguration(once)
                .httpClientBuilder(httpClient());
        if (kinesisEndpoint != null) {
            kinesis.endpointOverride(kinesisEndpoint);
        }
        if (dynamoDbEndpoint != null) {
            dynamoDb.endpointOverride(dynamoDbEndpoint);
        }
        if (credentials != null) {
            kinesis.credentialsProvider(credentials);
            dynamoDb.credentialsProvider(credentials);
        }
        return new AwsProbes(kinesis.build(), dynamoDb.build());
    }

    private static UrlConnectionHttpClient.Builder httpClient() {
        return UrlConnectionHttpClient.builder().connectionTimeout(TIMEOUT).socketTimeout(TIMEOUT);
    }

    /** Kinesis answers DescribeStreamSummary for the stream (which therefore exists). */
    public BooleanSupplier stream(String streamName) {
        return () -> {
            kinesis.describeStreamSummary(r -> r.streamName(streamName));
            return true;
        };
    }

    /** DynamoDB answers DescribeTable for the table (which therefore exists). */
    public BooleanSupplier table(String tableName) {
        return () -> {
            dynamoDb.describeTable(r -> r.tableName(tableName));
            return true;
        };
    }

    /** DynamoDB answers (ListTables, one name): for an application whose tables KCL creates itself. */
    public BooleanSupplier dynamoDb() {
        return () -> {
            dynamoDb.listTables(r -> r.limit(1));
            return true;
        };
    }

    @Override
    public void close() {
        kinesis.close();
        dynamoDb.close();
    }
}
