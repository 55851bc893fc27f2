package io.liveinsight.load.check;

import static io.liveinsight.event.contract.ItemAttributes.CURRENT_PAGE;
import static io.liveinsight.event.contract.ItemAttributes.ENTRY_PAGE;
import static io.liveinsight.event.contract.ItemAttributes.EVENT_ID;
import static io.liveinsight.event.contract.ItemAttributes.EVENT_TYPES;
import static io.liveinsight.event.contract.ItemAttributes.EXIT_PAGE;
import static io.liveinsight.event.contract.ItemAttributes.EXPIRES_AT;
import static io.liveinsight.event.contract.ItemAttributes.LAST_ACTIVITY;
import static io.liveinsight.event.contract.ItemAttributes.MINUTES;
import static io.liveinsight.event.contract.ItemAttributes.PAGE_VIEWS;
import static io.liveinsight.event.contract.ItemAttributes.ROOT_SESSION_ID;
import static io.liveinsight.event.contract.ItemAttributes.SESSION_DURATION;
import static io.liveinsight.event.contract.ItemAttributes.SESSION_ID;
import static io.liveinsight.event.contract.ItemAttributes.START_TIME;
import static io.liveinsight.event.contract.ItemAttributes.TOTAL_EVENTS;
import static io.liveinsight.event.contract.ItemAttributes.USER_ID;

import io.liveinsight.event.SessionIds;
import io.liveinsight.event.TableNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The tables against what was acknowledged: every acknowledged event in Events exactly once (and nothing else); every
 * session split into its segments ({@link ExpectedSegments}), each segment's Sessions item under its id (the client's
 * for the first, a derived id after, which gives the client's id back, so the item carries no {@code root_session_id})
 * with the aggregates its events imply, and no other Sessions item; what ActiveSessions shows as active (its
 * {@code expires_at} still ahead, as the dashboard reads it) exactly a segment's figures, and every segment still
 * active shown. A segment already expired may have no ActiveSessions item (the store does not write one for a segment
 * expired when processed). Scans the tables once; the run's tables hold only its own traffic.
 *
 * @param unexpected events stored that nobody acknowledged (a poison record's event, or a stray)
 * @param sessionsChecked client session ids checked
 * @param segmentsChecked segments checked (a session split by inactivity or the 24 h limit has several)
 * @param sessionsMismatched segments whose Sessions item is missing or has a wrong aggregate
 * @param unexpectedSessionItems Sessions items that are no segment of any acknowledged event
 * @param activeStale ActiveSessions: a still active segment without its item, an active item that differs from its
 *     segment, or an active item that is no segment at all
 * @param wrongSessions the first client session ids with a wrong segment, for a closer look
 */
public record TableCheck(
        long expectedEvents,
        long storedEvents,
        long missing,
        long duplicated,
        long unexpected,
        long sessionsChecked,
        long segmentsChecked,
        long sessionsMismatched,
        long unexpectedSessionItems,
        long activeStale,
        List<String> examples,
        List<String> wrongSessions) {

    /** An item whose expiry is this close to the check may have been removed by TTL meanwhile. */
    static final long TTL_RACE_SECONDS = 60;

    public boolean passed() {
        return missing == 0
                && duplicated == 0
                && unexpected == 0
                && sessionsMismatched == 0
                && unexpectedSessionItems == 0
                && activeStale == 0;
    }

    /** Checks the tables; {@code nowEpochSeconds} decides which segments must still be in ActiveSessions. */
    public static TableCheck run(
            DynamoDbClient dynamoDb,
            TableNames tables,
            Map<String, Map<String, Object>> expected,
            long nowEpochSeconds) {
        List<String> examples = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        long stored = 0;
        for (Map<String, AttributeValue> item : scan(dynamoDb, tables.events(), EVENT_ID)) {
            stored++;
            seen.merge(item.get(EVENT_ID).s(), 1, Integer::sum);
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
        Set<String> strays = new TreeSet<>(seen.keySet());
        strays.removeAll(expected.keySet());
        strays.stream().limit(3).forEach(id -> note(examples, "unexpected event " + id));

        Map<String, List<Map<String, Object>>> bySession = new LinkedHashMap<>();
        expected.values().forEach(e -> bySession
                .computeIfAbsent((String) e.get(SESSION_ID), k -> new ArrayList<>())
                .add(e));
        Map<String, ExpectedSegments.Segment> segments = new LinkedHashMap<>();
        bySession.forEach((client, events) ->
                ExpectedSegments.of(client, events).forEach(segment -> segments.put(segment.sessionId(), segment)));

        Map<String, Map<String, AttributeValue>> sessions = new HashMap<>();
        for (Map<String, AttributeValue> item : scan(
                dynamoDb,
                tables.sessions(),
                "session_id, user_id, total_events, page_views, start_time, last_activity, session_duration,"
                        + " entry_page, exit_page, current_page, event_types, root_session_id, segments")) {
            sessions.put(item.get(SESSION_ID).s(), item);
        }
        long unexpectedItems = 0;
        for (String id : new TreeSet<>(sessions.keySet())) {
            if (!segments.containsKey(id)) {
                unexpectedItems++;
                note(examples, "unexpected Sessions item " + printable(id));
            }
        }
        Map<String, Map<String, AttributeValue>> active = new HashMap<>();
        for (Map<String, AttributeValue> item : scan(
                dynamoDb,
                tables.activeSessions(),
                "session_id, user_id, total_events, page_views, start_time, last_activity, current_page,"
                        + " expires_at, minutes, root_session_id")) {
            active.put(item.get(SESSION_ID).s(), item);
        }
        long mismatched = 0;
        long stale = 0;
        Set<String> wrong = new LinkedHashSet<>();
        for (ExpectedSegments.Segment segment : segments.values()) {
            String problem = compareSession(segment, sessions.get(segment.sessionId()));
            if (problem != null) {
                mismatched++;
                note(examples, "session " + printable(segment.sessionId()) + ": " + problem);
                wrong.add(segment.clientSessionId());
            }
            String activeProblem = compareActive(segment, active.remove(segment.sessionId()), nowEpochSeconds);
            if (activeProblem != null) {
                stale++;
                note(examples, "active session " + printable(segment.sessionId()) + ": " + activeProblem);
            }
        }
        for (Map.Entry<String, Map<String, AttributeValue>> left : new TreeMap<>(active).entrySet()) {
            Long expires = (Long) value(left.getValue().get(EXPIRES_AT), 0L);
            if (expires != null && expires > nowEpochSeconds) {
                stale++;
                note(examples, "active item " + printable(left.getKey()) + " is no segment of any event sent");
            }
        }
        return new TableCheck(
                expected.size(),
                stored,
                missing,
                duplicated,
                strays.size(),
                bySession.size(),
                segments.size(),
                mismatched,
                unexpectedItems,
                stale,
                examples,
                wrong.stream().limit(10).toList());
    }

    static String compareSession(ExpectedSegments.Segment segment, Map<String, AttributeValue> item) {
        if (item == null) {
            return "no Sessions item";
        }
        ExpectedSession want = segment.aggregate();
        Map<String, Object> need = new LinkedHashMap<>();
        need.put(USER_ID, want.userId());
        need.put(TOTAL_EVENTS, want.totalEvents());
        need.put(PAGE_VIEWS, want.pageViews());
        need.put(START_TIME, want.startTime());
        need.put(LAST_ACTIVITY, want.lastActivity());
        need.put(SESSION_DURATION, want.sessionDuration());
        need.put(ENTRY_PAGE, want.entryPage());
        need.put(EXIT_PAGE, want.exitPage());
        need.put(CURRENT_PAGE, want.currentPage());
        need.put(EVENT_TYPES, want.eventTypes());
        // A Sessions item does not repeat its client id (its derived id gives it back); only ActiveSessions does.
        need.put(ROOT_SESSION_ID, null);
        if (segment.ordinal() == 0) {
            need.put("segments", segment.segmentCount() > 1 ? (Long) (long) segment.segmentCount() : null);
        }
        Map<String, AttributeValue> read = new HashMap<>(item);
        if (!read.containsKey(CURRENT_PAGE) && read.containsKey(EXIT_PAGE)) {
            read.put(CURRENT_PAGE, read.get(EXIT_PAGE)); // stored only when it is not the exit page
        }
        return differences(need, read);
    }

    /** Null when fine: an active segment must be shown exactly; an expired one may be absent, or exact. */
    static String compareActive(ExpectedSegments.Segment segment, Map<String, AttributeValue> item, long now) {
        ExpectedSession want = segment.aggregate();
        if (item == null) {
            return want.expiresAt() > now + TTL_RACE_SECONDS ? "no ActiveSessions item while active" : null;
        }
        Long shownUntil = (Long) value(item.get(EXPIRES_AT), 0L);
        if (shownUntil != null && shownUntil <= now && want.expiresAt() <= now) {
            return null; // neither shown nor required: the dashboard ignores it, TTL removes it
        }
        Map<String, Object> need = new LinkedHashMap<>();
        need.put(USER_ID, want.userId());
        need.put(TOTAL_EVENTS, want.totalEvents());
        need.put(PAGE_VIEWS, want.pageViews());
        need.put(START_TIME, want.startTime());
        need.put(LAST_ACTIVITY, want.lastActivity());
        need.put(CURRENT_PAGE, want.currentPage());
        need.put(EXPIRES_AT, want.expiresAt());
        Map<String, Long> minutes = new TreeMap<>();
        want.recentMinutes().forEach((minute, count) -> minutes.put(Long.toString(minute), count));
        need.put(MINUTES, minutes);
        need.put(ROOT_SESSION_ID, segment.ordinal() == 0 ? null : segment.clientSessionId());
        return differences(need, item);
    }

    private static String differences(Map<String, Object> need, Map<String, AttributeValue> item) {
        Map<String, Object> have = new LinkedHashMap<>();
        need.forEach((name, wanted) -> have.put(name, value(item.get(name), wanted)));
        if (Objects.equals(need, have)) {
            return null;
        }
        Map<String, Object> wanted = new LinkedHashMap<>();
        Map<String, Object> found = new LinkedHashMap<>();
        need.forEach((name, value) -> {
            if (!Objects.equals(value, have.get(name))) {
                wanted.put(name, value);
                found.put(name, have.get(name));
            }
        });
        return "expected " + wanted + ", stored " + found;
    }

    /** The item's value in the shape of the wanted one: Long for numbers, a sorted map for maps, else a string. */
    private static Object value(AttributeValue value, Object shape) {
        if (value == null || Boolean.TRUE.equals(value.nul())) {
            return null;
        }
        if (shape instanceof Long) {
            return value.n() == null ? null : Long.valueOf(value.n());
        }
        if (shape instanceof Map) {
            if (!value.hasM()) {
                return null;
            }
            Map<String, Long> map = new TreeMap<>();
            value.m().forEach((key, count) -> map.put(key, count.n() == null ? null : Long.valueOf(count.n())));
            return map;
        }
        return value.s() != null ? value.s() : value.n();
    }

    /** Long derived ids end in dozens of {@code ~}: shown shortened. */
    static String printable(String sessionId) {
        if (!SessionIds.isDerived(sessionId)) {
            return sessionId;
        }
        int end = sessionId.length();
        while (end > 0 && sessionId.charAt(end - 1) == SessionIds.SEPARATOR) {
            end--;
        }
        return sessionId.substring(0, end) + "~(+" + (sessionId.length() - end - 1) + " ~)";
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
