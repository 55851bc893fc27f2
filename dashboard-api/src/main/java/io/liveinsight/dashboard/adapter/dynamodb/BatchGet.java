package io.liveinsight.dashboard.adapter.dynamodb;

import io.liveinsight.dashboard.port.ReadMetrics;
import io.liveinsight.dashboard.port.StoreUnavailableException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Items of a table with a string partition key and no sort key, by key, through BatchGetItem: 100 keys a request,
 * unprocessed keys asked again (three rounds at most, then the read is unavailable). What a keys-only index page is
 * followed by (Sessions' UserIndex and ReplayIndex, ActiveSessions' SiteIndex).
 */
final class BatchGet {

    static final int KEYS_PER_REQUEST = 100;
    static final int ROUNDS = 3;

    private BatchGet() {}

    /** The stored items of these keys, by key (keys not stored are missing), their public attributes only. */
    static Map<String, Map<String, AttributeValue>> byKey(
            DynamoDbClient dynamoDb,
            String table,
            String keyName,
            Projection projection,
            List<String> keys,
            ReadMetrics metrics) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_REQUEST) {
            List<Map<String, AttributeValue>> pending =
                    keys.subList(from, Math.min(keys.size(), from + KEYS_PER_REQUEST)).stream()
                            .distinct()
                            .map(key -> Map.of(keyName, AttributeValue.fromS(key)))
                            .toList();
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == ROUNDS) {
                    throw new StoreUnavailableException(
                            "batch get " + table + " left " + pending.size() + " keys unprocessed", null);
                }
                List<Map<String, AttributeValue>> request = pending;
                BatchGetItemResponse response;
                try {
                    response = dynamoDb.batchGetItem(r -> r.requestItems(Map.of(
                                    table,
                                    KeysAndAttributes.builder()
                                            .keys(request)
                                            .projectionExpression(projection.expression())
                                            .expressionAttributeNames(projection.names())
                                            .build()))
                            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                } catch (SdkException e) {
                    throw DynamoDbErrors.unavailable("batch get " + table, e);
                }
                response.consumedCapacity().forEach(capacity -> ReadUnits.report(metrics, capacity));
                response.responses()
                        .getOrDefault(table, List.of())
                        .forEach(item -> found.put(item.get(keyName).s(), item));
                KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
                pending = unprocessed == null ? List.of() : unprocessed.keys();
            }
        }
        return found;
    }
}
