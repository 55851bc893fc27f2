package io.liveinsight.processor.adapter.dynamodb;

import io.liveinsight.event.Event;
import io.liveinsight.processor.domain.SessionState;
import io.liveinsight.processor.port.SessionStore;
import io.liveinsight.processor.port.StoreUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

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

    public DynamoDbSessionStore(DynamoDbClient dynamoDb, String sessionsTable, String activeSessionsTable) {
        this.dynamoDb = dynamoDb;
        this.sessionsTable = sessionsTable;
        this.activeSessionsTable = activeSessionsTable;
    }

    @Override
    public void apply(String clientSessionId, List<Event> events) {
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
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(sessionsTable)
                            .key(Map.of("session_id", AttributeValue.fromS(clientSessionId)))
                            .consistentRead(true))
                    .item();
            return item == null || item.isEmpty() ? null : SessionItems.fromRootItem(item);
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("GetItem " + sessionsTable, e);
        }
    }

    /** False when another writer got there first. */
    private boolean putRoot(SessionState next, SessionState current) {
        try {
            if (current == null) {
                dynamoDb.putItem(r -> r.tableName(sessionsTable)
                        .item(SessionItems.rootItem(next))
                        .conditionExpression("attribute_not_exists(session_id)"));
            } else {
                dynamoDb.putItem(r -> r.tableName(sessionsTable)
                        .item(SessionItems.rootItem(next))
                        .conditionExpression("#applied = :read")
                        .expressionAttributeNames(Map.of("#applied", SessionItems.APPLIED))
                        .expressionAttributeValues(
                                Map.of(":read", AttributeValue.fromN(Long.toString(current.appliedEvents())))));
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("PutItem " + sessionsTable, e);
        }
    }

    private void putProjections(SessionState state, List<Integer> segments) {
        for (int segment : segments) {
            if (segment > 0) {
                putUnlessNewer(sessionsTable, SessionItems.segmentItem(state, segment), state.appliedEvents());
            }
            putUnlessNewer(activeSessionsTable, SessionItems.activeItem(state, segment), state.appliedEvents());
        }
    }

    /** Segments that merged into others leave their numbers: their items go, unless a newer state wrote them. */
    private void deleteMergedAway(SessionState state, int previousCount) {
        for (int segment = state.segments().size(); segment < previousCount; segment++) {
            String id = SessionItems.segmentId(state, segment);
            if (segment > 0) {
                deleteUnlessNewer(sessionsTable, id, state.appliedEvents());
            }
            deleteUnlessNewer(activeSessionsTable, id, state.appliedEvents());
        }
    }

    private void deleteUnlessNewer(String table, String sessionId, long applied) {
        try {
            dynamoDb.deleteItem(r -> r.tableName(table)
                    .key(Map.of("session_id", AttributeValue.fromS(sessionId)))
                    .conditionExpression("attribute_not_exists(session_id) OR #applied <= :applied")
                    .expressionAttributeNames(Map.of("#applied", SessionItems.APPLIED))
                    .expressionAttributeValues(Map.of(":applied", AttributeValue.fromN(Long.toString(applied)))));
        } catch (ConditionalCheckFailedException e) {
            // A newer state rewrote it: it is a live segment again.
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("DeleteItem " + table, e);
        }
    }

    private void putUnlessNewer(String table, Map<String, AttributeValue> item, long applied) {
        try {
            dynamoDb.putItem(r -> r.tableName(table)
                    .item(item)
                    .conditionExpression("attribute_not_exists(session_id) OR #applied <= :applied")
                    .expressionAttributeNames(Map.of("#applied", SessionItems.APPLIED))
                    .expressionAttributeValues(Map.of(":applied", AttributeValue.fromN(Long.toString(applied)))));
        } catch (ConditionalCheckFailedException e) {
            // A newer projection is there already: nothing to do.
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("PutItem " + table, e);
        }
    }
}
