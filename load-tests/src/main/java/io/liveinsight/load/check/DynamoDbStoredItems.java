package io.liveinsight.load.check;

import static io.liveinsight.event.contract.ItemAttributes.EVENT_ID;
import static io.liveinsight.event.contract.ItemAttributes.SESSION_ID;
import static io.liveinsight.event.contract.ItemAttributes.USER_ID;

import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.ItemAttributes;
import io.liveinsight.event.contract.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * {@link StoredItems} on DynamoDB: Query and GetItem only (read-only: {@code dynamodb:Query} and {@code
 * dynamodb:GetItem} on the three tables and their indexes), strongly consistent where the table allows it (indexes
 * are eventually consistent). SDK errors are translated in {@link #read}.
 */
public final class DynamoDbStoredItems implements StoredItems {

    private final DynamoDbClient dynamoDb;
    private final TableNames tables;

    public DynamoDbStoredItems(DynamoDbClient dynamoDb, TableNames tables) {
        this.dynamoDb = dynamoDb;
        this.tables = tables;
    }

    @Override
    public List<Map<String, AttributeValue>> events(String eventId) {
        return query(tables.events(), null, EVENT_ID, eventId, true, null);
    }

    @Override
    public Map<String, AttributeValue> session(String sessionId) {
        return get(tables.sessions(), sessionId);
    }

    @Override
    public Map<String, AttributeValue> activeSession(String sessionId) {
        return get(tables.activeSessions(), sessionId);
    }

    @Override
    public List<String> eventIdsOfSession(String sessionId) {
        return query(tables.events(), Tables.SESSION_INDEX, SESSION_ID, sessionId, false, EVENT_ID).stream()
                .map(item -> item.get(EVENT_ID).s())
                .toList();
    }

    @Override
    public List<String> sessionIdsOfRun(String run) {
        return query(tables.sessions(), Tables.REPLAY_INDEX, ItemAttributes.REPLAY_RUN, run, false, SESSION_ID).stream()
                .map(item -> item.get(SESSION_ID).s())
                .toList();
    }

    @Override
    public List<String> sessionIdsOfUser(String userId) {
        return query(tables.sessions(), Tables.USER_INDEX, USER_ID, userId, false, SESSION_ID).stream()
                .map(item -> item.get(SESSION_ID).s())
                .toList();
    }

    private Map<String, AttributeValue> get(String table, String sessionId) {
        return read(table, () -> {
            var response = dynamoDb.getItem(r -> r.tableName(table)
                    .key(Map.of(SESSION_ID, AttributeValue.fromS(sessionId)))
                    .consistentRead(true));
            return response.hasItem() ? response.item() : null;
        });
    }

    private List<Map<String, AttributeValue>> query(
            String table, String index, String key, String value, boolean consistent, String projection) {
        return read(table, () -> {
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            do {
                QueryRequest.Builder request = QueryRequest.builder()
                        .tableName(table)
                        .keyConditionExpression("#k = :v")
                        .expressionAttributeNames(Map.of("#k", key))
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value)))
                        .consistentRead(consistent);
                if (index != null) {
                    request.indexName(index);
                }
                if (projection != null) {
                    request.projectionExpression("#p").expressionAttributeNames(Map.of("#k", key, "#p", projection));
                }
                if (start != null) {
                    request.exclusiveStartKey(start);
                }
                QueryResponse response = dynamoDb.query(request.build());
                items.addAll(response.items());
                start = response.hasLastEvaluatedKey()
                                && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey()
                        : null;
            } while (start != null);
            return items;
        });
    }

    /** The one place DynamoDB errors are translated: which table, and the service's reason. */
    private static <T> T read(String table, Supplier<T> call) {
        try {
            return call.get();
        } catch (ResourceNotFoundException e) {
            throw new StoredItemsException("table " + table + " not found (is --table-prefix right?)", e);
        } catch (SdkException e) {
            throw new StoredItemsException("reading " + table + " failed: " + e.getMessage(), e);
        }
    }
}
