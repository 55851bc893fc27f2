package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.processor.Events.pageView;
import static io.liveinsight.processor.adapter.dynamodb.Stores.at;
import static io.liveinsight.processor.adapter.dynamodb.Stores.eventStore;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.Event;
import io.liveinsight.event.TableNames;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.port.EventStore;
import java.util.ArrayList;
import java.util.HashMap;
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
