package io.liveinsight.dashboard.adapter.dynamodb;

import static io.liveinsight.event.contract.ItemAttributes.REPLAY_RUN;
import static io.liveinsight.event.contract.ItemAttributes.SESSION_ID;
import static io.liveinsight.event.contract.ItemAttributes.SITE;
import static io.liveinsight.event.contract.ItemAttributes.START_TIME;

import io.liveinsight.dashboard.domain.ActiveScan;
import io.liveinsight.dashboard.domain.ActiveScan.Position;
import io.liveinsight.dashboard.domain.ActiveSession;
import io.liveinsight.dashboard.port.ReadMetrics;
import io.liveinsight.event.contract.SessionWindows;
import io.liveinsight.event.contract.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * One page of a site's live active sessions (docs/contract/sites.md#isolation): ActiveSessions' {@code SiteIndex}
 * ({@code site}, {@code start_time}; keys only) newest start first, then the items by key (BatchGetItem). Only a
 * segment that started within {@link #REACH} can still be active (a segment lasts at most 24 hours and is active 30
 * minutes past its last event), so the index is read no further back, whatever TTL has not yet deleted. Bounded like
 * every live read: at most one key more than the page still needs per Query and at most {@link #MAX_REQUESTS} Queries,
 * so a page costs the same whatever the site holds. Expired items (TTL deletes up to 48 hours late), a replayed
 * session's item (ActiveSessions holds none: this keeps one written by mistake out), another site's item (the second
 * guard) and, unless asked for, bots are left out after the read, which is why a page may come back short.
 */
final class SitePages {

    /** Queries per page at most: a page evaluates at most this many times its limit of keys. */
    static final int MAX_REQUESTS = 8;

    /** How far back a still active segment may have started. */
    static final long REACH =
            SessionWindows.MAX_DURATION.plus(SessionWindows.ACTIVE).toMillis();

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ReadMetrics metrics;

    SitePages(DynamoDbClient dynamoDb, String activeSessionsTable, ReadMetrics metrics) {
        this.dynamoDb = dynamoDb;
        this.table = activeSessionsTable;
        this.metrics = metrics;
    }

    /**
     * @param after where the previous page stopped: a client session id and its start time
     */
    ActiveScan read(SiteView view, long nowMillis, Position after, int limit, boolean bots) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Map<String, AttributeValue> values = Map.of(
                ":site",
                AttributeValue.fromS(view.site()),
                ":since",
                AttributeValue.fromN(Long.toString(nowMillis - REACH)));
        Map<String, AttributeValue> start = after == null ? null : key(view, after);
        List<ActiveSession> sessions = new ArrayList<>();
        Position last = null;
        for (int request = 0; request < MAX_REQUESTS; request++) {
            Map<String, AttributeValue> exclusiveStart = start;
            // one key more than the page still needs: a page that ends the site says so without a further request
            int evaluate = limit - sessions.size() + 1;
            QueryResponse response = call(() -> dynamoDb.query(r -> r.tableName(table)
                    .indexName(Tables.SITE_INDEX)
                    .keyConditionExpression("#s = :site AND #t >= :since")
                    .expressionAttributeNames(Map.of("#s", SITE, "#t", START_TIME))
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    .limit(evaluate)
                    .exclusiveStartKey(exclusiveStart)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
            ReadUnits.report(metrics, response.consumedCapacity());
            start = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey()
                    : null;
            List<Map<String, AttributeValue>> keys = response.items();
            Map<String, Map<String, AttributeValue>> items = BatchGet.byKey(
                    dynamoDb,
                    table,
                    SESSION_ID,
                    Projection.ACTIVE,
                    keys.stream().map(key -> key.get(SESSION_ID).s()).toList(),
                    metrics);
            for (Map<String, AttributeValue> key : keys) {
                Position position = position(view, key);
                Map<String, AttributeValue> item = items.get(key.get(SESSION_ID).s());
                ActiveSession session = item == null || !view.owns(item) || item.containsKey(REPLAY_RUN)
                        ? null
                        : DynamoDbDashboardStore.activeSession(view, item);
                if (session == null || !session.activeAt(nowMillis) || (!bots && session.bot())) {
                    last = position;
                    continue;
                }
                if (sessions.size() == limit) {
                    // a further session: the next page starts after the last one of this page
                    return new ActiveScan(sessions, last);
                }
                sessions.add(session);
                last = position;
            }
            if (start == null) {
                return new ActiveScan(sessions, null);
            }
            if (sessions.size() == limit) {
                return new ActiveScan(sessions, position(view, start));
            }
        }
        return new ActiveScan(sessions, position(view, start));
    }

    /** The index's key of a position: the table's key and the index's, in the site's keys. */
    private static Map<String, AttributeValue> key(SiteView view, Position position) {
        return Map.of(
                SESSION_ID, AttributeValue.fromS(view.sessionKey(position.sessionId())),
                SITE, AttributeValue.fromS(view.site()),
                START_TIME, AttributeValue.fromN(Long.toString(position.sortKey())));
    }

    private static Position position(SiteView view, Map<String, AttributeValue> key) {
        return new Position(view.clientId(key.get(SESSION_ID).s()), Attributes.longValue(key, START_TIME));
    }

    private <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("query " + table + "/" + Tables.SITE_INDEX, e);
        }
    }
}
