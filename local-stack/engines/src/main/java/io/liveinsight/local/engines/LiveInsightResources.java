package io.liveinsight.local.engines;

import io.liveinsight.event.TableNames;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Creates the tables and the stream of docs/contract/tables.md#keys-and-indexes on any endpoint (embedded engines,
 * LocalStack). Every call is idempotent: what exists already is left as it is.
 */
public final class LiveInsightResources {

    public static final String TTL_ATTRIBUTE = "expires_at";
    public static final String USER_INDEX = "UserIndex";
    public static final String SESSION_INDEX = "SessionIndex";

    private static final Logger LOG = LoggerFactory.getLogger(LiveInsightResources.class);

    private LiveInsightResources() {}

    public static void createTables(DynamoDbClient dynamoDb, TableNames names) {
        create(
                dynamoDb,
                CreateTableRequest.builder()
                        .tableName(names.events())
                        .keySchema(hash("event_id"), range("timestamp"))
                        .attributeDefinitions(
                                attribute("event_id", ScalarAttributeType.S),
                                attribute("timestamp", ScalarAttributeType.N),
                                attribute("user_id", ScalarAttributeType.S),
                                attribute("session_id", ScalarAttributeType.S))
                        .globalSecondaryIndexes(
                                index(USER_INDEX, "user_id", "timestamp", ProjectionType.ALL),
                                index(SESSION_INDEX, "session_id", "timestamp", ProjectionType.ALL))
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .build());
        create(
                dynamoDb,
                CreateTableRequest.builder()
                        .tableName(names.sessions())
                        .keySchema(hash("session_id"))
                        .attributeDefinitions(
                                attribute("session_id", ScalarAttributeType.S),
                                attribute("user_id", ScalarAttributeType.S),
                                attribute("start_time", ScalarAttributeType.N))
                        // Keys only: a session is rewritten on every batch, and an index whose projected attributes
                        // do not change costs no write (the dashboard reads the items themselves by key).
                        .globalSecondaryIndexes(index(USER_INDEX, "user_id", "start_time", ProjectionType.KEYS_ONLY))
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .build());
        create(
                dynamoDb,
                CreateTableRequest.builder()
                        .tableName(names.activeSessions())
                        .keySchema(hash("session_id"))
                        .attributeDefinitions(attribute("session_id", ScalarAttributeType.S))
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .build());
        enableTimeToLive(dynamoDb, names.activeSessions());
    }

    private static void enableTimeToLive(DynamoDbClient dynamoDb, String table) {
        TimeToLiveStatus status = dynamoDb.describeTimeToLive(request -> request.tableName(table))
                .timeToLiveDescription()
                .timeToLiveStatus();
        if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
            return; // asking again is an error ("TimeToLive is already enabled")
        }
        dynamoDb.updateTimeToLive(request -> request.tableName(table)
                .timeToLiveSpecification(ttl -> ttl.attributeName(TTL_ATTRIBUTE).enabled(true)));
    }

    /**
     * Pre-creates KCL's lease table (named after the application) so the consumer does not wait for KCL to
     * create it: hash key {@code leaseKey} and the {@code LeaseOwnerToLeaseKeyIndex} KCL 3 queries.
     */
    public static void createLeaseTable(DynamoDbClient dynamoDb, String applicationName) {
        create(
                dynamoDb,
                CreateTableRequest.builder()
                        .tableName(applicationName)
                        .keySchema(hash("leaseKey"))
                        .attributeDefinitions(
                                attribute("leaseKey", ScalarAttributeType.S),
                                attribute("leaseOwner", ScalarAttributeType.S))
                        .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                                .indexName("LeaseOwnerToLeaseKeyIndex")
                                .keySchema(hash("leaseOwner"), range("leaseKey"))
                                .projection(Projection.builder()
                                        .projectionType(ProjectionType.KEYS_ONLY)
                                        .build())
                                .build())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .build());
    }

    public static void createStream(KinesisClient kinesis, String streamName, int shards) {
        boolean exists = kinesis.listStreams().streamNames().contains(streamName);
        if (!exists) {
            kinesis.createStream(request -> request.streamName(streamName).shardCount(shards));
            LOG.info("created stream {} with {} shard(s)", streamName, shards);
        }
        kinesis.waiter().waitUntilStreamExists(request -> request.streamName(streamName));
        StreamStatus status = kinesis.describeStreamSummary(request -> request.streamName(streamName))
                .streamDescriptionSummary()
                .streamStatus();
        if (status != StreamStatus.ACTIVE) {
            throw new IllegalStateException("stream " + streamName + " is " + status);
        }
    }

    private static void create(DynamoDbClient dynamoDb, CreateTableRequest request) {
        try {
            dynamoDb.createTable(request);
            LOG.info("created table {}", request.tableName());
        } catch (ResourceInUseException e) {
            LOG.debug("table {} exists", request.tableName());
        }
        dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(request.tableName()));
    }

    private static GlobalSecondaryIndex index(String name, String hashKey, String rangeKey, ProjectionType projection) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(hash(hashKey), range(rangeKey))
                .projection(Projection.builder().projectionType(projection).build())
                .build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder()
                .attributeName(name)
                .keyType(KeyType.HASH)
                .build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder()
                .attributeName(name)
                .keyType(KeyType.RANGE)
                .build();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(type)
                .build();
    }

    static List<String> tableNames(TableNames names) {
        return List.of(names.events(), names.sessions(), names.activeSessions());
    }
}
