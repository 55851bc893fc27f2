package io.liveinsight.load.check;

import io.liveinsight.event.TableNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes events to the three tables as store format 2 would hold them (docs/contract/tables.md#sessions), the
 * segments from {@link ExpectedSegments}: for tests of the checks and of the replay CLI, standing in for the pipeline.
 * A session whose events carry {@code replay_run} is stored as the replay lane stores it: the run on its Sessions
 * items and no ActiveSessions item (docs/contract/replay.md#where-a-run-shows).
 */
public final class StoredAsExpected {

    private StoredAsExpected() {}

    /** Events as maps with {@code event_id}, {@code session_id}, {@code user_id}, {@code event_type}, ... */
    public static void store(DynamoDbClient dynamoDb, TableNames tables, Collection<Map<String, Object>> events) {
        Map<String, List<Map<String, Object>>> bySession = new LinkedHashMap<>();
        for (Map<String, Object> event : events) {
            bySession
                    .computeIfAbsent((String) event.get("session_id"), k -> new ArrayList<>())
                    .add(event);
            Map<String, AttributeValue> item = new HashMap<>();
            event.forEach((name, value) -> {
                if (value instanceof Number number) {
                    item.put(name, AttributeValue.fromN(number.toString()));
                } else if (value != null) {
                    item.put(name, AttributeValue.fromS(value.toString()));
                }
            });
            dynamoDb.putItem(r -> r.tableName(tables.events()).item(item));
        }
        bySession.forEach((client, sessionEvents) -> {
            String run = sessionEvents.stream()
                    .map(e -> (String) e.get("replay_run"))
                    .filter(r -> r != null)
                    .findFirst()
                    .orElse(null);
            for (ExpectedSegments.Segment segment : ExpectedSegments.of(client, sessionEvents)) {
                Map<String, AttributeValue> item = session(segment);
                if (run == null) {
                    dynamoDb.putItem(r -> r.tableName(tables.sessions()).item(item));
                    dynamoDb.putItem(r -> r.tableName(tables.activeSessions()).item(active(segment)));
                } else { // a replayed session: its run on the item, no ActiveSessions projection
                    item.put("replay_run", AttributeValue.fromS(run));
                    dynamoDb.putItem(r -> r.tableName(tables.sessions()).item(item));
                }
            }
        });
    }

    static Map<String, AttributeValue> session(ExpectedSegments.Segment segment) {
        ExpectedSession a = segment.aggregate();
        Map<String, AttributeValue> item = common(segment);
        item.put("session_duration", n(a.sessionDuration()));
        put(item, "entry_page", a.entryPage());
        put(item, "exit_page", a.exitPage());
        if (a.currentPage() != null && !a.currentPage().equals(a.exitPage())) {
            item.put("current_page", AttributeValue.fromS(a.currentPage()));
        }
        Map<String, AttributeValue> types = new HashMap<>();
        a.eventTypes().forEach((type, count) -> types.put(type, n(count)));
        item.put("event_types", AttributeValue.fromM(types));
        if (segment.ordinal() == 0 && segment.segmentCount() > 1) {
            item.put("segments", n(segment.segmentCount()));
        }
        return item;
    }

    static Map<String, AttributeValue> active(ExpectedSegments.Segment segment) {
        ExpectedSession a = segment.aggregate();
        Map<String, AttributeValue> item = common(segment);
        put(item, "current_page", a.currentPage());
        item.put("expires_at", n(a.expiresAt()));
        Map<String, AttributeValue> minutes = new HashMap<>();
        a.recentMinutes().forEach((minute, count) -> minutes.put(Long.toString(minute), n(count)));
        item.put("minutes", AttributeValue.fromM(minutes));
        if (segment.ordinal() > 0) {
            item.put("root_session_id", AttributeValue.fromS(segment.clientSessionId()));
        }
        return item;
    }

    private static Map<String, AttributeValue> common(ExpectedSegments.Segment segment) {
        ExpectedSession a = segment.aggregate();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("session_id", AttributeValue.fromS(segment.sessionId()));
        item.put("user_id", AttributeValue.fromS(a.userId()));
        item.put("start_time", n(a.startTime()));
        item.put("last_activity", n(a.lastActivity()));
        item.put("total_events", n(a.totalEvents()));
        item.put("page_views", n(a.pageViews()));
        return item;
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
