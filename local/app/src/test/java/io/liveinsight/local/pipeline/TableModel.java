package io.liveinsight.local.pipeline;

import io.liveinsight.event.Event;
import io.liveinsight.event.TableNames;
import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.domain.RecordPosition;
import io.liveinsight.processor.domain.SessionAggregate;
import io.liveinsight.processor.domain.SessionRules;
import io.liveinsight.processor.domain.SessionUpdate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the three tables must hold for a set of events, computed here from the rules of
 * docs/contract/sessions.md#aggregates (sort a session's distinct events by time, split where the gap exceeds 30
 * minutes; later parts get derived ids, SessionIds.segmentId), and compared item by item with what the tables hold. The
 * model is also checked against the pure domain ({@link SessionUpdate#apply} over all events at once), so a test fails
 * if either disagrees with that contract.
 */
final class TableModel {

    private static final long INACTIVITY_MILLIS = 30 * 60_000L;

    /** One session segment as docs/contract/tables.md#sessions defines its attributes. */
    record Segment(
            String sessionId,
            String userId,
            long startTime,
            long lastActivity,
            long totalEvents,
            long pageViews,
            String entryPage,
            String exitPage,
            String currentPage,
            String referrer,
            String userAgent,
            boolean isBot,
            Map<String, Long> eventTypes) {

        long expiresAt() {
            return Math.floorDiv(lastActivity, 1000) + 30 * 60;
        }
    }

    private final String prefix;
    private final List<Event> events;
    private final Map<String, Segment> segments = new TreeMap<>();

    TableModel(String prefix, List<Event> distinctEvents) {
        this.prefix = prefix;
        this.events = List.copyOf(distinctEvents);
        Map<String, List<Event>> bySession = new LinkedHashMap<>();
        events.forEach(e ->
                bySession.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(e));
        bySession.forEach((sessionId, sessionEvents) -> {
            List<Event> sorted = new ArrayList<>(sessionEvents);
            sorted.sort(Comparator.comparingLong(Event::timestamp).thenComparing(Event::eventId));
            List<Event> part = new ArrayList<>();
            int ordinal = 0;
            for (Event event : sorted) {
                if (!part.isEmpty()
                        && event.timestamp() - part.get(part.size() - 1).timestamp() > INACTIVITY_MILLIS) {
                    add(segment(sessionId, ordinal++, part));
                    part = new ArrayList<>();
                }
                part.add(event);
            }
            add(segment(sessionId, ordinal, part));
        });
    }

    static TableModel of(SessionTraffic traffic) {
        return new TableModel(traffic.prefix(), traffic.events());
    }

    Map<String, Segment> segments() {
        return segments;
    }

    int eventCount() {
        return events.size();
    }

    /** Where the contract's model and the pure domain ({@code SessionUpdate.apply}, all events at once) disagree. */
    List<String> domainDisagreements() {
        List<String> out = new ArrayList<>();
        Map<String, List<Event>> bySession = new LinkedHashMap<>();
        events.forEach(e ->
                bySession.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(e));
        bySession.forEach((sessionId, sessionEvents) -> {
            RecordPosition position = RecordPosition.of("shardId-000000000000", "1");
            List<SessionAggregate> stateSegments = SessionUpdate.apply(
                            null,
                            sessionId,
                            sessionEvents.stream()
                                    .map(e -> new PositionedEvent(e, position, false))
                                    .toList())
                    .writes()
                    .stream()
                    .map(write -> write.segment().aggregate())
                    .toList();
            for (SessionAggregate a : stateSegments) {
                Segment domain = new Segment(
                        a.sessionId(),
                        a.userId(),
                        a.startTime(),
                        a.lastActivity(),
                        a.totalEvents(),
                        a.pageViews(),
                        a.entryPage() == null ? null : a.entryPage().value(),
                        a.exitPage() == null ? null : a.exitPage().value(),
                        a.currentPage() == null ? null : a.currentPage().value(),
                        a.referrer(),
                        a.userAgent(),
                        a.isBot(),
                        new TreeMap<>(a.eventTypes()));
                if (!domain.equals(segments.get(a.sessionId()))) {
                    out.add("domain " + domain + " vs model " + segments.get(a.sessionId()));
                }
            }
            long modelled = segments.keySet().stream()
                    .filter(id -> SessionRules.clientSessionId(id).equals(sessionId))
                    .count();
            if (modelled != stateSegments.size()) {
                out.add(sessionId + ": domain has " + stateSegments.size() + " segments, model " + modelled);
            }
        });
        return out;
    }

    /** Every difference between the tables and the model, for this traffic's ids only; empty when exact. */
    List<String> differences(DynamoDbClient dynamoDb, TableNames tables) {
        List<String> out = new ArrayList<>();
        compareEvents(scan(dynamoDb, tables.events(), "event_id"), out);
        compareSessions(scan(dynamoDb, tables.sessions(), "session_id"), out);
        compareActive(scan(dynamoDb, tables.activeSessions(), "session_id"), out);
        return out;
    }

    private void compareEvents(List<Map<String, AttributeValue>> items, List<String> out) {
        Map<String, Event> expected = new HashMap<>();
        events.forEach(e -> expected.put(e.eventId() + "@" + e.timestamp(), e));
        Map<String, Map<String, AttributeValue>> actual = new HashMap<>();
        for (Map<String, AttributeValue> item : items) {
            String key = item.get("event_id").s() + "@" + item.get("timestamp").n();
            if (actual.put(key, item) != null) {
                out.add("Events: key twice " + key);
            }
        }
        if (items.size() != expected.size()) {
            out.add("Events: " + items.size() + " items, expected " + expected.size());
        }
        expected.forEach((key, event) -> {
            Map<String, AttributeValue> item = actual.get(key);
            if (item == null) {
                out.add("Events: missing " + key);
                return;
            }
            check(out, "Events " + key, "session_id", event.sessionId(), s(item, "session_id"));
            check(out, "Events " + key, "user_id", event.userId(), s(item, "user_id"));
            check(out, "Events " + key, "event_type", event.eventType(), s(item, "event_type"));
            check(out, "Events " + key, "page_url", event.pageUrl(), s(item, "page_url"));
            check(out, "Events " + key, "element_id", event.elementId(), s(item, "element_id"));
            check(out, "Events " + key, "is_bot", event.isBot(), bool(item, "is_bot"));
            check(
                    out,
                    "Events " + key,
                    "properties.n",
                    event.properties().get("n").toString(),
                    nested(item));
        });
        actual.keySet().stream()
                .filter(key -> !expected.containsKey(key))
                .forEach(key -> out.add("Events: unexpected " + key));
    }

    private void compareSessions(List<Map<String, AttributeValue>> items, List<String> out) {
        Map<String, Map<String, AttributeValue>> actual = byId(items);
        segments.forEach((id, segment) -> {
            Map<String, AttributeValue> item = actual.get(id);
            if (item == null) {
                out.add("Sessions: missing " + id);
                return;
            }
            String what = "Sessions " + id;
            check(out, what, "user_id", segment.userId(), s(item, "user_id"));
            check(out, what, "start_time", segment.startTime(), n(item, "start_time"));
            check(out, what, "last_activity", segment.lastActivity(), n(item, "last_activity"));
            check(out, what, "total_events", segment.totalEvents(), n(item, "total_events"));
            check(out, what, "page_views", segment.pageViews(), n(item, "page_views"));
            check(
                    out,
                    what,
                    "session_duration",
                    segment.lastActivity() - segment.startTime(),
                    n(item, "session_duration"));
            check(out, what, "entry_page", segment.entryPage(), s(item, "entry_page"));
            check(out, what, "exit_page", segment.exitPage(), s(item, "exit_page"));
            check(out, what, "referrer", segment.referrer(), s(item, "referrer"));
            check(out, what, "user_agent", segment.userAgent(), s(item, "user_agent"));
            check(out, what, "is_bot", segment.isBot(), bool(item, "is_bot"));
            Map<String, Long> types = new TreeMap<>();
            AttributeValue stored = item.get("event_types");
            if (stored != null && stored.hasM()) {
                stored.m()
                        .forEach((type, count) -> types.put(type, count.n() == null ? -1 : Long.parseLong(count.n())));
            }
            check(out, what, "event_types", new TreeMap<>(segment.eventTypes()), types);
        });
        actual.keySet().stream()
                .filter(id -> !segments.containsKey(id))
                .forEach(id -> out.add("Sessions: unexpected " + id));
    }

    private void compareActive(List<Map<String, AttributeValue>> items, List<String> out) {
        Map<String, Map<String, AttributeValue>> actual = byId(items);
        segments.forEach((id, segment) -> {
            Map<String, AttributeValue> item = actual.get(id);
            if (item == null) {
                out.add("ActiveSessions: missing " + id);
                return;
            }
            String what = "ActiveSessions " + id;
            check(out, what, "user_id", segment.userId(), s(item, "user_id"));
            check(out, what, "start_time", segment.startTime(), n(item, "start_time"));
            check(out, what, "last_activity", segment.lastActivity(), n(item, "last_activity"));
            check(out, what, "current_page", segment.currentPage(), s(item, "current_page"));
            check(out, what, "total_events", segment.totalEvents(), n(item, "total_events"));
            check(out, what, "expires_at", segment.expiresAt(), n(item, "expires_at"));
        });
        actual.keySet().stream()
                .filter(id -> !segments.containsKey(id))
                .forEach(id -> out.add("ActiveSessions: unexpected " + id));
    }

    private void add(Segment segment) {
        segments.put(segment.sessionId(), segment);
    }

    private static Segment segment(String sessionId, int ordinal, List<Event> sorted) {
        Event first = sorted.get(0);
        Event last = sorted.get(sorted.size() - 1);
        List<Event> pageViews = sorted.stream().filter(Event::isPageView).toList();
        Event latestWithPage = null;
        Map<String, Long> types = new TreeMap<>();
        for (Event event : sorted) {
            types.merge(event.eventType(), 1L, Long::sum);
            if (event.pageUrl() != null) {
                latestWithPage = event;
            }
        }
        return new Segment(
                SessionRules.segmentId(sessionId, ordinal),
                first.userId(),
                first.timestamp(),
                last.timestamp(),
                new TreeSet<>(sorted.stream().map(Event::eventId).toList()).size(),
                pageViews.size(),
                pageViews.isEmpty() ? null : pageViews.get(0).pageUrl(),
                pageViews.isEmpty() ? null : pageViews.get(pageViews.size() - 1).pageUrl(),
                latestWithPage == null ? null : latestWithPage.pageUrl(),
                first.referrer(),
                first.userAgent(),
                sorted.stream().anyMatch(Event::isBot),
                types);
    }

    private List<Map<String, AttributeValue>> scan(DynamoDbClient dynamoDb, String table, String key) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamoDb.scanPaginator(r -> r.tableName(table)
                        .consistentRead(true)
                        .filterExpression("begins_with(#k, :p)")
                        .expressionAttributeNames(Map.of("#k", key))
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(prefix + "-"))))
                .items()
                .forEach(items::add);
        return items;
    }

    private static Map<String, Map<String, AttributeValue>> byId(List<Map<String, AttributeValue>> items) {
        Map<String, Map<String, AttributeValue>> out = new HashMap<>();
        items.forEach(item -> out.put(item.get("session_id").s(), item));
        return out;
    }

    private static void check(List<String> out, String what, String attribute, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            out.add(what + ": " + attribute + " is " + actual + ", expected " + expected);
        }
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    /** A number attribute; a number stored as a string (the original's bug) reads as a mismatch. */
    private static Object n(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return null;
        }
        return value.n() == null ? "not a number: " + value : (Object) Long.parseLong(value.n());
    }

    private static Boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.bool();
    }

    private static String nested(Map<String, AttributeValue> item) {
        AttributeValue properties = item.get("properties");
        if (properties == null || !properties.hasM() || !properties.m().containsKey("n")) {
            return null;
        }
        return properties.m().get("n").n();
    }
}
