package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.n;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.s;

import io.liveinsight.event.contract.ItemAttributes;
import io.liveinsight.processor.port.StreamMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The sites items of the Stats table (docs/contract/tables.md#sites-items): {@code pk = #sites}, {@code sk =} a live
 * site some processor counted, {@code last_at} (epoch ms, by that processor's clock) and {@code expires_at}. The day
 * finalizer's sweep reads them (one Query) to know whose day partitions to look at, so it never scans. A put moves
 * {@code last_at} forward only (a condition); one refused because another process recorded later changes nothing.
 */
final class SiteItems {

    /** The partition: no site's key is it, since every other {@code pk} of the table starts with a site id. */
    static final String KEY = "#sites";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final TableGuard guard;
    private final StreamMetrics metrics;

    SiteItems(DynamoDbClient dynamoDb, String table, TableGuard guard, StreamMetrics metrics) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.guard = guard;
        this.metrics = metrics;
    }

    /** Records that {@code site} was counted at {@code atMillis}, unless a later time is recorded already. */
    void record(String site, long atMillis) {
        Map<String, AttributeValue> item = Map.of(
                ItemAttributes.STATS_KEY, s(KEY),
                ItemAttributes.STATS_SHARD, s(site),
                ItemAttributes.LAST_AT, n(atMillis),
                ItemAttributes.EXPIRES_AT, n(Math.floorDiv(atMillis, 1000) + RunItems.KEPT.toSeconds()));
        try {
            ConsumedCapacity consumed = guard.write(
                            "PutItem",
                            1,
                            () -> dynamoDb.putItem(r -> r.tableName(table)
                                    .item(item)
                                    .conditionExpression("attribute_not_exists(#l) OR #l < :at")
                                    .expressionAttributeNames(Map.of("#l", ItemAttributes.LAST_AT))
                                    .expressionAttributeValues(Map.of(":at", n(atMillis)))
                                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)))
                    .consumedCapacity();
            if (consumed != null && consumed.capacityUnits() != null) {
                metrics.writeUnits(table, consumed.capacityUnits());
            }
        } catch (ConditionalCheckFailedException e) {
            // Another process recorded the site later: nothing to move.
        }
    }

    /** The sites whose {@code last_at} is at or after {@code sinceMillis}: one Query, every page. */
    List<String> since(long sinceMillis) {
        List<String> sites = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = guard.read(
                    "Query",
                    () -> dynamoDb.query(r -> r.tableName(table)
                            .keyConditionExpression("#k = :k")
                            .filterExpression("#l >= :since")
                            .projectionExpression("#s")
                            .expressionAttributeNames(Map.of(
                                    "#k", ItemAttributes.STATS_KEY,
                                    "#s", ItemAttributes.STATS_SHARD,
                                    "#l", ItemAttributes.LAST_AT))
                            .expressionAttributeValues(Map.of(":k", s(KEY), ":since", n(sinceMillis)))
                            .exclusiveStartKey(exclusiveStart)));
            page.items()
                    .forEach(item ->
                            sites.add(item.get(ItemAttributes.STATS_SHARD).s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return sites;
    }
}
