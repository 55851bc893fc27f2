package io.liveinsight.processor.adapter.dynamodb;

import io.liveinsight.event.Event;
import io.liveinsight.processor.domain.SessionAggregator;
import io.liveinsight.processor.port.EventStore;
import io.liveinsight.processor.port.RejectedEventsException;
import io.liveinsight.processor.port.StoreUnavailableException;
import io.liveinsight.processor.port.StreamMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchWriteItem in chunks of 25, resubmitting UnprocessedItems with jittered backoff (how DynamoDB throttles a
 * batch), each call through the table's {@link TableGuard}. Items are keyed by (event_id, timestamp): writing one
 * twice leaves one.
 */
public final class DynamoDbEventStore implements EventStore {

    static final int BATCH_SIZE = 25;
    private static final int MAX_ROUNDS = 8;
    private static final long BASE_BACKOFF_MILLIS = 25;
    /** Base table plus UserIndex and SessionIndex: each written event costs at least this many write units. */
    private static final int UNITS_PER_EVENT = 3;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final TableGuard guard;
    private final StreamMetrics metrics;

    public DynamoDbEventStore(DynamoDbClient dynamoDb, String table, TableGuard guard, StreamMetrics metrics) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.guard = guard;
        this.metrics = metrics;
    }

    @Override
    public void putAll(List<Event> events) {
        // One request may not name the same key twice, and the same event may arrive twice in a batch.
        List<WriteRequest> writes = SessionAggregator.distinctByKey(events).stream()
                .map(event -> WriteRequest.builder()
                        .putRequest(PutRequest.builder()
                                .item(EventItems.toItem(event))
                                .build())
                        .build())
                .toList();
        List<Event> distinct = SessionAggregator.distinctByKey(events);
        List<Event> rejected = new ArrayList<>();
        String reason = null;
        for (int from = 0; from < writes.size(); from += BATCH_SIZE) {
            int to = Math.min(writes.size(), from + BATCH_SIZE);
            try {
                write(new ArrayList<>(writes.subList(from, to)));
            } catch (SdkException e) {
                if (DynamoDbErrors.isRetryable(e)) {
                    throw e;
                }
                // The batch was refused whole: write item by item to find the ones DynamoDB will not take.
                for (int i = from; i < to; i++) {
                    String refusal = putOne(writes.get(i));
                    if (refusal != null) {
                        rejected.add(distinct.get(i));
                        reason = refusal;
                    }
                }
            }
        }
        if (!rejected.isEmpty()) {
            throw new RejectedEventsException(
                    "Events table refused " + rejected.size() + " events: " + reason, rejected, null);
        }
    }

    /** Null when stored, else DynamoDB's reason for refusing the item. */
    private String putOne(WriteRequest write) {
        try {
            guard.write(
                    "PutItem",
                    UNITS_PER_EVENT,
                    () -> dynamoDb.putItem(
                            r -> r.tableName(table).item(write.putRequest().item())));
            return null;
        } catch (SdkException e) {
            if (DynamoDbErrors.isRetryable(e)) {
                throw e;
            }
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private void write(List<WriteRequest> chunk) {
        List<WriteRequest> pending = chunk;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<WriteRequest> request = pending;
            BatchWriteItemResponse response = guard.write(
                    "BatchWriteItem",
                    request.size() * UNITS_PER_EVENT,
                    () -> dynamoDb.batchWriteItem(r -> r.requestItems(Map.of(table, request))
                            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
            for (ConsumedCapacity consumed : response.consumedCapacity()) {
                if (consumed.capacityUnits() != null) {
                    metrics.writeUnits(table, consumed.capacityUnits());
                }
            }
            List<WriteRequest> unprocessed = response.unprocessedItems().getOrDefault(table, List.of());
            if (unprocessed.isEmpty()) {
                return;
            }
            metrics.throttled(table);
            pending = unprocessed;
            sleep(Duration.ofMillis(
                    ThreadLocalRandom.current().nextLong((BASE_BACKOFF_MILLIS << Math.min(round, 6)) + 1)));
        }
        throw new StoreUnavailableException(
                pending.size() + " events still unprocessed after " + MAX_ROUNDS + " rounds", null);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted", e);
        }
    }
}
