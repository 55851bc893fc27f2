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
import java.util.function.BiFunction;
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
 * per Query and at most {@link SitePages#MAX_REQUESTS} Queries, and a page may come back short when bots are left
 * out. A session whose activity moves while the pages are read may show twice or not at all; one that stays put shows
 * once.
 */
final class ReplayPages {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ReadMetrics metrics;
    private final BiFunction<SiteView, List<String>, Map<String, Map<String, Object>>> sessionsById;

    /**
     * @param sessionsById the site's Sessions items of these stored keys as session views, by stored key (those not
     *     stored, or another site's, are missing)
     */
    ReplayPages(
            DynamoDbClient dynamoDb,
            String sessionsTable,
            ReadMetrics metrics,
            BiFunction<SiteView, List<String>, Map<String, Map<String, Object>>> sessionsById) {
        this.dynamoDb = dynamoDb;
        this.table = sessionsTable;
        this.metrics = metrics;
        this.sessionsById = sessionsById;
    }

    /** The earliest last activity (epoch ms) of a session still active at {@code nowMillis} (its expiry is after). */
    static long activeSince(long nowMillis) {
        return (Math.floorDiv(nowMillis - SessionWindows.ACTIVE.toMillis(), 1000L) + 1) * 1000L;
    }

    /**
     * The run's index partition is shared by every site that replays a run of that id: the site's sessions are the
     * ones whose items are the site's ({@link SiteView#owns}), and a page may come back short because of the others.
     */
    ActiveScan read(SiteView view, String run, long nowMillis, Position after, int limit, boolean bots) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Map<String, AttributeValue> values = Map.of(
                ":run",
                AttributeValue.fromS(run),
                ":since",
                AttributeValue.fromN(Long.toString(activeSince(nowMillis))));
        Map<String, AttributeValue> start = after == null ? null : key(view, run, after);
        List<ActiveSession> sessions = new ArrayList<>();
        Position last = null;
        for (int request = 0; request < SitePages.MAX_REQUESTS; request++) {
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
            List<Map<String, AttributeValue>> keys = response.items();
            Map<String, Map<String, Object>> items = sessionsById.apply(
                    view, keys.stream().map(k -> k.get(SESSION_ID).s()).toList());
            for (Map<String, AttributeValue> stored : keys) {
                Position key = position(view, stored);
                Map<String, Object> item = items.get(stored.get(SESSION_ID).s());
                ActiveSession session = item == null ? null : activeSession(item);
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
                return new ActiveScan(sessions, position(view, start));
            }
        }
        return new ActiveScan(sessions, position(view, start));
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

    /** The index's key of a position: the table's key (the site's) and the index's. */
    private static Map<String, AttributeValue> key(SiteView view, String run, Position position) {
        return Map.of(
                SESSION_ID, AttributeValue.fromS(view.sessionKey(position.sessionId())),
                REPLAY_RUN, AttributeValue.fromS(run),
                LAST_ACTIVITY, AttributeValue.fromN(Long.toString(position.sortKey())));
    }

    private static Position position(SiteView view, Map<String, AttributeValue> key) {
        return new Position(view.clientId(key.get(SESSION_ID).s()), Attributes.longValue(key, LAST_ACTIVITY));
    }

    private <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("query " + table + "/" + Tables.REPLAY_INDEX, e);
        }
    }
}
