package io.liveinsight.load.replay.e2e;

import io.liveinsight.load.process.JavaChild;
import io.liveinsight.local.engines.Ports;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** The local stack ({@code liveinsight-local.jar}) in a child JVM on free loopback ports, with its own engines. */
final class ChildStack implements AutoCloseable {

    static final Path JAR = Path.of("../local/app/target/liveinsight-local.jar");

    private final JavaChild child;
    final URI edge;
    final URI dynamoDbEndpoint;
    final DynamoDbClient dynamoDb;

    private ChildStack(JavaChild child, URI edge, URI dynamoDbEndpoint) {
        this.child = child;
        this.edge = edge;
        this.dynamoDbEndpoint = dynamoDbEndpoint;
        this.dynamoDb = DynamoDbClient.builder()
                .endpointOverride(dynamoDbEndpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    static ChildStack start(String name, Path log, Map<String, String> extraEnv) {
        int edgePort = Ports.resolve(0);
        int dynamoDbPort = Ports.resolve(0);
        int kinesisPort = Ports.resolve(0);
        Map<String, String> env = new HashMap<>(Map.of(
                "LIVEINSIGHT_HOST", "127.0.0.1",
                "LIVEINSIGHT_PORT", Integer.toString(edgePort),
                "DYNAMODB_PORT", Integer.toString(dynamoDbPort),
                "KINESIS_PORT", Integer.toString(kinesisPort),
                "DDB_LOCAL_TELEMETRY", "0",
                "AWS_EMF_ENVIRONMENT", "Local",
                "KCL_FAST_STARTUP", "true"));
        env.putAll(extraEnv);
        JavaChild child = JavaChild.start(
                name, JAR, "io.liveinsight.local.LocalMain", List.of("-XX:+UseParallelGC", "-Xmx768m"), env, log);
        ChildStack stack = new ChildStack(
                child, URI.create("http://127.0.0.1:" + edgePort), URI.create("http://127.0.0.1:" + dynamoDbPort));
        child.awaitHealthy(stack.edge.resolve("/health"), Duration.ofSeconds(180));
        return stack;
    }

    /** How many items a table holds (a counting Scan: these tables are small). */
    long count(String table) {
        return dynamoDb.scanPaginator(r -> r.tableName(table).select(Select.COUNT)).stream()
                .mapToLong(page -> page.count())
                .sum();
    }

    @Override
    public void close() {
        dynamoDb.close();
        child.close();
    }
}
