package io.liveinsight.load.check;

import io.liveinsight.event.EventLimits;

import io.liveinsight.event.TableNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The tables against what was acknowledged: every acknowledged event in Events exactly once (and nothing else), every
 * session's Sessions aggregates as its events imply, and its ActiveSessions item neither missing nor stale. Scans the
 * tables once; the run's tables hold only its own traffic.
 *
 * @param unexpected events stored that nobody acknowledged (a poison record's event, or a stray)
 * @param sessionsMismatched Sessions items missing or with a wrong aggregate
 * @param activeStale ActiveSessions items missing (while the session is active) or behind the session
 * @param wrongSessions the first sessions whose Sessions item is wrong, for a closer look
 */
public record TableCheck(
        long expectedEvents,
        long storedEvents,
        long missing,
        long duplicated,
        long unexpected,
        long sessionsChecked,
        long sessionsMismatched,
        long splitSessionItems,
        long activeStale,
        List<String> examples,
        List<String> wrongSessions) {

    public boolean passed() {
        return missing == 0
                && duplicated == 0
                && unexpected == 0
                && sessionsMismatched == 0
                && splitSessionItems == 0
                && activeStale == 0;
    }

    /** Checks the tables; {@code nowEpochSeconds} decides which sessions must still be in ActiveSessions. */
    public static TableCheck run(
            DynamoDbClient dynamoDb,
            TableNames tables,
            Map<String, Map<String, Object>> expected,
            long nowEpochSeconds) {
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
        Set<String> strays = new java.util.TreeSet<>(seen.keySet());
        strays.removeAll(expected.keySet());
        strays.stream().limit(3).forEach(id -> note(examples, "unexpected event " + id));

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
            if (id.codePointCount(0, id.length()) > EventLimits.MAX_SESSION_ID_CHARS) { // a derived (later segment) id
                splits++;
                note(examples, "unexpected segment item " + id);
            }
            sessions.put(id, item);
        }
        Map<String, Map<String, AttributeValue>> active = new HashMap<>();
        for (Map<String, AttributeValue> item : scan(
                dynamoDb,
                tables.activeSessions(),
                "session_id, user_id, total_events, start_time, last_activity, current_page, expires_at")) {
            active.put(item.get("session_id").s(), item);
        }
        long mismatched = 0;
        long stale = 0;
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, List<Map<String, Object>>> entry : bySession.entrySet()) {
            ExpectedSession want = ExpectedSession.of(entry.getValue());
            String problem = compareSession(want, sessions.get(entry.getKey()));
            if (problem != null) {
                mismatched++;
                note(examples, "session " + entry.getKey() + ": " + problem);
                note(wrong, entry.getKey());
            }
            String activeProblem = compareActive(want, active.get(entry.getKey()), nowEpochSeconds);
            if (activeProblem != null) {
                stale++;
                note(examples, "active session " + entry.getKey() + ": " + activeProblem);
            }
        }
        return new TableCheck(
                expected.size(),
                stored,
                missing,
                duplicated,
                strays.size(),
                bySession.size(),
                mismatched,
                splits,
                stale,
                examples,
                wrong);
    }

    private static String compareSession(ExpectedSession want, Map<String, AttributeValue> item) {
        if (item == null) {
            return "no Sessions item";
        }
        Map<String, Object> need = new LinkedHashMap<>();
        need.put("total_events", want.totalEvents());
        need.put("page_views", want.pageViews());
        need.put("start_time", want.startTime());
        need.put("last_activity", want.lastActivity());
        need.put("entry_page", want.entryPage());
        need.put("exit_page", want.exitPage());
        return differences(need, item);
    }

    private static String compareActive(ExpectedSession want, Map<String, AttributeValue> item, long now) {
        if (item == null) {
            return want.expiresAt() > now ? "no ActiveSessions item while active" : null;
        }
        Map<String, Object> need = new LinkedHashMap<>();
        need.put("user_id", want.userId());
        need.put("total_events", want.totalEvents());
        need.put("start_time", want.startTime());
        need.put("last_activity", want.lastActivity());
        need.put("current_page", want.currentPage());
        need.put("expires_at", want.expiresAt());
        return differences(need, item);
    }

    private static String differences(Map<String, Object> need, Map<String, AttributeValue> item) {
        Map<String, Object> have = new LinkedHashMap<>();
        need.forEach((name, wanted) -> have.put(name, value(item.get(name), wanted instanceof Long)));
        return Objects.equals(need, have) ? null : "expected " + need + ", stored " + have;
    }

    private static Object value(AttributeValue value, boolean number) {
        if (value == null) {
            return null;
        }
        return number ? (value.n() == null ? null : Long.valueOf(value.n())) : value.s();
    }

    private static List<Map<String, AttributeValue>> scan(DynamoDbClient dynamoDb, String table, String projection) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        List<String> placeholders = new ArrayList<>();
        for (String name : projection.split(",\\s*")) {
            placeholders.add("#a" + names.size());
            names.put("#a" + names.size(), name);
        }
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder()
                    .tableName(table)
                    .consistentRead(true)
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
