package io.liveinsight.sites.dynamodb;

import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.Tables;
import io.liveinsight.local.engines.DynamoDbLocalEngine;
import io.liveinsight.local.engines.LiveInsightResources;
import io.liveinsight.local.engines.LocalAwsClients;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local alone (no kinesis-mock: the registry needs none), started once per test JVM on a free port and
 * stopped when the JVM exits; each test takes tables under a prefix of its own.
 */
public final class LocalDynamoDb {

    private static final AtomicInteger UNIQUE = new AtomicInteger();
    private static DynamoDbLocalEngine engine;
    private static DynamoDbClient client;

    private LocalDynamoDb() {}

    public static synchronized DynamoDbClient client() {
        if (engine == null) {
            engine = DynamoDbLocalEngine.start(0, null);
            client = LocalAwsClients.dynamoDb(engine.endpoint());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.close();
                engine.close();
            }));
        }
        return client;
    }

    public static synchronized URI endpoint() {
        client();
        return engine.endpoint();
    }

    /** A fresh Sites table (as the contract declares it) under a prefix no other test uses; returns the prefix. */
    public static String freshPrefix(String hint) {
        String prefix = hint + "-" + UNIQUE.incrementAndGet();
        client().createTable(LiveInsightResources.createRequest(Tables.SITES, Tables.SITES.name(prefix)));
        return prefix;
    }

    /** The Sites table's name under a fresh prefix. */
    public static String freshSitesTable(String hint) {
        return TableNames.withPrefix(freshPrefix(hint)).sites();
    }
}
