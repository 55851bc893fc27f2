package io.liveinsight.processor.adapter.dynamodb;

import io.liveinsight.event.Event;
import io.liveinsight.processor.domain.SessionState;
import io.liveinsight.processor.port.RejectedEventsException;
import io.liveinsight.processor.port.SessionStore;
import io.liveinsight.processor.port.StoreUnavailableException;
import io.liveinsight.processor.port.StreamMetrics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Exactly-once session writes with one conditional put per client session and batch: read the root item
 * (strongly consistent), apply the events not counted yet (pure, in {@link SessionState}), and put the root on
 * condition that {@code applied_events} is still what was read. A concurrent writer (lease handover) makes the
 * condition fail and the read-apply-put start over. Then the projections (later segments' items, ActiveSessions)
 * are put, never over a newer one; if every event was counted already (a replay), they are put again, since a
 * crash may have come between the root and its projections.
 */
public final class DynamoDbSessionStore implements SessionStore {

    private static final int MAX_CONFLICTS = 10;

    private final DynamoDbClient dynamoDb;
    private final String sessionsTable;
    private final String activeSessionsTable;
    private final TableGuard sessionsGuard;
    private final TableGuard activeGuard;
    private final StreamMetrics metrics;

    public DynamoDbSessionStore(
            DynamoDbClient dynamoDb,
            String sessionsTable,
            String activeSessionsTable,
            TableGuard sessionsGuard,
            TableGuard activeGuard,
            StreamMetrics metrics) {
        this.dynamoDb = dynamoDb;
        this.sessionsTable = sessionsTable;
        this.activeSessionsTable = activeSessionsTable;
        this.sessionsGuard = sessionsGuard;
        this.activeGuard = activeGuard;
        this.metrics = metrics;
    }

    @Override
    public void apply(String clientSessionId, List<Event> events) {
        try {
            applyOnce(clientSessionId, events);
        } catch (SdkException e) {
            if (DynamoDbErrors.isRetryable(e)) {
                throw DynamoDbErrors.unavailable("session " + clientSessionId, e);
            }
            throw new RejectedEventsException(
                    "session " + clientSessionId + " refused: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    events,
                    e);
        }
    }

    private void applyOnce(String clientSessionId, List<Event> events) {
        for (int conflict = 0; conflict < MAX_CONFLICTS; conflict++) {
            SessionState current = read(clientSessionId);
            Optional<SessionState.Applied> applied = SessionState.apply(current, clientSessionId, events);
            if (applied.isEmpty()) {
                if (current != null) {
                    putProjections(
                            current,
                            IntStream.range(0, current.segments().size())
                                    .boxed()
                                    .toList());
                }
                return;
            }
            if (putRoot(applied.get().state(), current)) {
                SessionState next = applied.get().state();
                putProjections(next, List.copyOf(applied.get().changedSegments()));
                deleteMergedAway(next, applied.get().previousSegmentCount());
                return;
            }
        }
        throw new StoreUnavailableException(
                "session " + clientSessionId + " kept changing under " + MAX_CONFLICTS + " writes", null);
    }

    private SessionState read(String clientSessionId) {
        Map<String, AttributeValue> item = sessionsGuard
                .read(
                        "GetItem",
                        () -> dynamoDb.getItem(r -> r.tableName(sessionsTable)
                                .key(Map.of("session_id", AttributeValue.fromS(clientSessionId)))
                                .consistentRead(true)))
                .item();
        return item == null || item.isEmpty() ? null : SessionItems.fromRootItem(item);
    }

    /** False when another writer got there first. */
    private boolean putRoot(SessionState next, SessionState current) {
        Map<String, AttributeValue> item = SessionItems.rootItem(next);
        PutItemRequest.Builder request = PutItemRequest.builder()
                .tableName(sessionsTable)
                .item(item)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
        if (current == null) {
            request.conditionExpression("attribute_not_exists(session_id)");
        } else {
            request.conditionExpression("#applied = :read")
                    .expressionAttributeNames(Map.of("#applied", SessionItems.APPLIED))
                    .expressionAttributeValues(
                            Map.of(":read", AttributeValue.fromN(Long.toString(current.appliedEvents()))));
        }
        try {
            record(
                    sessionsTable,
                    sessionsGuard
                            .write("PutItem", units(item), () -> dynamoDb.putItem(request.build()))
                            .consumedCapacity());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private void record(String table, ConsumedCapacity consumed) {
        if (consumed != null && consumed.capacityUnits() != null) {
            metrics.writeUnits(table, consumed.capacityUnits());
        }
    }

    /** Write units an item costs: one per started KB, twice for the Sessions UserIndex copy. */
    private static int units(Map<String, AttributeValue> item) {
        return 2 * (1 + ItemSize.bytes(item) / 1024);
    }

    private void putProjections(SessionState state, List<Integer> segments) {
        for (int segment : segments) {
            if (segment > 0) {
                putUnlessNewer(
                        sessionsTable, sessionsGuard, SessionItems.segmentItem(state, segment), state.appliedEvents());
            }
            putUnlessNewer(
                    activeSessionsTable, activeGuard, SessionItems.activeItem(state, segment), state.appliedEvents());
        }
    }

    /** Segments that merged into others leave their numbers: their items go, unless a newer state wrote them. */
    private void deleteMergedAway(SessionState state, int previousCount) {
        for (int segment = state.segments().size(); segment < previousCount; segment++) {
            String id = SessionItems.segmentId(state, segment);
            if (segment > 0) {
                deleteUnlessNewer(sessionsTable, sessionsGuard, id, state.appliedEvents());
            }
            deleteUnlessNewer(activeSessionsTable, activeGuard, id, state.appliedEvents());
        }
    }

    private void deleteUnlessNewer(String table, TableGuard guard, String sessionId, long applied) {
        try {
            guard.write(
                    "DeleteItem",
                    1,
                    () -> dynamoDb.deleteItem(r -> r.tableName(table)
                            .key(Map.of("session_id", AttributeValue.fromS(sessionId)))
                            .conditionExpression("attribute_not_exists(session_id) OR #applied <= :applied")
                            .expressionAttributeNames(Map.of("#applied", SessionItems.APPLIED))
                            .expressionAttributeValues(
                                    Map.of(":applied", AttributeValue.fromN(Long.toString(applied))))));
        } catch (ConditionalCheckFailedException e) {
            // A newer state rewrote it: it is a live segment again.
        }
    }

    private void putUnlessNewer(String table, TableGuard guard, Map<String, AttributeValue> item, long applied) {
        try {
            record(
                    table,
                    guard.write(
                                    "PutItem",
                                    units(item),
                                    () -> dynamoDb.putItem(r -> r.tableName(table)
                                            .item(item)
                                            .conditionExpression(
                                                    "attribute_not_exists(session_id) OR #applied <= :applied")
                                            .expressionAttributeNames(Map.of("#applied", SessionItems.APPLIED))
                                            .expressionAttributeValues(
                                                    Map.of(":applied", AttributeValue.fromN(Long.toString(applied))))
                                            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)))
                            .consumedCapacity());
        } catch (ConditionalCheckFailedException e) {
            // A newer projection is there already: nothing to do.
        }
    }
}
