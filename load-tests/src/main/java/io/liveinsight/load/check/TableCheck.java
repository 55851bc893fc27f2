package io.liveinsight.load.bench;

import io.liveinsight.event.TableNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Every acknowledged event in Events exactly once (and nothing else), every session's aggregates as the events sent
 * imply. Scans the tables once; the benchmark's tables hold only its own traffic.
 */
record TableCheck(
        long expectedEvents,
        long storedEvents,
        long missing,
        long duplicated,
        long unexpected,
        long sessionsChecked,
        long sessionsMismatched,
        long splitSessionItems,
        List<String> examples) {

    boolean passed() {
        return missing == 0 && duplicated == 0 && unexpected == 0 && sessionsMismatched == 0 && splitSessionItems == 0;
    }

    static TableCheck run(DynamoDbClient dynamoDb, TableNames tables, Map<String, Map<String, Object>> expected) {
        List<String> examples = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        long stored = 0;
        for (Map<String, AttributeValue> item : scan(dynamoDb, tables.events(), "event_id")) {
            stored++;
            seen.merge(item.get("event_id").s(), 1, Integer::sum);
        }
        long missing = 0;
        long duplicated = 0;
        for (String id : expected.keySet()) {
            int count = seen.getOrDefault(id, 0);
            if (count == 0) {
                missing++;
                note(examples, "missing event " + id);
            } else if (count > 1) {
                duplicated++;
                note(examples, "event " + id + " stored " + count + " times");
            }
        }
        long unexpected =
                seen.keySet().stream().filter(id -> !expected.containsKey(id)).count();

        Map<String, List<Map<String, Object>>> bySession = new LinkedHashMap<>();
        expected.values().forEach(e -> bySession
                .computeIfAbsent((String) e.get("session_id"), k -> new ArrayList<>())
                .add(e));
        Map<String, Map<String, AttributeValue>> sessions = new HashMap<>();
        long splits = 0;
        for (Map<String, AttributeValue> item : scan(
                dynamoDb,
                tables.sessions(),
                "session_id, total_events, page_views, start_time, last_activity, entry_page, exit_page")) {
            String id = item.get("session_id").s();
            if (id.contains("~")) {
                splits++;
                note(examples, "unexpected segment item " + id);
            }
            sessions.put(id, item);
        }
        long mismatched = 0;
        for (Map.Entry<String, List<Map<String, Object>>> entry : bySession.entrySet()) {
            String problem = compare(ExpectedSession.of(entry.getValue()), sessions.get(entry.getKey()));
            if (problem != null) {
                mismatched++;
                note(examples, "session " + entry.getKey() + ": " + problem);
            }
        }
        return new TableCheck(
                expected.size(),
                stored,
                missing,
                duplicated,
                unexpected,
                bySession.size(),
                mismatched,
                splits,
                examples);
    }

    private static String compare(ExpectedSession want, Map<String, AttributeValue> item) {
        if (item == null) {
            return "no Sessions item";
        }
        Map<String, Object> have = new LinkedHashMap<>();
        Map<String, Object> need = new LinkedHashMap<>();
        need.put("total_events", want.totalEvents());
        need.put("page_views", want.pageViews());
        need.put("start_time", want.startTime());
        need.put("last_activity", want.lastActivity());
        for (String name : List.of("total_events", "page_views", "start_time", "last_activity")) {
            AttributeValue value = item.get(name);
            have.put(name, value == null || value.n() == null ? null : Long.parseLong(value.n()));
        }
        if (!want.pagesAmbiguous()) {
            need.put("entry_page", want.entryPage());
            need.put("exit_page", want.exitPage());
            for (String name : List.of("entry_page", "exit_page")) {
                AttributeValue value = item.get(name);
                have.put(name, value == null ? null : value.s());
            }
        }
        return Objects.equals(need, have) ? null : "expected " + need + ", stored " + have;
    }

    private static List<Map<String, AttributeValue>> scan(DynamoDbClient dynamoDb, String table, String projection) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, String> names = new LinkedHashMap<>();
            List<String> placeholders = new ArrayList<>();
            for (String name : projection.split(",\\s*")) {
                names.put("#a" + names.size(), name);
                placeholders.add("#a" + (names.size() - 1));
            }
            ScanRequest.Builder request = ScanRequest.builder()
                    .tableName(table)
                    .projectionExpression(String.join(", ", placeholders))
                    .expressionAttributeNames(names);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            var response = dynamoDb.scan(request.build());
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey()
                    : null;
        } while (start != null);
        return items;
    }

    private static void note(List<String> examples, String text) {
        if (examples.size() < 10) {
            examples.add(text);
        }
    }
}
