package io.liveinsight.load.chaos;

import static io.liveinsight.event.contract.ItemAttributes.EVENT_ID;
import static io.liveinsight.event.contract.ItemAttributes.EVENT_TYPE;
import static io.liveinsight.event.contract.ItemAttributes.RECEIVED_AT;
import static io.liveinsight.event.contract.ItemAttributes.TIMESTAMP;

import io.liveinsight.event.contract.Tables;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * For a session whose aggregate came out wrong: its events as the Events table holds them (under the client's session
 * id, which every segment's events keep), in time order, with when the edge received each, so they can be laid
 * beside the faults' times. A long session shows its first and last events only.
 */
final class SessionForensics {

    static final int MAX_LINES = 40;

    private SessionForensics() {}

    static List<String> describe(
            DynamoDbClient dynamoDb, String eventsTable, String clientSessionId, long trafficStartMs) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamoDb.queryPaginator(r -> r.tableName(eventsTable)
                        .indexName(Tables.SESSION_INDEX)
                        .keyConditionExpression("session_id = :s")
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(clientSessionId))))
                .items()
                .forEach(items::add);
        items.sort(Comparator.comparing((Map<String, AttributeValue> item) ->
                        Long.parseLong(item.get(TIMESTAMP).n()))
                .thenComparing(item -> item.get(EVENT_ID).s()));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.size() > MAX_LINES && i == MAX_LINES / 2) {
                lines.add(String.format("    ... %,d events more ...", items.size() - MAX_LINES));
                i = items.size() - MAX_LINES / 2;
            }
            lines.add(line(items.get(i), trafficStartMs));
        }
        return lines;
    }

    private static String line(Map<String, AttributeValue> item, long trafficStartMs) {
        return String.format(
                "    %s %s ts %s received %+.1f s",
                item.get(EVENT_ID).s(),
                item.get(EVENT_TYPE) == null ? "?" : item.get(EVENT_TYPE).s(),
                item.get(TIMESTAMP).n(),
                item.get(RECEIVED_AT) == null
                        ? Double.NaN
                        : (Long.parseLong(item.get(RECEIVED_AT).n()) - trafficStartMs) / 1000.0);
    }
}
