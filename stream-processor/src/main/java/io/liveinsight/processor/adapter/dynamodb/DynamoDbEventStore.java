package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.event.contract.ItemAttributes.EVENT_ID;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.n;

import io.liveinsight.event.Event;
import io.liveinsight.processor.concurrent.Parallel;
import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.enrichment.Enrichment;
import io.liveinsight.processor.port.EventStore;
import io.liveinsight.processor.port.EventStore.Ledger;
import io.liveinsight.processor.port.StoreMisconfiguredException;
import io.liveinsight.processor.port.StoreUnavailableException;
import io.liveinsight.processor.port.StreamMetrics;
import io.liveinsight.processor.port.UserAgentParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
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
 *
 * <p>Each item carries the event's {@link Enrichment} (docs/contract/events.md#enrichment), from the process's one
 * user-agent parser.
 */
public final class DynamoDbEventStore implements EventStore {

    static final String SOURCE = "src";
    /** Base table plus UserIndex and SessionIndex: each written event costs at least this many write units. */
    private static final int UNITS_PER_EVENT = 3;
    /** Rounds of puts for the events the table did not take, before the batch is held. */
    private static final int MAX_ROUNDS = 6;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final TableGuard guard;
    private final StreamMetrics metrics;
    private final Parallel parallel;
    private final UserAgentParser parser;

    public DynamoDbEventStore(
            DynamoDbClient dynamoDb,
            String table,
            TableGuard guard,
            StreamMetrics metrics,
            Parallel parallel,
            UserAgentParser parser) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.guard = guard;
        this.metrics = metrics;
        this.parallel = parallel;
        this.parser = parser;
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
        events.forEach(event -> first.putIfAbsent(EventItems.key(event.event()), event)); // two sites' ids never meet
        List<PositionedEvent> distinct = List.copyOf(first.values());
        Map<String, String> refusals = new ConcurrentHashMap<>();
        List<Outcome> outcomes = storeInRounds(distinct, refusals);
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
                    reasons.add(refusals.get(EventItems.key(event.event())));
                }
            }
        }
        return new Ledger(owned, refused, refused.isEmpty() ? null : reasons.get(0));
    }

    /**
     * Runs the puts side by side and then again only for the ones the table did not take (each already retried by
     * the table's guard): a batch of hundreds of events under throttling is never redone whole because one put ran
     * out of attempts. Only after {@value #MAX_ROUNDS} rounds does the batch writer's hold take over.
     */
    private List<Outcome> storeInRounds(List<PositionedEvent> distinct, Map<String, String> refusals) {
        Outcome[] outcomes = new Outcome[distinct.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i++) {
            pending.add(i);
        }
        for (int round = 0; ; round++) {
            List<Outcome> results;
            try {
                results = parallel.map(pending, i -> {
                    try {
                        return storeOne(distinct.get(i), refusals);
                    } catch (StoreMisconfiguredException e) {
                        throw e;
                    } catch (StoreUnavailableException e) {
                        return null; // this one again in the next round
                    }
                });
            } catch (SdkException e) {
                StoreUnavailableException unavailable = DynamoDbErrors.translate(table, "PutItem", e);
                throw unavailable != null ? unavailable : e;
            }
            List<Integer> again = new ArrayList<>();
            for (int k = 0; k < pending.size(); k++) {
                if (results.get(k) == null) {
                    again.add(pending.get(k));
                } else {
                    outcomes[pending.get(k)] = results.get(k);
                }
            }
            if (again.isEmpty()) {
                return List.of(outcomes);
            }
            if (round + 1 >= MAX_ROUNDS) {
                throw new StoreUnavailableException(
                        again.size() + " of " + distinct.size() + " events not taken by " + table + " after "
                                + MAX_ROUNDS + " rounds",
                        null);
            }
            pending = again;
            pause(round);
        }
    }

    private static void pause(int round) {
        long cap = Math.min(1_000L, 50L << round);
        try {
            Thread.sleep(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted", e);
        }
    }

    private Outcome storeOne(PositionedEvent event, Map<String, String> refusals) {
        long source = event.position().fingerprint();
        if (event.event().clockSkew()) {
            Outcome earlier = earlierCopy(EventItems.key(event.event()), source);
            if (earlier != null) {
                return earlier;
            }
        }
        Map<String, AttributeValue> item =
                new LinkedHashMap<>(EventItems.toItem(event.event(), Enrichment.of(event.event(), parser)));
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
            refusals.put(EventItems.key(event.event()), e.getClass().getSimpleName() + ": " + e.getMessage());
            return Outcome.REFUSED;
        }
    }

    /** For a clock-skewed event: REPLAYED or DUPLICATE if some record stored this key already, else null. */
    private Outcome earlierCopy(String eventKey, long source) {
        List<Map<String, AttributeValue>> items = guard.read(
                        "Query",
                        () -> dynamoDb.query(r -> r.tableName(table)
                                .keyConditionExpression("#id = :id")
                                .expressionAttributeNames(Map.of("#id", EVENT_ID))
                                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(eventKey)))
                                .projectionExpression("#id, " + SOURCE)
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
