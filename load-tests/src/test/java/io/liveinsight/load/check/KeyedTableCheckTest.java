package io.liveinsight.load.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.TableNames;
import io.liveinsight.local.engines.DynamoDbLocalEngine;
import io.liveinsight.local.engines.LiveInsightResources;
import io.liveinsight.local.engines.LocalAwsClients;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The keyed check on DynamoDB Local ({@link DynamoDbStoredItems}), with other traffic in the same tables: only the
 * events, sessions and users sent are read, and each kind of problem is counted where it belongs.
 */
class KeyedTableCheckTest {

    /** The real time: DynamoDB Local's TTL deletes ActiveSessions items whose expires_at has passed, within seconds. */
    static final long NOW_MS = System.currentTimeMillis() / 1000 * 1000;

    static final long NOW = NOW_MS / 1000;
    static final long HOUR = 3_600_000;
    static final String RUN = "run-1";
    static final String RUN_SESSION = "r~run-1~\uD83D\uDE00<script>~#|";

    private static DynamoDbLocalEngine engine;
    private static DynamoDbClient dynamoDb;
    private static int round;
    private TableNames tables;
    private StoredItems store;

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
        tables = TableNames.withPrefix("Keyed" + round++);
        LiveInsightResources.createTables(dynamoDb, tables);
        store = new DynamoDbStoredItems(dynamoDb, tables);
        // a live visitor's traffic in the same tables: never read, never counted
        StoredAsExpected.store(dynamoDb, tables, List.of(event("live-1", "visitor", "v", NOW_MS - 5_000, "/x")));
    }

    /** A run's session: one event 2 h ago (segment 0), two a minute ago (segment 1, active), on the replay lane. */
    private static Map<String, Map<String, Object>> sent() {
        Map<String, Map<String, Object>> events = new LinkedHashMap<>();
        events.put("e1", replayed(event("e1", RUN_SESSION, "r~run-1~u", NOW_MS - 2 * HOUR, "/a")));
        events.put("e2", replayed(event("e2", RUN_SESSION, "r~run-1~u", NOW_MS - 60_000, "/b")));
        events.put("e3", replayed(event("e3", RUN_SESSION, "r~run-1~u", NOW_MS - 30_000, "/<b>")));
        return events;
    }

    private static Map<String, Object> replayed(Map<String, Object> event) {
        event.put("replay_run", RUN);
        return event;
    }

    @Test
    void run_whenStoredAsSent_passesReadingOnlyWhatWasSent() {
        StoredAsExpected.store(dynamoDb, tables, sent().values());

        KeyedTableCheck check = KeyedTableCheck.run(store, sent(), NOW, RUN);

        assertThat(check.wrong().first()).isEmpty();
        assertThat(check.passed()).isTrue();
        assertThat(check.expectedEvents()).isEqualTo(3);
        assertThat(check.sessions()).isEqualTo(1);
        assertThat(check.segments()).isEqualTo(2);
    }

    @Test
    void run_onTheLiveLane_wantsTheActiveProjectionAndNoRun() {
        Map<String, Map<String, Object>> live = Map.of("live-1", event("live-1", "visitor", "v", NOW_MS - 5_000, "/x"));

        assertThat(KeyedTableCheck.run(store, live, NOW).passed()).isTrue();

        dynamoDb.deleteItem(
                r -> r.tableName(tables.activeSessions()).key(Map.of("session_id", AttributeValue.fromS("visitor"))));
        assertThat(KeyedTableCheck.run(store, live, NOW).wrong().first())
                .containsExactly("active session visitor: no ActiveSessions item while active");
    }

    @Test
    void run_whenAReplayedSessionHasALiveProjection_countsItWrong() {
        StoredAsExpected.store(dynamoDb, tables, sent().values());
        dynamoDb.putItem(r -> r.tableName(tables.activeSessions())
                .item(Map.of(
                        "session_id", AttributeValue.fromS(io.liveinsight.event.SessionIds.segmentId(RUN_SESSION, 1)),
                        "user_id", AttributeValue.fromS("r~run-1~u"),
                        "expires_at", AttributeValue.fromN(Long.toString(NOW + 1_800)))));

        KeyedTableCheck check = KeyedTableCheck.run(store, sent(), NOW, RUN);

        assertThat(check.wrong().first())
                .singleElement()
                .asString()
                .endsWith("an ActiveSessions item, but ActiveSessions holds live sessions only");
    }

    @Test
    void run_whenAnEventIsMissingOrStoredTwice_countsEachAsSuch() {
        Map<String, Map<String, Object>> stored = sent();
        stored.remove("e1");
        StoredAsExpected.store(dynamoDb, tables, stored.values());
        // the same id again under another time: what a resend after a clock-skew replacement would leave
        dynamoDb.putItem(r -> r.tableName(tables.events())
                .item(Map.of(
                        "event_id", AttributeValue.fromS("e2"),
                        "timestamp", AttributeValue.fromN(Long.toString(NOW_MS)),
                        "session_id", AttributeValue.fromS(RUN_SESSION))));

        KeyedTableCheck check = KeyedTableCheck.run(store, sent(), NOW, RUN);

        assertThat(check.missing().count()).isEqualTo(1);
        assertThat(check.missing().first()).singleElement().asString().startsWith("event e1 (session ");
        assertThat(check.duplicated().first())
                .containsExactly("event e2 stored 2 times, at [" + (NOW_MS - 60_000) + ", " + NOW_MS + "]");
        assertThat(check.passed()).isFalse();
        assertThat(KeyedTableCheck.missingIds(store, List.of("e1", "e2", "e3"))).containsExactly("e1");
    }

    @Test
    void run_whenFiguresDifferOrItemsShouldNotBeThere_countsThemWrong() {
        StoredAsExpected.store(dynamoDb, tables, sent().values());
        dynamoDb.updateItem(r -> r.tableName(tables.events())
                .key(Map.of(
                        "event_id", AttributeValue.fromS("e3"),
                        "timestamp", AttributeValue.fromN(Long.toString(NOW_MS - 30_000))))
                .updateExpression("SET page_url = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("/other"))));
        dynamoDb.updateItem(r -> r.tableName(tables.sessions())
                .key(Map.of("session_id", AttributeValue.fromS(RUN_SESSION)))
                .updateExpression("SET total_events = :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("7"))));
        dynamoDb.putItem(r -> r.tableName(tables.events())
                .item(Map.of(
                        "event_id", AttributeValue.fromS("stray"),
                        "timestamp", AttributeValue.fromN(Long.toString(NOW_MS)),
                        "session_id", AttributeValue.fromS(RUN_SESSION),
                        "user_id", AttributeValue.fromS("r~run-1~u"))));
        dynamoDb.putItem(r -> r.tableName(tables.sessions())
                .item(Map.of(
                        "session_id", AttributeValue.fromS("r~run-1~other"),
                        "user_id", AttributeValue.fromS("r~run-1~u"),
                        "start_time", AttributeValue.fromN(Long.toString(NOW_MS)))));

        KeyedTableCheck check = KeyedTableCheck.run(store, sent(), NOW, RUN);

        assertThat(check.missing().count()).isZero();
        assertThat(check.duplicated().count()).isZero();
        assertThat(String.join("\n", check.wrong().first()))
                .contains("event e3: sent {page_url=/<b>}, stored {page_url=/other}")
                .contains("session " + RUN_SESSION + ": expected {total_events=1}, stored {total_events=7}")
                .contains("event stray stored in session " + RUN_SESSION + " was not sent")
                .contains("Sessions item r~run-1~other of user r~run-1~u is no segment of the events sent");
        assertThat(check.wrong().count()).isEqualTo(4);
        assertThat(check.passed()).isFalse();
    }

    @Test
    void run_whenATableDoesNotExist_failsNamingIt() {
        StoredItems nowhere = new DynamoDbStoredItems(dynamoDb, TableNames.withPrefix("NoSuchPrefix"));

        assertThatThrownBy(() -> KeyedTableCheck.run(nowhere, sent(), NOW, RUN))
                .isInstanceOf(StoredItems.StoredItemsException.class)
                .hasMessageContaining("table NoSuchPrefix-Events not found (is --table-prefix right?)");
    }

    static Map<String, Object> event(String id, String session, String user, long timestamp, String page) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event_id", id);
        event.put("session_id", session);
        event.put("user_id", user);
        event.put("event_type", "page_view");
        event.put("page_url", page);
        event.put("timestamp", timestamp);
        return event;
    }
}
