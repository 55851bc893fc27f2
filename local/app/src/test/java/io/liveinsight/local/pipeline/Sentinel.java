package io.liveinsight.local.pipeline;

import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A one-event session put after a test's records: on a one-shard stream, once its session item exists every record
 * put before it has been processed (KCL delivers a shard in order and the writer stores a batch in order), so the
 * tables can be compared once, exactly, with no settling time.
 */
final class Sentinel {

    private static final EventCodec CODEC = new EventCodec();

    private Sentinel() {}

    static String sessionId(String prefix) {
        return "sentinel-" + prefix;
    }

    static StreamRecords.Entry record(String prefix, long time) {
        String session = sessionId(prefix);
        Event event = new Event(
                session + "-e",
                "sentinel",
                session,
                "page_view",
                time,
                "https://shop.example/",
                null,
                "Mozilla/5.0",
                Map.of(),
                null,
                null,
                null,
                null,
                time,
                "198.51.100.0",
                false,
                false);
        return new StreamRecords.Entry(session, CODEC.encode(List.of(event)));
    }

    static boolean arrived(DynamoDbClient dynamoDb, String activeSessionsTable, String prefix) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(activeSessionsTable)
                        .key(Map.of("session_id", AttributeValue.fromS(sessionId(prefix))))
                        .consistentRead(true))
                .item();
        return item != null && !item.isEmpty();
    }
}
