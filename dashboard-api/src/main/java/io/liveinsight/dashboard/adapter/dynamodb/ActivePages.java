package io.liveinsight.dashboard.adapter.dynamodb;

import static io.liveinsight.event.contract.ItemAttributes.EXPIRES_AT;
import static io.liveinsight.event.contract.ItemAttributes.IS_BOT;
import static io.liveinsight.event.contract.ItemAttributes.REPLAY_RUN;
import static io.liveinsight.event.contract.ItemAttributes.SESSION_ID;

import io.liveinsight.dashboard.domain.ActiveScan;
import io.liveinsight.dashboard.domain.ActiveScan.Position;
import io.liveinsight.dashboard.domain.ActiveSession;
import io.liveinsight.dashboard.port.ReadMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * One page of live ActiveSessions: a Scan from a session id on, in the table's order, evaluating at most one item
 * more than the page still needs per request and at most {@link #MAX_REQUESTS} requests, so a page costs the same
 * whatever the table holds. A page whose last item ends the table has no next position; one that stops on an item
 * filtered out may be followed by an empty last page. Expired items (TTL deletes up to 48 hours late), items of a
 * replayed session (ActiveSessions holds none, docs/contract/replay.md#where-a-run-shows: this only keeps one written
 * by mistake out of the live view) and, unless asked for, bots are filtered out by DynamoDB; they are still read and
 * billed, which is why a page may come back short.
 */
final class ActivePages {

    /** Requests per page at most: a page evaluates at most this many times its limit of items. */
    static final int MAX_REQUESTS = 8;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ReadMetrics metrics;

    ActivePages(DynamoDbClient dynamoDb, String table, ReadMetrics metrics) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.metrics = metrics;
    }

    ActiveScan read(long nowMillis, String after, int limit, boolean bots) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Map<String, String> names = new HashMap<>(Projection.ACTIVE.namesWith(Map.of("#x", EXPIRES_AT)));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", AttributeValue.fromN(Long.toString(Math.floorDiv(nowMillis, 1000L))));
        names.put("#r", REPLAY_RUN);
        String filter = "#x > :now AND attribute_not_exists(#r)";
        if (!bots) {
            names.put("#b", IS_BOT);
            values.put(":human", AttributeValue.fromBool(false));
            filter += " AND (attribute_not_exists(#b) OR #b = :human)";
        }
        String condition = filter;
        List<ActiveSession> sessions = new ArrayList<>();
        Map<String, AttributeValue> start = after == null ? null : Map.of(SESSION_ID, AttributeValue.fromS(after));
        for (int request = 0; request < MAX_REQUESTS; request++) {
            Map<String, AttributeValue> exclusiveStart = start;
            // one item more than the page still needs: a page that ends the table says so without a further request
            int evaluate = limit - sessions.size() + 1;
            ScanResponse response = call(() -> dynamoDb.scan(r -> r.tableName(table)
                    .limit(evaluate)
                    .projectionExpression(Projection.ACTIVE.expression())
                    .filterExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .exclusiveStartKey(exclusiveStart)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
            ReadUnits.report(metrics, response.consumedCapacity());
            start = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey()
                    : null;
            for (Map<String, AttributeValue> item : response.items()) {
                if (sessions.size() == limit) {
                    // a further active session: the next page starts after the last one of this page
                    return new ActiveScan(
                            sessions, Position.after(sessions.getLast().sessionId()));
                }
                sessions.add(DynamoDbDashboardStore.activeSession(item));
            }
            if (start == null) {
                return new ActiveScan(sessions, null);
            }
            if (sessions.size() == limit) {
                return new ActiveScan(sessions, position(start));
            }
        }
        return new ActiveScan(sessions, position(start));
    }

    private static Position position(Map<String, AttributeValue> key) {
        return key == null ? null : Position.after(key.get(SESSION_ID).s());
    }

    private <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("scan " + table, e);
        }
    }
}
