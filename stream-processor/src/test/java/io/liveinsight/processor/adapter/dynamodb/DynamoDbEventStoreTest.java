package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.processor.Events.pageView;
import static io.liveinsight.processor.adapter.dynamodb.Stores.at;
import static io.liveinsight.processor.adapter.dynamodb.Stores.eventStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.liveinsight.event.Event;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.ItemAttributes;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.processor.Events;
import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.port.EventStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@WithLocalAws
class DynamoDbEventStoreTest {

    private final LocalAws aws;

    DynamoDbEventStoreTest(LocalAws aws) {
        this.aws = aws;
    }

    @Test
    void store_whenRecordsRepeatOrResend_storesEachEventOnceAndTellsReplayFromResend() {
        TableNames tables = aws.createTables("EventStore");
        DynamoDbEventStore store = eventStore(aws, tables);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            events.add(pageView("e" + i, "s" + (i % 3), 1_000 + i, "/p" + i));
        }
        events.add(events.get(7));
        events.add(events.get(42));

        EventStore.Ledger first = store.store(at(1, events));
        EventStore.Ledger replay = store.store(at(1, events.subList(0, 10)));
        EventStore.Ledger resend = store.store(at(2, events.subList(0, 10)));

        assertThat(aws.dynamoDb().scan(r -> r.tableName(tables.events())).count())
                .isEqualTo(60);
        assertThat(first.owned()).hasSize(60).noneMatch(PositionedEvent::replayed);
        assertThat(replay.owned()).hasSize(10).allMatch(PositionedEvent::replayed);
        assertThat(resend.owned()).isEmpty();
    }

    @Test
    void store_whenOneItemIsOverDynamoDbsLimit_storesTheOthersAndReportsItRefused() {
        TableNames tables = aws.createTables("EventReject");
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(pageView("ok" + i, "s", 1_000 + i, "/p"));
        }
        Event huge = pageView("huge", "s", 2_000, "/" + "x".repeat(450 * 1024)); // over 400 KB: never storable
        events.add(2, huge);

        EventStore.Ledger ledger = eventStore(aws, tables).store(at(1, events));

        assertThat(ledger.refused()).containsExactly(huge);
        assertThat(ledger.reason()).contains("Item size");
        assertThat(ledger.owned()).hasSize(5);
        assertThat(aws.dynamoDb().scan(r -> r.tableName(tables.events())).count())
                .isEqualTo(5);
    }

    @Test
    void store_whenPropertiesHaveEveryType_keepsTypes() {
        TableNames tables = aws.createTables("EventTypes");
        Map<String, Object> properties = new HashMap<>();
        properties.put("sku", "A-1");
        properties.put("price", 19.99);
        properties.put("quantity", 3);
        properties.put("gift", true);
        properties.put("coupon", null);
        Event event = new Event(
                "e1",
                "u1",
                "s1",
                "add_to_cart",
                1_000,
                "/p",
                null,
                "Mozilla/5.0",
                properties,
                "BUTTON",
                "buy",
                "btn primary",
                "Add to cart",
                1_010,
                "203.0.113.0",
                false,
                true);

        eventStore(aws, tables).store(at(1, List.of(event)));

        Map<String, AttributeValue> item = aws.dynamoDb()
                .getItem(r -> r.tableName(tables.events())
                        .key(Map.of("event_id", AttributeValue.fromS("e1"), "timestamp", AttributeValue.fromN("1000"))))
                .item();
        assertThat(item.get("properties").m())
                .containsEntry("sku", AttributeValue.fromS("A-1"))
                .containsEntry("price", AttributeValue.fromN("19.99"))
                .containsEntry("quantity", AttributeValue.fromN("3"))
                .containsEntry("gift", AttributeValue.fromBool(true))
                .containsEntry("coupon", AttributeValue.fromNul(true));
        assertThat(item.get("received_at").n()).isEqualTo("1010");
        assertThat(item.get("element_text").s()).isEqualTo("Add to cart");
        assertThat(item.get("clock_skew").bool()).isTrue();
    }

    @Test
    void store_whenAClockSkewedEventIsResentWithANewTime_countsItOnce() {
        TableNames tables = aws.createTables("EventSkew");
        DynamoDbEventStore store = eventStore(aws, tables);
        Event first = skewed("e1", 5_000);
        Event resent = skewed("e1", 9_000); // the edge replaced the client's time with each receive time

        EventStore.Ledger original = store.store(at(1, List.of(first)));
        EventStore.Ledger again = store.store(at(2, List.of(resent)));
        EventStore.Ledger replay = store.store(at(1, List.of(first)));

        assertThat(original.owned()).hasSize(1);
        assertThat(again.owned()).isEmpty();
        assertThat(replay.owned()).singleElement().satisfies(e -> assertThat(e.replayed())
                .isTrue());
        assertThat(aws.dynamoDb().scan(r -> r.tableName(tables.events())).count())
                .isEqualTo(1);
    }

    /** Cites docs/contract/tables.md#events and docs/contract/events.md#enrichment. */
    @Test
    void store_whenEventsAreEnriched_storesWhatIsKnownAndLeavesOutTheUnknown() {
        TableNames tables = aws.createTables("EventEnrich");
        Event campaign = Events.from(
                "e1",
                "s",
                "page_view",
                1_000,
                "https://shop.example.com/p?utm_source=News&utm_medium=email&utm_campaign=Dec%20Sale",
                "https://mail.google.com/",
                IPHONE);
        Event bare = Events.from("e2", "s", "heartbeat", 2_000, "https://shop.example.com/p", null, null);
        Event hostile = Events.from(
                "e3",
                "s",
                "page_view",
                3_000,
                "https://shop.example.com/<script>?utm_campaign=%3Cscript%3Ealert(1)%3C%2Fscript%3E&x=~#|",
                "https://<img src=x onerror=alert(1)>/~#|\uD83D\uDE00",
                "<script>alert(1)</script>");

        eventStore(aws, tables).store(at(1, List.of(campaign, bare, hostile)));

        assertThat(enrichment(event(tables, "e1", 1_000)))
                .containsExactly(
                        entry("source", "news"),
                        entry("channel", "email"),
                        entry("utm_source", "news"),
                        entry("utm_medium", "email"),
                        entry("utm_campaign", "dec sale"),
                        entry("browser", "Safari"),
                        entry("os", "iOS"),
                        entry("device", "phone"));
        assertThat(enrichment(event(tables, "e2", 2_000)))
                .containsExactly(entry("source", "direct"), entry("channel", "direct"));
        assertThat(enrichment(event(tables, "e3", 3_000)))
                .containsExactly(
                        entry("source", "<img src=x onerror=alert(1)>"),
                        entry("channel", "referral"),
                        entry("utm_campaign", "<script>alert(1)</script>"),
                        entry("browser", "Hacker"),
                        entry("os", "Hacker"),
                        entry("device", "hacker"));
    }

    static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML,"
            + " like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";

    private Map<String, AttributeValue> event(TableNames tables, String id, long time) {
        return aws.dynamoDb()
                .getItem(r -> r.tableName(tables.events())
                        .key(Map.of(
                                "event_id",
                                AttributeValue.fromS(id),
                                "timestamp",
                                AttributeValue.fromN(Long.toString(time)))))
                .item();
    }

    /** The item's enrichment attributes, in the contract's order. */
    static Map<String, String> enrichment(Map<String, AttributeValue> item) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String name : ItemAttributes.ENRICHMENT) {
            if (item.containsKey(name)) {
                found.put(name, item.get(name).s());
            }
        }
        return found;
    }

    private static Event skewed(String id, long time) {
        Event e = pageView(id, "s", time, "/");
        return new Event(
                e.eventId(),
                e.userId(),
                e.sessionId(),
                e.eventType(),
                time,
                e.pageUrl(),
                e.referrer(),
                e.userAgent(),
                e.properties(),
                null,
                null,
                null,
                null,
                time,
                null,
                false,
                true);
    }
}
