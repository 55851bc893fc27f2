package io.liveinsight.load.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * For a session whose aggregate came out wrong: its events as the Events table holds them, with when the edge
 * received each, so they can be laid beside the faults' times.
 */
final class SessionForensics {

    private SessionForensics() {}

    static List<String> describe(DynamoDbClient dynamoDb, String eventsTable, String sessionId, long trafficStartMs) {
        List<String> lines = new ArrayList<>();
        dynamoDb.queryPaginator(r -> r.tableName(eventsTable)
                        .indexName("SessionIndex")
                        .keyConditionExpression("session_id = :s")
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(sessionId))))
                .items()
                .forEach(item -> lines.add(String.format(
                        "    %s %s ts %s received %+.1f s",
                        item.get("event_id").s(),
                        item.get("event_type") == null
                                ? "?"
                                : item.get("event_type").s(),
                        item.get("timestamp").n(),
                        item.get("received_at") == null
                                ? Double.NaN
                                : (Long.parseLong(item.get("received_at").n()) - trafficStartMs) / 1000.0)));
        return lines;
    }
}
