package io.liveinsight.local.engines;

import io.liveinsight.event.TableNames;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Both local engines, started together, with ready clients. Tests get one per JVM through {@link WithLocalAws};
 * the local stack starts one on the ports of docs/contract/local.md#addresses.
 */
public final class LocalAws implements AutoCloseable {

    private static final AtomicInteger UNIQUE = new AtomicInteger();

    private final DynamoDbLocalEngine dynamoDbEngine;
    private final KinesisMockEngine kinesisEngine;
    private final DynamoDbClient dynamoDb;
    private final KinesisClient kinesis;

    private LocalAws(DynamoDbLocalEngine dynamoDbEngine, KinesisMockEngine kinesisEngine) {
        this.dynamoDbEngine = dynamoDbEngine;
        this.kinesisEngine = kinesisEngine;
        this.dynamoDb = LocalAwsClients.dynamoDb(dynamoDbEngine.endpoint());
        this.kinesis = LocalAwsClients.kinesis(kinesisEngine.endpoint());
    }

    /** Starts both engines (ports 0 pick free ones); kinesis-mock boots in parallel with DynamoDB Local. */
    public static LocalAws start(int dynamoDbPort, int kinesisPort, Path dynamoDbDataDirectory) {
        CompletableFuture<KinesisMockEngine> kinesis =
                CompletableFuture.supplyAsync(() -> KinesisMockEngine.start(kinesisPort));
        DynamoDbLocalEngine dynamoDb;
        try {
            dynamoDb = DynamoDbLocalEngine.start(dynamoDbPort, dynamoDbDataDirectory);
        } catch (RuntimeException e) {
            kinesis.thenAccept(KinesisMockEngine::close);
            throw e;
        }
        try {
            return new LocalAws(dynamoDb, kinesis.join());
        } catch (RuntimeException e) {
            dynamoDb.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    public static LocalAws startOnFreePorts() {
        return start(0, 0, null);
    }

    public AwsEndpoints endpoints() {
        return new AwsEndpoints(dynamoDbEngine.endpoint(), kinesisEngine.endpoint());
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public KinesisClient kinesis() {
        return kinesis;
    }

    public boolean isKinesisAlive() {
        return kinesisEngine.isAlive();
    }

    /** Fresh tables (docs/contract/tables.md#keys-and-indexes) under a prefix no other test in this JVM uses. */
    public TableNames createTables(String prefixHint) {
        TableNames names = TableNames.withPrefix(prefixHint + "-" + UNIQUE.incrementAndGet());
        LiveInsightResources.createTables(dynamoDb, names);
        return names;
    }

    /** A fresh stream no other test in this JVM uses. */
    public String createStream(String nameHint, int shards) {
        String name = nameHint + "-" + UNIQUE.incrementAndGet();
        LiveInsightResources.createStream(kinesis, name, shards);
        return name;
    }

    @Override
    public void close() {
        dynamoDb.close();
        kinesis.close();
        kinesisEngine.close();
        dynamoDbEngine.close();
    }
}
