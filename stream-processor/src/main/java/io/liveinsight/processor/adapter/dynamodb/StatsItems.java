package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.n;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.s;

import io.liveinsight.event.contract.ItemAttributes;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.RollupCodec;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.processor.port.StoreUnavailableException;
import io.liveinsight.processor.port.StreamMetrics;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The Stats table's items as both of its writers ({@link DynamoDbStatsStore}, hour items; {@link DynamoDbDayStore},
 * day items) read and write them: one item per key and shard, read strongly consistent, put on condition that its
 * revision ({@code rv}) is still the one read, the write units recorded per table.
 */
final class StatsItems {

    private static final String NEW = "attribute_not_exists(#rv)";
    private static final String SAME = "#rv = :rv";
    private static final Map<String, String> RV = Map.of("#rv", ItemAttributes.REVISION);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final TableGuard guard;
    private final StreamMetrics metrics;

    StatsItems(DynamoDbClient dynamoDb, String table, TableGuard guard, StreamMetrics metrics) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.guard = guard;
        this.metrics = metrics;
    }

    String table() {
        return table;
    }

    /** The item of {@code key} and {@code shardId}, or null when there is none. */
    Map<String, AttributeValue> get(String shardId, StatsKey key) {
        return get(key(shardId, key));
    }

    /** The item of this primary key ({@code pk}, {@code sk}), read strongly consistent, or null when there is none. */
    Map<String, AttributeValue> get(Map<String, AttributeValue> primaryKey) {
        Map<String, AttributeValue> item = guard.read(
                        "GetItem",
                        () -> dynamoDb.getItem(
                                r -> r.tableName(table).key(primaryKey).consistentRead(true)))
                .item();
        return item == null || item.isEmpty() ? null : item;
    }

    /** Puts {@code item} on condition that its stored revision is {@code previousRevision} (0: no item); false if not. */
    boolean put(Map<String, AttributeValue> item, long previousRevision) {
        try {
            ConsumedCapacity consumed = guard.write(
                            "PutItem",
                            1 + ItemSize.bytes(item) / 1024,
                            () -> dynamoDb.putItem(r -> {
                                r.tableName(table)
                                        .item(item)
                                        .expressionAttributeNames(RV)
                                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
                                if (previousRevision == 0) {
                                    r.conditionExpression(NEW);
                                } else {
                                    r.conditionExpression(SAME)
                                            .expressionAttributeValues(Map.of(":rv", n(previousRevision)));
                                }
                            }))
                    .consumedCapacity();
            if (consumed != null && consumed.capacityUnits() != null) {
                metrics.writeUnits(table, consumed.capacityUnits());
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Runs calls on the table, an SDK error turned into the store's own (unavailable or misconfigured) when it is one. */
    <T> T translating(String operation, Supplier<T> call) {
        try {
            return Objects.requireNonNull(call.get());
        } catch (SdkException e) {
            StoreUnavailableException unavailable = DynamoDbErrors.translate(table, operation, e);
            throw unavailable != null ? unavailable : e;
        }
    }

    static Map<String, AttributeValue> key(String shardId, StatsKey key) {
        return Map.of(ItemAttributes.STATS_KEY, s(key.value()), ItemAttributes.STATS_SHARD, s(shardId));
    }

    static long revision(Map<String, AttributeValue> item) {
        return AttributeValues.number(item, ItemAttributes.REVISION);
    }

    static BigInteger mark(Map<String, AttributeValue> item) {
        return new BigInteger(item.get(ItemAttributes.MARK).s());
    }

    static Rollup rollup(Map<String, AttributeValue> item) {
        return RollupCodec.decode(item.get(ItemAttributes.ROLLUP).b().asByteArray());
    }

    /** Adds the mark and the rollup (encoded) to an item being written. */
    static void putCounted(Map<String, AttributeValue> item, BigInteger mark, Rollup rollup) {
        item.put(ItemAttributes.MARK, s(mark.toString()));
        item.put(ItemAttributes.ROLLUP, AttributeValue.fromB(SdkBytes.fromByteArray(RollupCodec.encode(rollup))));
    }
}
