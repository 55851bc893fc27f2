package io.liveinsight.dashboard.adapter.dynamodb;

import static io.liveinsight.event.contract.ItemAttributes.CURRENT_PAGE;
import static io.liveinsight.event.contract.ItemAttributes.IS_BOT;
import static io.liveinsight.event.contract.ItemAttributes.LAST_ACTIVITY;
import static io.liveinsight.event.contract.ItemAttributes.PAGE_VIEWS;
import static io.liveinsight.event.contract.ItemAttributes.REFERRER;
import static io.liveinsight.event.contract.ItemAttributes.REPLAY_RUN;
import static io.liveinsight.event.contract.ItemAttributes.SESSION_ID;
import static io.liveinsight.event.contract.ItemAttributes.START_TIME;
import static io.liveinsight.event.contract.ItemAttributes.TOTAL_EVENTS;
import static io.liveinsight.event.contract.ItemAttributes.USER_ID;

import io.liveinsight.dashboard.domain.ActiveScan;
import io.liveinsight.dashboard.domain.ActiveScan.Position;
import io.liveinsight.dashboard.domain.ActiveSession;
import io.liveinsight.dashboard.port.ReadMetrics;
import io.liveinsight.event.contract.SessionWindows;
import io.liveinsight.event.contract.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * One page of a replay run's active sessions (docs/contract/replay.md#where-a-run-shows): ActiveSessions holds live
 * sessions only, so a run's are read from Sessions' sparse {@code ReplayIndex} ({@code replay_run},
 * {@code last_activity}; keys only), newest activity first and only as far back as the active window reaches, then
 * their items by key (BatchGetItem). Like a live page it is bounded: at most one key more than the page still needs
 * per Query and at most {@link ActivePages#MAX_REQUESTS} Queries, and a page may come back short when bots are left
 * out. A session whose activity moves while the pages are read may show twice or not at all; one that stays put shows
 * once.
 */
final class ReplayPages {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ReadMetrics metrics;
    private final Function<List<String>, Map<String, Map<String, Object>>> sessionsById;

    /**
     * @param sessionsById the Sessions items of these ids as session views (those not stored are missing)
     */
    ReplayPages(
            DynamoDbClient dynamoDb,
            String sessionsTable,
            ReadMetrics metrics,
            Function<List<String>, Map<String, Map<String, Object>>> sessionsById) {
        this.dynamoDb = dynamoDb;
        this.table = sessionsTable;
        this.metrics = metrics;
        this.sessionsById = sessionsById;
    }

    /** The earliest last activity (epoch ms) of a session still active at {@code nowMillis} (its expiry is after). */
    static long activeSince(long nowMillis) {
        return (Math.floorDiv(nowMillis - SessionWindows.ACTIVE.toMillis(), 1000L) + 1) * 1000L;
    }

    ActiveScan read(String run, long nowMillis, Position after, int limit, boolean bots) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Map<String, AttributeValue> values = Map.of(
                ":run",
                AttributeValue.fromS(run),
                ":since",
                AttributeValue.fromN(Long.toString(activeSince(nowMillis))));
        Map<String, AttributeValue> start = after == null ? null : key(run, after);
        List<ActiveSession> sessions = new ArrayList<>();
        Position last = null;
        for (int request = 0; request < ActivePages.MAX_REQUESTS; request++) {
            Map<String, AttributeValue> exclusiveStart = start;
            // one key more than the page still needs: a page that ends the run says so without a further request
            int evaluate = limit - sessions.size() + 1;
            QueryResponse response = call(() -> dynamoDb.query(r -> r.tableName(table)
                    .indexName(Tables.REPLAY_INDEX)
                    .keyConditionExpression("#r = :run AND #a >= :since")
                    .expressionAttributeNames(Map.of("#r", REPLAY_RUN, "#a", LAST_ACTIVITY))
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
            List<Position> keys =
                    response.items().stream().map(ReplayPages::position).toList();
            Map<String, Map<String, Object>> items =
                    sessionsById.apply(keys.stream().map(Position::sessionId).toList());
            for (Position key : keys) {
                Map<String, Object> view = items.get(key.sessionId());
                ActiveSession session = view == null ? null : activeSession(view);
                if (session == null || !session.activeAt(nowMillis) || (!bots && session.bot())) {
                    last = key;
                    continue;
                }
                if (sessions.size() == limit) {
                    // a further session: the next page starts after the last one of this page
                    return new ActiveScan(sessions, last);
                }
                sessions.add(session);
                last = key;
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

    /**
     * A replayed session's Sessions item (as a session view: {@code current_page} filled in) as an active session:
     * its expiry is the one ActiveSessions would give it (docs/contract/tables.md#ttl); no per-minute counts (the
     * rollups count the minutes).
     */
    static ActiveSession activeSession(Map<String, Object> view) {
        long lastActivity = number(view.get(LAST_ACTIVITY));
        return new ActiveSession(
                String.valueOf(view.get(SESSION_ID)),
                text(view.get(USER_ID)),
                number(view.get(START_TIME)),
                lastActivity,
                text(view.get(CURRENT_PAGE)),
                number(view.get(TOTAL_EVENTS)),
                number(view.get(PAGE_VIEWS)),
                text(view.get(REFERRER)),
                Boolean.TRUE.equals(view.get(IS_BOT)),
                Math.floorDiv(lastActivity, 1000L) + SessionWindows.ACTIVE.toSeconds(),
                Map.of());
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    /** The index's key of a position: the table's key and the index's. */
    private static Map<String, AttributeValue> key(String run, Position position) {
        return Map.of(
                SESSION_ID, AttributeValue.fromS(position.sessionId()),
                REPLAY_RUN, AttributeValue.fromS(run),
                LAST_ACTIVITY, AttributeValue.fromN(Long.toString(position.lastActivity())));
    }

    private static Position position(Map<String, AttributeValue> key) {
        return new Position(key.get(SESSION_ID).s(), Attributes.longValue(key, LAST_ACTIVITY));
    }

    private <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("query " + table + "/" + Tables.REPLAY_INDEX, e);
        }
    }
}
