package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.processor.Events.event;
import static io.liveinsight.processor.Events.pageView;
import static io.liveinsight.processor.adapter.dynamodb.Stores.sessionStore;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.Event;
import io.liveinsight.event.TableNames;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@WithLocalAws
class DynamoDbSessionStoreTest {

    private static final long MINUTE = 60_000;

    private final LocalAws aws;
    private TableNames tables;
    private DynamoDbSessionStore store;

    DynamoDbSessionStoreTest(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void createTables() {
        tables = aws.createTables("SessionStore");
        store = sessionStore(aws, tables);
    }

    @Test
    void apply_whenBatchesArrive_storesSpecAttributesAsNumbers() {
        store.apply("s1", List.of(pageView("a", "s1", 1_000, "/home"), event("b", "s1", "click", 2_000, "/home")));
        store.apply("s1", List.of(pageView("c", "s1", 61_000, "/cart")));

        Map<String, AttributeValue> session = item(tables.sessions(), "s1");
        assertThat(session.get("total_events").n()).isEqualTo("3");
        assertThat(session.get("page_views").n()).isEqualTo("2");
        assertThat(session.get("start_time").n()).isEqualTo("1000");
        assertThat(session.get("last_activity").n()).isEqualTo("61000");
        assertThat(session.get("session_duration").n()).isEqualTo("60000");
        assertThat(session.get("entry_page").s()).isEqualTo("/home");
        assertThat(session.get("exit_page").s()).isEqualTo("/cart");
        assertThat(session.get("user_id").s()).isEqualTo("u-s1");
        assertThat(session.get("event_types").m())
                .containsEntry("page_view", AttributeValue.fromN("2"))
                .containsEntry("click", AttributeValue.fromN("1"));

        Map<String, AttributeValue> active = item(tables.activeSessions(), "s1");
        assertThat(active.get("expires_at").n()).isEqualTo(Long.toString(61 + 1800));
        assertThat(active.get("current_page").s()).isEqualTo("/cart");
        assertThat(active.get("total_events").n()).isEqualTo("3");
        assertThat(active.get("minutes").m())
                .containsEntry("0", AttributeValue.fromN("2"))
                .containsEntry("1", AttributeValue.fromN("1"));
    }

    @Test
    void apply_whenBatchReplayedOrEventsResent_changesNothing() {
        List<Event> batch = List.of(pageView("a", "s1", 1_000, "/"), event("b", "s1", "click", 2_000, "/"));
        store.apply("s1", batch);
        Map<String, AttributeValue> once = item(tables.sessions(), "s1");

        store.apply("s1", batch);
        store.apply("s1", batch.subList(1, 2));

        assertThat(item(tables.sessions(), "s1")).isEqualTo(once);
    }

    @Test
    void apply_whenActiveSessionsWriteWasLost_replayRestoresIt() {
        List<Event> batch = List.of(pageView("a", "s1", 1_000, "/"));
        store.apply("s1", batch);
        aws.dynamoDb().deleteItem(r -> r.tableName(tables.activeSessions())
                .key(Map.of("session_id", AttributeValue.fromS("s1"))));

        store.apply("s1", batch);

        assertThat(item(tables.activeSessions(), "s1").get("total_events").n()).isEqualTo("1");
    }

    @Test
    void apply_whenOlderEventArrivesLater_neverMovesExpiryBackwards() {
        store.apply("s1", List.of(pageView("late", "s1", 120_000, "/b")));
        store.apply("s1", List.of(pageView("early", "s1", 1_000, "/a")));

        assertThat(item(tables.activeSessions(), "s1").get("expires_at").n()).isEqualTo(Long.toString(120 + 1800));
        assertThat(item(tables.sessions(), "s1").get("entry_page").s()).isEqualTo("/a");
        assertThat(item(tables.sessions(), "s1").get("exit_page").s()).isEqualTo("/b");
    }

    @Test
    void apply_whenGapSplitsAndLateEventBridgesIt_mergesBackAndRemovesTheSegment() {
        store.apply("s1", List.of(pageView("a", "s1", 0, "/a"), pageView("c", "s1", 50 * MINUTE, "/c")));
        assertThat(item(tables.sessions(), "s1~1").get("entry_page").s()).isEqualTo("/c");
        assertThat(item(tables.activeSessions(), "s1~1")).isNotEmpty();

        store.apply("s1", List.of(pageView("b", "s1", 25 * MINUTE, "/b")));

        Map<String, AttributeValue> root = item(tables.sessions(), "s1");
        assertThat(root.get("total_events").n()).isEqualTo("3");
        assertThat(root.get("exit_page").s()).isEqualTo("/c");
        assertThat(item(tables.sessions(), "s1~1")).isEmpty();
        assertThat(item(tables.activeSessions(), "s1~1")).isEmpty();
        assertThat(item(tables.activeSessions(), "s1").get("total_events").n()).isEqualTo("3");
    }

    @Test
    void apply_whenOldAndNewLeaseOwnerApplySameRecordsAtOnce_countsEachEventOnce() throws Exception {
        // Lease handover: both owners apply the shard's records in order (as KCL delivers them), concurrently.
        List<Event> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(pageView("e" + i, "s1", 1_000 + i, "/p" + i));
        }
        DynamoDbSessionStore other = sessionStore(aws, tables);
        List<Callable<Void>> owners = new ArrayList<>();
        for (DynamoDbSessionStore owner : List.of(store, other)) {
            owners.add(() -> {
                for (Event record : records) {
                    owner.apply("s1", List.of(record));
                }
                return null;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (Future<Void> done : pool.invokeAll(owners)) {
                done.get();
            }
        }

        Map<String, AttributeValue> session = item(tables.sessions(), "s1");
        assertThat(session.get("total_events").n()).isEqualTo("20");
        assertThat(session.get("page_views").n()).isEqualTo("20");
        assertThat(session.get("exit_page").s()).isEqualTo("/p19");
        assertThat(item(tables.activeSessions(), "s1").get("total_events").n()).isEqualTo("20");
    }

    private Map<String, AttributeValue> item(String table, String id) {
        return aws.dynamoDb()
                .getItem(r -> r.tableName(table)
                        .key(Map.of("session_id", AttributeValue.fromS(id)))
                        .consistentRead(true))
                .item();
    }
}
