package io.liveinsight.processor.bench;

import io.liveinsight.event.TableNames;
import io.liveinsight.local.engines.LocalAws;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Says how DynamoDB Local counts index writes in ConsumedCapacity, next to what AWS bills for the same write: one
 * write per index for a new item, two when the index key changes, and for a rewrite that keeps the key, one if the
 * index projects an attribute that changed, else none. DynamoDB Local bills that last case nothing whatever the
 * projection, so the figures the benchmarks print are AWS's only while Sessions' UserIndex projects keys only.
 */
final class GsiAccounting {

    private GsiAccounting() {}

    static void report(LocalAws aws) {
        TableNames tables = aws.createTables("GsiCheck");
        print(
                "new Events item (2 GSIs)",
                3,
                put(
                        aws,
                        tables.events(),
                        Map.of("event_id", s("p"), "timestamp", n(1), "user_id", s("u"), "session_id", s("s"))));
        ProjectionType projection = aws.dynamoDb()
                .describeTable(r -> r.tableName(tables.sessions()))
                .table()
                .globalSecondaryIndexes()
                .get(0)
                .projection()
                .projectionType();
        String sessions = tables.sessions();
        String index = "UserIndex " + projection;
        print(
                "new Sessions item (" + index + ")",
                2,
                put(
                        aws,
                        sessions,
                        Map.of("session_id", s("p"), "user_id", s("u"), "start_time", n(1), "total_events", n(1))));
        print(
                "Sessions item rewritten, total_events changed (" + index + ")",
                projection == ProjectionType.KEYS_ONLY ? 1 : 2,
                put(
                        aws,
                        sessions,
                        Map.of("session_id", s("p"), "user_id", s("u"), "start_time", n(1), "total_events", n(2))));
        print(
                "Sessions item rewritten, start_time (UserIndex sort key) changed",
                3,
                put(
                        aws,
                        sessions,
                        Map.of("session_id", s("p"), "user_id", s("u"), "start_time", n(0), "total_events", n(3))));
    }

    private static ConsumedCapacity put(LocalAws aws, String table, Map<String, AttributeValue> item) {
        return aws.dynamoDb()
                .putItem(r -> r.tableName(table).item(item).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
                .consumedCapacity();
    }

    private static void print(String what, int aws, ConsumedCapacity consumed) {
        System.out.printf(
                "DynamoDB Local, %s: %s write units (AWS bills %d%s): table %s, GSIs %s%n",
                what,
                consumed.capacityUnits(),
                aws,
                consumed.capacityUnits() == aws ? "" : ": THE FIGURES BELOW ARE NOT AWS'S",
                consumed.table() == null ? null : consumed.table().capacityUnits(),
                consumed.globalSecondaryIndexes());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
