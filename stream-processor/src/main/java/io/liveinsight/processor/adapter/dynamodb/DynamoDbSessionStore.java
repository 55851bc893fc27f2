package io.liveinsight.processor.adapter.dynamodb;

import io.liveinsight.processor.domain.SequencedEvent;
import io.liveinsight.processor.domain.SessionState;
import io.liveinsight.processor.port.SessionStore;
import io.liveinsight.processor.port.StoreUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Optimistic, replay-safe session writes: read the item (strongly consistent), apply only records newer than its
 * {@code applied_seq} (pure, in {@link SessionState}), and put it on condition that {@code applied_seq} is still what
 * was read. A concurrent writer makes the condition fail and the read-apply-put start over. ActiveSessions is then
 * put from the same state, never over a newer one.
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
    public void apply(String sessionId, List<SequencedEvent> events) {
        for (int conflict = 0; conflict < MAX_CONFLICTS; conflict++) {
            SessionState current = read(sessionId);
            Optional<SessionState> next = SessionState.apply(current, events);
            if (next.isEmpty()) {
                // All replays. A crash may have come between the two puts, so ActiveSessions is put again.
                putActive(current);
                return;
            }
            if (putSession(next.get(), current)) {
                putActive(next.get());
                return;
            }
        }
        throw new StoreUnavailableException(
                "session " + sessionId + " kept changing under " + MAX_CONFLICTS + " writes", null);
    }

    private SessionState read(String sessionId) {
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(sessionsTable)
                            .key(Map.of("session_id", AttributeValue.fromS(sessionId)))
                            .consistentRead(true))
                    .item();
            return item == null || item.isEmpty() ? null : SessionItems.fromSessionItem(item);
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("GetItem " + sessionsTable, e);
        }
    }

    /** False when another writer got there first. */
    private boolean putSession(SessionState next, SessionState current) {
        try {
            if (current == null) {
                dynamoDb.putItem(r -> r.tableName(sessionsTable)
                        .item(SessionItems.toSessionItem(next))
                        .conditionExpression("attribute_not_exists(session_id)"));
            } else {
                dynamoDb.putItem(r -> r.tableName(sessionsTable)
                        .item(SessionItems.toSessionItem(next))
                        .conditionExpression("#applied = :read")
                        .expressionAttributeNames(Map.of("#applied", SessionItems.APPLIED))
                        .expressionAttributeValues(Map.of(
                                ":read", AttributeValue.fromS(current.applied().padded()))));
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("PutItem " + sessionsTable, e);
        }
    }

    private void putActive(SessionState state) {
        try {
            dynamoDb.putItem(r -> r.tableName(activeSessionsTable)
                    .item(SessionItems.toActiveItem(state))
                    .conditionExpression("attribute_not_exists(session_id) OR #applied <= :applied")
                    .expressionAttributeNames(Map.of("#applied", SessionItems.APPLIED))
                    .expressionAttributeValues(Map.of(
                            ":applied", AttributeValue.fromS(state.applied().padded()))));
        } catch (ConditionalCheckFailedException e) {
            // A newer state is there already: nothing to do.
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("PutItem " + activeSessionsTable, e);
        }
    }
}
