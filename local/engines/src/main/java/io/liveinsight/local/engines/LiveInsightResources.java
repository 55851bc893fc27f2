package io.liveinsight.local.engines;

import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.IndexSchema;
import io.liveinsight.event.contract.KeyAttribute;
import io.liveinsight.event.contract.TableSchema;
import io.liveinsight.event.contract.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * Creates the tables of the shared contract ({@link Tables}, docs/contract/tables.md#keys-and-indexes) and the stream on
 * any endpoint (embedded engines, LocalStack). Every call is idempotent: what exists already is left as it is.
 */
public final class LiveInsightResources {

    private static final Logger LOG = LoggerFactory.getLogger(LiveInsightResources.class);

    private LiveInsightResources() {}

    public static void createTables(DynamoDbClient dynamoDb, TableNames names) {
        for (TableSchema table : Tables.all()) {
            String name = names.of(table);
            create(dynamoDb, createRequest(table, name));
            table.timeToLiveAttribute().ifPresent(attribute -> enableTimeToLive(dynamoDb, name, attribute));
        }
    }

    /** The CreateTable call for one table of the contract, as the CDK app declares it (on demand). */
    public static CreateTableRequest createRequest(TableSchema table, String name) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .keySchema(keySchema(table.partitionKey(), table.sortKey()))
                .attributeDefinitions(table.keyAttributes().stream()
                        .map(LiveInsightResources::attribute)
                        .toList())
                .billingMode(BillingMode.PAY_PER_REQUEST);
        if (!table.indexes().isEmpty()) {
            request.globalSecondaryIndexes(
                    table.indexes().stream().map(LiveInsightResources::index).toList());
        }
        return request.build();
    }

    private static void enableTimeToLive(DynamoDbClient dynamoDb, String table, String attribute) {
        TimeToLiveStatus status = dynamoDb.describeTimeToLive(request -> request.tableName(table))
                .timeToLiveDescription()
                .timeToLiveStatus();
        if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
            return; // asking again is an error ("TimeToLive is already enabled")
        }
        dynamoDb.updateTimeToLive(request -> request.tableName(table)
                .timeToLiveSpecification(ttl -> ttl.attributeName(attribute).enabled(true)));
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

    private static GlobalSecondaryIndex index(IndexSchema index) {
        return GlobalSecondaryIndex.builder()
                .indexName(index.name())
                .keySchema(keySchema(index.partitionKey(), Optional.of(index.sortKey())))
                .projection(Projection.builder()
                        .projectionType(
                                ProjectionType.valueOf(index.projection().name()))
                        .build())
                .build();
    }

    private static List<KeySchemaElement> keySchema(KeyAttribute partitionKey, Optional<KeyAttribute> sortKey) {
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(hash(partitionKey.name()));
        sortKey.ifPresent(key -> keys.add(range(key.name())));
        return keys;
    }

    private static AttributeDefinition attribute(KeyAttribute key) {
        return attribute(
                key.name(), key.type() == KeyAttribute.Type.NUMBER ? ScalarAttributeType.N : ScalarAttributeType.S);
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
}
