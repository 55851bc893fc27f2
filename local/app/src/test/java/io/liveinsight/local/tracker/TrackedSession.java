package io.liveinsight.local.tracker;

import io.liveinsight.event.TableNames;
import io.liveinsight.local.browser.Wait;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** One session as the tables hold it: its events (Events by SessionIndex) and its Sessions item. */
record TrackedSession(List<Map<String, AttributeValue>> events, Map<String, AttributeValue> session) {

    /** KCL takes 10-35 s to take its first lease on these machines; then writes follow within a second. */
    static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(120);

    static TrackedSession read(DynamoDbClient dynamoDb, TableNames tables, String sessionId) {
        List<Map<String, AttributeValue>> events = dynamoDb
                .queryPaginator(QueryRequest.builder()
                        .tableName(tables.events())
                        .indexName("SessionIndex")
                        .keyConditionExpression("session_id = :s")
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(sessionId)))
                        .build())
                .items()
                .stream()
                .toList();
        Map<String, AttributeValue> session = dynamoDb.getItem(r -> r.tableName(tables.sessions())
                        .key(Map.of("session_id", AttributeValue.fromS(sessionId)))
                        .consistentRead(true))
                .item();
        return new TrackedSession(events, session == null ? Map.of() : session);
    }

    /** Reads until the session satisfies the condition, then once more a moment later (nothing may arrive late). */
    static TrackedSession await(
            DynamoDbClient dynamoDb, TableNames tables, String sessionId, Predicate<TrackedSession> complete) {
        long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
        TrackedSession current = read(dynamoDb, tables, sessionId);
        while (!complete.test(current)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("session " + sessionId + " incomplete after " + ARRIVAL_TIMEOUT + ": "
                        + current.counts() + ", session item " + current.session());
            }
            Wait.pause(Duration.ofMillis(300));
            current = read(dynamoDb, tables, sessionId);
        }
        Wait.pause(Duration.ofSeconds(2));
        return read(dynamoDb, tables, sessionId);
    }

    /** Events by type. */
    Map<String, Long> counts() {
        return events.stream()
                .collect(Collectors.groupingBy(e -> e.get("event_type").s(), Collectors.counting()));
    }

    long count(String type) {
        return counts().getOrDefault(type, 0L);
    }

    List<Map<String, AttributeValue>> ofType(String type) {
        return events.stream().filter(e -> e.get("event_type").s().equals(type)).toList();
    }

    /** Page URLs of the page views, in event time order. */
    List<String> pageViews() {
        return ofType("page_view").stream()
                .sorted((a, b) -> Long.compare(
                        Long.parseLong(a.get("timestamp").n()),
                        Long.parseLong(b.get("timestamp").n())))
                .map(e -> e.get("page_url").s())
                .toList();
    }

    long sessionNumber(String attribute) {
        AttributeValue value = session.get(attribute);
        return value == null ? -1 : Long.parseLong(value.n());
    }
}
