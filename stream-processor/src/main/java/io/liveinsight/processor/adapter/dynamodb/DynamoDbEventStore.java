package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.n;

import io.liveinsight.event.Event;
import io.liveinsight.processor.concurrent.Parallel;
import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.port.EventStore;
import io.liveinsight.processor.port.EventStore.Ledger;
import io.liveinsight.processor.port.StoreUnavailableException;
import io.liveinsight.processor.port.StreamMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The Events table as the ledger of event ids. Each event is a conditional PutItem ({@code attribute_not_exists}),
 * run side by side ({@link Parallel}), carrying {@code src}: the fingerprint of the record that stored it. A failed
 * condition returns the stored item: the same {@code src} means this record stored it before (a replay: the
 * session store decides whether it was counted), another means another record did (a client resend: never counted
 * again). A failed condition costs one write unit, like the put it replaces.
 *
 * <p>An event whose time the edge replaced (clock skew) gets a new key on every resend, so for those the ledger
 * first queries the event id (strongly consistent): any item of another record makes it a duplicate.
 */
public final class DynamoDbEventStore implements EventStore {

    static final String SOURCE = "src";
    /** Base table plus UserIndex and SessionIndex: each written event costs at least this many write units. */
    private static final int UNITS_PER_EVENT = 3;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final TableGuard guard;
    private final StreamMetrics metrics;
    private final Parallel parallel;

    public DynamoDbEventStore(
            DynamoDbClient dynamoDb, String table, TableGuard guard, StreamMetrics metrics, Parallel parallel) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.guard = guard;
        this.metrics = metrics;
        this.parallel = parallel;
    }

    private enum Outcome {
        STORED,
        REPLAYED,
        DUPLICATE,
        REFUSED
    }

    @Override
    public Ledger store(List<PositionedEvent> events) {
        Map<String, PositionedEvent> first = new LinkedHashMap<>();
        events.forEach(event -> first.putIfAbsent(event.event().eventId(), event));
        List<PositionedEvent> distinct = List.copyOf(first.values());
        Map<String, String> refusals = new ConcurrentHashMap<>();
        List<Outcome> outcomes;
        try {
            outcomes = parallel.map(distinct, event -> storeOne(event, refusals));
        } catch (SdkException e) {
            StoreUnavailableException unavailable = DynamoDbErrors.translate(table, "PutItem", e);
            throw unavailable != null ? unavailable : e;
        }
        List<PositionedEvent> owned = new ArrayList<>();
        List<Event> refused = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i++) {
            PositionedEvent event = distinct.get(i);
            switch (outcomes.get(i)) {
                case STORED -> owned.add(new PositionedEvent(event.event(), event.position(), false));
                case REPLAYED -> owned.add(new PositionedEvent(event.event(), event.position(), true));
                case DUPLICATE -> {}
                case REFUSED -> {
                    refused.add(event.event());
                    reasons.add(refusals.get(event.event().eventId()));
                }
            }
        }
        return new Ledger(owned, refused, refused.isEmpty() ? null : reasons.get(0));
    }

    private Outcome storeOne(PositionedEvent event, Map<String, String> refusals) {
        long source = event.position().fingerprint();
        if (event.event().clockSkew()) {
            Outcome earlier = earlierCopy(event.event().eventId(), source);
            if (earlier != null) {
                return earlier;
            }
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>(EventItems.toItem(event.event()));
        item.put(SOURCE, n(source));
        try {
            var consumed = guard.write(
                            "PutItem",
                            UNITS_PER_EVENT,
                            () -> dynamoDb.putItem(r -> r.tableName(table)
                                    .item(item)
                                    .conditionExpression("attribute_not_exists(event_id)")
                                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)))
                    .consumedCapacity();
            if (consumed != null && consumed.capacityUnits() != null) {
                metrics.writeUnits(table, consumed.capacityUnits());
            }
            return Outcome.STORED;
        } catch (ConditionalCheckFailedException e) {
            metrics.writeUnits(table, 1.0);
            Map<String, AttributeValue> stored = e.hasItem() ? e.item() : Map.of();
            return Long.valueOf(source).equals(source(stored)) ? Outcome.REPLAYED : Outcome.DUPLICATE;
        } catch (SdkException e) {
            if (DynamoDbErrors.translate(table, "PutItem", e) != null) {
                throw e;
            }
            refusals.put(event.event().eventId(), e.getClass().getSimpleName() + ": " + e.getMessage());
            return Outcome.REFUSED;
        }
    }

    /** For a clock-skewed event: REPLAYED or DUPLICATE if some record stored this id already, else null. */
    private Outcome earlierCopy(String eventId, long source) {
        List<Map<String, AttributeValue>> items = guard.read(
                        "Query",
                        () -> dynamoDb.query(r -> r.tableName(table)
                                .keyConditionExpression("event_id = :id")
                                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(eventId)))
                                .projectionExpression("event_id, " + SOURCE)
                                .consistentRead(true)
                                .limit(10)))
                .items();
        if (items.isEmpty()) {
            return null;
        }
        return items.stream().allMatch(item -> Long.valueOf(source).equals(source(item)))
                ? Outcome.REPLAYED
                : Outcome.DUPLICATE;
    }

    private static Long source(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(SOURCE);
        return value == null || value.n() == null ? null : Long.valueOf(value.n());
    }
}
