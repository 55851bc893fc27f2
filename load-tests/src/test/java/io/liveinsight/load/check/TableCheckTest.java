package io.liveinsight.load.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.SessionIds;
import io.liveinsight.event.TableNames;
import io.liveinsight.local.engines.DynamoDbLocalEngine;
import io.liveinsight.local.engines.LiveInsightResources;
import io.liveinsight.local.engines.LocalAwsClients;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The check on DynamoDB Local, against items written by hand as store format 2 writes them. */
class TableCheckTest {

    private static final long NOW_MS = 1_780_000_000_000L;
    private static final long NOW = NOW_MS / 1000;
    private static final long HOUR = 3_600_000;
    private static final String DERIVED = SessionIds.segmentId("evil", 1);

    private static DynamoDbLocalEngine engine;
    private static DynamoDbClient dynamoDb;
    private static int round;
    private TableNames tables;

    @BeforeAll
    static void start() {
        engine = DynamoDbLocalEngine.start(0, null);
        dynamoDb = LocalAwsClients.dynamoDb(engine.endpoint());
    }

    @AfterAll
    static void stop() {
        dynamoDb.close();
        engine.close();
    }

    @BeforeEach
    void freshTables() {
        tables = TableNames.withPrefix("Check" + round++);
        LiveInsightResources.createTables(dynamoDb, tables);
    }

    /** evil: one event 2 h ago (segment 0, expired), two a minute ago (segment 1, active). */
    private static Map<String, Map<String, Object>> sent() {
        Map<String, Map<String, Object>> events = new LinkedHashMap<>();
        for (Object[] e : new Object[][] {
            {"e1", NOW_MS - 2 * HOUR, "/a"}, {"e2", NOW_MS - 60_000, "/b"}, {"e3", NOW_MS - 30_000, "/c"}
        }) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("event_id", e[0]);
            event.put("session_id", "evil");
            event.put("user_id", "u");
            event.put("event_type", "page_view");
            event.put("page_url", e[2]);
            event.put("timestamp", e[1]);
            events.put((String) e[0], event);
        }
        return events;
    }

    private void storeAsFormatTwo() {
        sent().values()
                .forEach(e -> put(
                        tables.events(),
                        Map.of(
                                "event_id", s((String) e.get("event_id")),
                                "timestamp", n((Long) e.get("timestamp")),
                                "session_id", s("evil"))));
        Map<String, AttributeValue> root = session("evil", NOW_MS - 2 * HOUR, NOW_MS - 2 * HOUR, 1, "/a", "/a");
        root.put("segments", n(2));
        root.remove("current_page"); // stored only when it is not the exit page
        put(tables.sessions(), root);
        put(tables.sessions(), session(DERIVED, NOW_MS - 60_000, NOW_MS - 30_000, 2, "/b", "/c"));
        put(tables.activeSessions(), active(DERIVED, NOW_MS - 60_000, NOW_MS - 30_000, 2, "/c", "evil"));
    }

    @Test
    void run_whenEachSegmentIsStoredUnderItsId_passes() {
        storeAsFormatTwo();

        TableCheck check = TableCheck.run(dynamoDb, tables, sent(), NOW);

        assertThat(check.examples()).isEmpty();
        assertThat(check.passed()).isTrue();
        assertThat(check.sessionsChecked()).isEqualTo(1);
        assertThat(check.segmentsChecked()).isEqualTo(2);
    }

    @Test
    void run_whenAnActiveItemShowsAnotherSegment_countsItStale() {
        storeAsFormatTwo();
        // What a renumbering could leave: the later segment's projection still under the client's id.
        put(tables.activeSessions(), active("evil", NOW_MS - 60_000, NOW_MS - 30_000, 2, "/c", null));

        TableCheck check = TableCheck.run(dynamoDb, tables, sent(), NOW);

        assertThat(check.activeStale()).isEqualTo(1);
        assertThat(check.examples()).singleElement().asString().startsWith("active session evil: expected");
        assertThat(check.passed()).isFalse();
    }

    @Test
    void run_whenASegmentRepeatsItsRootOrTheRootLacksItsCount_countsThemWrong() {
        storeAsFormatTwo();
        // A later segment's Sessions item does not repeat its client id (its derived id gives it back).
        Map<String, AttributeValue> repeating = session(DERIVED, NOW_MS - 60_000, NOW_MS - 30_000, 2, "/b", "/c");
        repeating.put("root_session_id", s("evil"));
        put(tables.sessions(), repeating);
        put(tables.sessions(), session("evil", NOW_MS - 2 * HOUR, NOW_MS - 2 * HOUR, 1, "/a", "/a"));

        TableCheck check = TableCheck.run(dynamoDb, tables, sent(), NOW);

        assertThat(check.sessionsMismatched()).isEqualTo(2);
        assertThat(check.wrongSessions()).containsExactly("evil");
        assertThat(String.join("\n", check.examples()))
                .contains("expected {segments=2}, stored {segments=null}")
                .contains("root_session_id=evil");
    }

    @Test
    void run_whenItemsExistForNoEventSent_countsThemUnexpected() {
        storeAsFormatTwo();
        put(tables.sessions(), session("evil~1", NOW_MS, NOW_MS, 1, "/x", "/x"));
        put(tables.activeSessions(), active("evil~1", NOW_MS, NOW_MS, 1, "/x", null));
        put(tables.activeSessions(), active("gone", NOW_MS - 2 * HOUR, NOW_MS - 2 * HOUR, 1, "/x", null));

        TableCheck check = TableCheck.run(dynamoDb, tables, sent(), NOW);

        assertThat(check.unexpectedSessionItems()).isEqualTo(1);
        assertThat(check.activeStale()).isEqualTo(1); // the expired one is not shown, so not counted
        assertThat(check.passed()).isFalse();
    }

    @Test
    void run_whenAnActiveSegmentHasNoItem_countsItMissing() {
        storeAsFormatTwo();
        dynamoDb.deleteItem(r -> r.tableName(tables.activeSessions()).key(Map.of("session_id", s(DERIVED))));

        TableCheck check = TableCheck.run(dynamoDb, tables, sent(), NOW);

        assertThat(check.activeStale()).isEqualTo(1);
        assertThat(check.examples()).singleElement().asString().endsWith("no ActiveSessions item while active");
    }

    private static Map<String, AttributeValue> session(
            String id, long start, long last, long events, String entry, String exit) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("session_id", s(id));
        item.put("user_id", s("u"));
        item.put("start_time", n(start));
        item.put("last_activity", n(last));
        item.put("session_duration", n(last - start));
        item.put("total_events", n(events));
        item.put("page_views", n(events));
        item.put("entry_page", s(entry));
        item.put("exit_page", s(exit));
        item.put("current_page", s(exit));
        item.put("event_types", AttributeValue.fromM(Map.of("page_view", n(events))));
        return item;
    }

    private static Map<String, AttributeValue> active(
            String id, long start, long last, long events, String page, String root) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("session_id", s(id));
        item.put("user_id", s("u"));
        item.put("start_time", n(start));
        item.put("last_activity", n(last));
        item.put("total_events", n(events));
        item.put("page_views", n(events));
        item.put("current_page", s(page));
        item.put("expires_at", n(last / 1000 + 1800));
        Map<String, AttributeValue> minutes = new HashMap<>();
        for (long at : events == 1 ? List.of(last) : List.of(start, last)) {
            minutes.merge(Long.toString(at / 60_000), n(1), (a, b) -> n(Long.parseLong(a.n()) + 1));
        }
        item.put("minutes", AttributeValue.fromM(minutes));
        if (root != null) {
            item.put("root_session_id", s(root));
        }
        return item;
    }

    private static void put(String table, Map<String, AttributeValue> item) {
        dynamoDb.putItem(r -> r.tableName(table).item(item));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
