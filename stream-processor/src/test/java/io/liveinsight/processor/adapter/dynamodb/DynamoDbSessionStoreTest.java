package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.processor.Events.event;
import static io.liveinsight.processor.Events.pageView;
import static io.liveinsight.processor.adapter.dynamodb.DynamoDbEventStoreTest.enrichment;
import static io.liveinsight.processor.adapter.dynamodb.Stores.at;
import static io.liveinsight.processor.adapter.dynamodb.Stores.sessionStore;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.Event;
import io.liveinsight.event.TableNames;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.processor.Events;
import io.liveinsight.processor.domain.SessionRules;
import io.liveinsight.processor.port.StreamMetrics;
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
        store.apply(
                "s1", at(1, List.of(pageView("a", "s1", 1_000, "/home"), event("b", "s1", "click", 2_000, "/home"))));
        store.apply("s1", at(2, List.of(pageView("c", "s1", 61_000, "/cart"))));

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
    void apply_whenRecordReplayed_changesNothing() {
        List<Event> batch = List.of(pageView("a", "s1", 1_000, "/"), event("b", "s1", "click", 2_000, "/"));
        store.apply("s1", at(3, batch));
        Map<String, AttributeValue> once = item(tables.sessions(), "s1");

        store.apply("s1", at(3, batch)); // KCL replays the record
        store.apply("s1", withReplayed(at(3, batch.subList(1, 2)))); // the ledger saw its own write

        assertThat(item(tables.sessions(), "s1")).isEqualTo(once);
    }

    @Test
    void apply_whenActiveSessionsWriteWasLost_replayRestoresIt() {
        List<Event> batch = List.of(pageView("a", "s1", 1_000, "/"));
        store.apply("s1", at(6, batch));
        aws.dynamoDb().deleteItem(r -> r.tableName(tables.activeSessions())
                .key(Map.of("session_id", AttributeValue.fromS("s1"))));

        store.apply("s1", at(6, batch));

        assertThat(item(tables.activeSessions(), "s1").get("total_events").n()).isEqualTo("1");
    }

    @Test
    void apply_whenOlderEventArrivesLater_neverMovesExpiryBackwards() {
        store.apply("s1", at(8, List.of(pageView("late", "s1", 120_000, "/b"))));
        store.apply("s1", at(9, List.of(pageView("early", "s1", 1_000, "/a"))));

        assertThat(item(tables.activeSessions(), "s1").get("expires_at").n()).isEqualTo(Long.toString(120 + 1800));
        assertThat(item(tables.sessions(), "s1").get("entry_page").s()).isEqualTo("/a");
        assertThat(item(tables.sessions(), "s1").get("exit_page").s()).isEqualTo("/b");
    }

    @Test
    void apply_whenGapSplitsAndLateEventBridgesIt_mergesBackAndRemovesTheSegment() {
        store.apply("s1", at(10, List.of(pageView("a", "s1", 0, "/a"), pageView("c", "s1", 50 * MINUTE, "/c"))));
        assertThat(item(tables.sessions(), SessionRules.segmentId("s1", 1))
                        .get("entry_page")
                        .s())
                .isEqualTo("/c");
        assertThat(item(tables.activeSessions(), SessionRules.segmentId("s1", 1)))
                .isNotEmpty();

        store.apply("s1", at(11, List.of(pageView("b", "s1", 25 * MINUTE, "/b"))));

        Map<String, AttributeValue> root = item(tables.sessions(), "s1");
        assertThat(root.get("total_events").n()).isEqualTo("3");
        assertThat(root.get("exit_page").s()).isEqualTo("/c");
        assertThat(item(tables.sessions(), SessionRules.segmentId("s1", 1))).isEmpty();
        assertThat(item(tables.activeSessions(), SessionRules.segmentId("s1", 1)))
                .isEmpty();
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
                for (int i = 0; i < records.size(); i++) {
                    owner.apply("s1", at(i + 1, List.of(records.get(i))));
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

    @Test
    void apply_whenAClientSendsTheIdOfAnotherClientsLaterSegment_keepsBothSessionsApart() {
        // The attack that froze a shard in store format 1: "evil" gets a second segment, then a client uses its id.
        store.apply("evil", at(1, List.of(pageView("a", "evil", 0, "/a"))));
        store.apply("evil", at(2, List.of(pageView("b", "evil", 2 * 60 * MINUTE, "/b"))));
        String later = SessionRules.segmentId("evil", 1);
        store.apply("evil~1", at(3, List.of(pageView("c", "evil~1", 3 * 60 * MINUTE, "/c"))));
        store.apply("victim~1", at(4, List.of(pageView("d", "victim~1", 0, "/d"))));
        store.apply("victim", at(5, List.of(pageView("e", "victim", 0, "/e"))));
        store.apply("victim", at(6, List.of(pageView("f", "victim", 2 * 60 * MINUTE, "/f"))));

        assertThat(item(tables.sessions(), later).get("entry_page").s()).isEqualTo("/b");
        assertThat(io.liveinsight.event.SessionIds.clientSessionId(later)).isEqualTo("evil");
        assertThat(item(tables.sessions(), "evil~1").get("entry_page").s()).isEqualTo("/c");
        assertThat(item(tables.sessions(), "victim~1").get("entry_page").s()).isEqualTo("/d");
        assertThat(item(tables.sessions(), "victim").get("entry_page").s()).isEqualTo("/e");
        assertThat(item(tables.sessions(), SessionRules.segmentId("victim", 1))
                        .get("entry_page")
                        .s())
                .isEqualTo("/f");
    }

    @Test
    void apply_whenIdsUseAnyCharacterTheContractAllows_storesEachSessionAndSegmentApart() {
        List<String> ids = List.of(
                "a~1",
                "a",
                "#|~",
                "\u0000nul",
                "\uD83D\uDE00".repeat(128), // 128 code points, 512 bytes of UTF-8: the longest id allowed
                "x".repeat(127) + "~");
        long sequence = 0;
        for (String id : ids) {
            store.apply(id, at(++sequence, List.of(pageView(id + "-1", id, 0, "/first"))));
            store.apply(id, at(++sequence, List.of(pageView(id + "-2", id, 2 * 60 * MINUTE, "/second"))));
        }

        for (String id : ids) {
            assertThat(item(tables.sessions(), id).get("entry_page").s()).as(id).isEqualTo("/first");
            Map<String, AttributeValue> later = item(tables.sessions(), SessionRules.segmentId(id, 1));
            assertThat(later.get("entry_page").s()).as(id).isEqualTo("/second");
            assertThat(io.liveinsight.event.SessionIds.clientSessionId(
                            later.get("session_id").s()))
                    .isEqualTo(id);
            assertThat(later.get("total_events").n()).isEqualTo("1");
        }
        assertThat(aws.dynamoDb().scan(r -> r.tableName(tables.sessions())).count())
                .isEqualTo(2 * ids.size());
    }

    @Test
    void apply_whenTheSessionGrowsToThousandsOfEvents_keepsItsItemUnderOneKilobyte() {
        long time = 0;
        for (int batch = 0; batch < 10; batch++) {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                time += 30_000;
                int n = batch * 500 + i;
                events.add(
                        n % 10 == 0
                                ? pageView("p" + n, "s1", time, "https://shop.example/catalogue/item-" + n)
                                : event("h" + n, "s1", "heartbeat", time, "https://shop.example/catalogue/item-" + n));
            }
            store.apply("s1", at(batch + 1, events));
        }

        Map<String, AttributeValue> latest = item(tables.sessions(), SessionRules.segmentId("s1", 1));
        assertThat(latest.get("total_events").n()).isEqualTo(Long.toString(5_000 - 2_880));
        assertThat(ItemSize.bytes(latest)).isLessThan(1_024);
        assertThat(ItemSize.bytes(item(tables.sessions(), "s1"))).isLessThan(1_024);
        assertThat(ItemSize.bytes(item(tables.activeSessions(), SessionRules.segmentId("s1", 1))))
                .isLessThan(1_024);
    }

    /** Cites docs/contract/events.md#enrichment: the first segment's items carry its first touch, later ones none. */
    @Test
    void apply_whenEnriched_storesTheFirstTouchOnTheFirstSegmentsItemsOnly() {
        store.apply("s1", at(1, visit("s1")));

        Map<String, String> firstTouch = Map.of(
                "source", "ads",
                "channel", "paid_search",
                "utm_source", "ads",
                "utm_medium", "cpc",
                "utm_campaign", "winter",
                "browser", "Safari",
                "os", "iOS",
                "device", "phone");
        assertThat(enrichment(item(tables.sessions(), "s1"))).isEqualTo(firstTouch);
        assertThat(enrichment(item(tables.activeSessions(), "s1"))).isEqualTo(firstTouch);
        String later = SessionRules.segmentId("s1", 1);
        assertThat(item(tables.sessions(), later).get("entry_page").s()).isEqualTo("https://shop.example.com/back");
        assertThat(enrichment(item(tables.sessions(), later))).isEmpty();
        assertThat(enrichment(item(tables.activeSessions(), later))).isEmpty();
    }

    @Test
    void apply_whenTheFirstEventsArriveLast_storesTheSameFirstTouch() {
        store.apply("s1", at(1, visit("s1")));
        List<Event> reversed = new ArrayList<>(visit("s2"));
        java.util.Collections.reverse(reversed);
        for (int i = 0; i < reversed.size(); i++) {
            store.apply("s2", at(10 + i, List.of(reversed.get(i))));
        }

        assertThat(enrichment(item(tables.sessions(), "s2"))).isEqualTo(enrichment(item(tables.sessions(), "s1")));
        assertThat(enrichment(item(tables.activeSessions(), "s2")))
                .isEqualTo(enrichment(item(tables.activeSessions(), "s1")));
    }

    @Test
    void apply_whenTheFirstTouchIsHostile_storesItAsText() {
        String id = "~ # | \uD83D\uDE00 <script>";
        store.apply(
                id,
                at(
                        1,
                        List.of(Events.from(
                                "h1",
                                id,
                                "page_view",
                                1_000,
                                "https://shop.example.com/?utm_source=%3Cscript%3E&utm_medium=" + "m".repeat(300),
                                "javascript:alert(1)",
                                "<script>alert(1)</script>"))));

        assertThat(enrichment(item(tables.sessions(), id)))
                .containsEntry("source", "<script>")
                .containsEntry("utm_medium", "m".repeat(100))
                .containsEntry("browser", "Hacker")
                .containsEntry("device", "hacker");
    }

    /** A visit from a paid search on an iPhone, then, 50 minutes later, a second segment from Twitter on Chrome. */
    private static List<Event> visit(String session) {
        String chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/120.0.0.0 Safari/537.36";
        return List.of(
                Events.from(
                        session + "a",
                        session,
                        "heartbeat",
                        1_000,
                        "https://shop.example.com/",
                        "https://www.google.com/",
                        DynamoDbEventStoreTest.IPHONE),
                Events.from(
                        session + "b",
                        session,
                        "page_view",
                        2_000,
                        "https://shop.example.com/p?utm_source=ads&utm_medium=cpc&utm_campaign=Winter",
                        "https://www.google.com/",
                        DynamoDbEventStoreTest.IPHONE),
                Events.from(
                        session + "c",
                        session,
                        "page_view",
                        3_000,
                        "https://shop.example.com/cart",
                        "https://shop.example.com/p",
                        chrome),
                Events.from(
                        session + "d",
                        session,
                        "page_view",
                        50 * MINUTE,
                        "https://shop.example.com/back",
                        "https://t.co/x",
                        chrome));
    }

    @Test
    void apply_whenOneBatchHoldsHundredsOfEventsHoursApart_storesEverySegmentInStreamOrderSteps() {
        List<Event> burst = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            burst.add(pageView("g" + i, "g", i * 31 * MINUTE, "/p" + i)); // each its own segment
        }

        store.apply(
                "g",
                at(1, burst).stream()
                        .map(e -> new io.liveinsight.processor.domain.PositionedEvent(
                                e.event(), e.position().at(burst.indexOf(e.event())), false))
                        .toList());

        List<Map<String, AttributeValue>> items =
                aws.dynamoDb().scan(r -> r.tableName(tables.sessions())).items();
        assertThat(items).hasSize(300);
        assertThat(items.stream()
                        .mapToLong(
                                item -> Long.parseLong(item.get("total_events").n()))
                        .sum())
                .isEqualTo(300);
        assertThat(item(tables.sessions(), SessionRules.segmentId("g", 299))
                        .get("entry_page")
                        .s())
                .isEqualTo("/p299");
        assertThat(item(tables.sessions(), "g").get("segments").n()).isEqualTo("300");
    }

    @Test
    void apply_whenAnOlderEventRenumbersTheActiveSegment_leavesOneProjectionOfIt() {
        // Found by the chaos run: the active segment moves from the client's id to a derived id when an event two
        // hours older arrives; the projection left under the client's id must go, or the live view shows it twice.
        DynamoDbSessionStore now = sessionStore(
                aws,
                tables,
                StreamMetrics.NONE,
                java.time.Clock.fixed(java.time.Instant.ofEpochMilli(3 * 60 * MINUTE), java.time.ZoneOffset.UTC));
        now.apply("r", at(1, List.of(pageView("late-a", "r", 3 * 60 * MINUTE - 60_000, "/late/1"))));
        assertThat(item(tables.activeSessions(), "r")).isNotEmpty();

        now.apply("r", at(2, List.of(pageView("older", "r", 60 * MINUTE, "/late/0"))));

        assertThat(item(tables.sessions(), "r").get("entry_page").s()).isEqualTo("/late/0");
        assertThat(item(tables.activeSessions(), "r"))
                .as("the moved segment's old projection")
                .isEmpty();
        assertThat(item(tables.activeSessions(), SessionRules.segmentId("r", 1))
                        .get("current_page")
                        .s())
                .isEqualTo("/late/1");
    }

    @Test
    void apply_whenTheRootIsInStoreFormatOne_readsItAndCarriesOn() {
        aws.dynamoDb().putItem(r -> r.tableName(tables.sessions())
                .item(Map.ofEntries(
                        Map.entry("session_id", AttributeValue.fromS("old")),
                        Map.entry("user_id", AttributeValue.fromS("u-old")),
                        Map.entry("start_time", AttributeValue.fromN("1000")),
                        Map.entry("last_activity", AttributeValue.fromN("2000")),
                        Map.entry("total_events", AttributeValue.fromN("2")),
                        Map.entry("page_views", AttributeValue.fromN("1")),
                        Map.entry("session_duration", AttributeValue.fromN("1000")),
                        Map.entry("entry_page", AttributeValue.fromS("/home")),
                        Map.entry("exit_page", AttributeValue.fromS("/home")),
                        Map.entry("is_bot", AttributeValue.fromBool(false)),
                        Map.entry(
                                "event_types",
                                AttributeValue.fromM(Map.of(
                                        "page_view", AttributeValue.fromN("1"), "click", AttributeValue.fromN("1")))),
                        Map.entry("minutes", AttributeValue.fromM(Map.of("0", AttributeValue.fromN("2")))),
                        Map.entry(
                                "stamps",
                                AttributeValue.fromM(Map.of(
                                        "entry",
                                                AttributeValue.fromM(Map.of(
                                                        "t",
                                                        AttributeValue.fromN("1000"),
                                                        "id",
                                                        AttributeValue.fromS("a"))),
                                        "exit",
                                                AttributeValue.fromM(Map.of(
                                                        "t",
                                                        AttributeValue.fromN("1000"),
                                                        "id",
                                                        AttributeValue.fromS("a"))),
                                        "first",
                                                AttributeValue.fromM(Map.of(
                                                        "t",
                                                        AttributeValue.fromN("1000"),
                                                        "id",
                                                        AttributeValue.fromS("a")))))),
                        Map.entry(
                                "fingerprints",
                                AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(new byte[16]))),
                        Map.entry("applied_events", AttributeValue.fromN("2")))));

        store.apply("old", at(1, List.of(pageView("c", "old", 3_000, "/cart"))));

        Map<String, AttributeValue> session = item(tables.sessions(), "old");
        assertThat(session.get("total_events").n()).isEqualTo("3");
        assertThat(session.get("entry_page").s()).isEqualTo("/home");
        assertThat(session.get("exit_page").s()).isEqualTo("/cart");
        assertThat(session).containsKey("rv");
    }

    @Test
    void apply_whenTheTableDoesNotExist_saysTheStoreIsMisconfigured() {
        TableNames missing = TableNames.withPrefix("Nope");
        DynamoDbSessionStore misconfigured = sessionStore(aws, missing);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> misconfigured.apply("s1", at(1, List.of(pageView("a", "s1", 0, "/")))))
                .isInstanceOfSatisfying(
                        io.liveinsight.processor.port.StoreMisconfiguredException.class,
                        e -> assertThat(e.getMessage()).contains("ResourceNotFoundException"));
    }

    private static List<io.liveinsight.processor.domain.PositionedEvent> withReplayed(
            List<io.liveinsight.processor.domain.PositionedEvent> events) {
        return events.stream()
                .map(e -> new io.liveinsight.processor.domain.PositionedEvent(e.event(), e.position(), true))
                .toList();
    }

    private Map<String, AttributeValue> item(String table, String id) {
        return aws.dynamoDb()
                .getItem(r -> r.tableName(table)
                        .key(Map.of("session_id", AttributeValue.fromS(id)))
                        .consistentRead(true))
                .item();
    }
}
