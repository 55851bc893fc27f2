package io.liveinsight.processor.adapter.dynamodb;

import io.liveinsight.event.Event;
import io.liveinsight.processor.domain.SessionAggregator;
import io.liveinsight.processor.port.EventStore;
import io.liveinsight.processor.port.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BatchWriteItem in chunks of 25, resubmitting UnprocessedItems with jittered backoff. */
public final class DynamoDbEventStore implements EventStore {

    static final int BATCH_SIZE = 25;
    private static final int MAX_ATTEMPTS = 8;
    private static final long BASE_BACKOFF_MILLIS = 25;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbEventStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
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
        for (int from = 0; from < writes.size(); from += BATCH_SIZE) {
            write(new ArrayList<>(writes.subList(from, Math.min(writes.size(), from + BATCH_SIZE))));
        }
    }

    private void write(List<WriteRequest> chunk) {
        List<WriteRequest> pending = chunk;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            BatchWriteItemResponse response;
            try {
                List<WriteRequest> request = pending;
                response = dynamoDb.batchWriteItem(r -> r.requestItems(Map.of(table, request)));
            } catch (SdkException e) {
                throw DynamoDbErrors.unavailable("BatchWriteItem " + table, e);
            }
            List<WriteRequest> unprocessed = response.unprocessedItems().getOrDefault(table, List.of());
            if (unprocessed.isEmpty()) {
                return;
            }
            pending = unprocessed;
            sleep(Duration.ofMillis(
                    ThreadLocalRandom.current().nextLong((BASE_BACKOFF_MILLIS << Math.min(attempt, 6)) + 1)));
        }
        throw new StoreUnavailableException(
                pending.size() + " events still unprocessed after " + MAX_ATTEMPTS + " attempts", null);
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
