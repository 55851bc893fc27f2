package io.liveinsight.dashboard.adapter.dynamodb;

import static io.liveinsight.dashboard.adapter.dynamodb.Attributes.longValue;
import static io.liveinsight.dashboard.adapter.dynamodb.Attributes.string;
import static io.liveinsight.event.contract.ItemAttributes.CURRENT_PAGE;
import static io.liveinsight.event.contract.ItemAttributes.EXPIRES_AT;
import static io.liveinsight.event.contract.ItemAttributes.IS_BOT;
import static io.liveinsight.event.contract.ItemAttributes.LAST_ACTIVITY;
import static io.liveinsight.event.contract.ItemAttributes.MINUTES;
import static io.liveinsight.event.contract.ItemAttributes.PAGE_VIEWS;
import static io.liveinsight.event.contract.ItemAttributes.REFERRER;
import static io.liveinsight.event.contract.ItemAttributes.REPLAY_RUN;
import static io.liveinsight.event.contract.ItemAttributes.SESSION_ID;
import static io.liveinsight.event.contract.ItemAttributes.START_TIME;
import static io.liveinsight.event.contract.ItemAttributes.TIMESTAMP;
import static io.liveinsight.event.contract.ItemAttributes.TOTAL_EVENTS;
import static io.liveinsight.event.contract.ItemAttributes.USER_ID;

import io.liveinsight.dashboard.domain.ActiveScan;
import io.liveinsight.dashboard.domain.ActiveScan.Position;
import io.liveinsight.dashboard.domain.ActiveSession;
import io.liveinsight.dashboard.domain.Lane;
import io.liveinsight.dashboard.port.DashboardStore;
import io.liveinsight.dashboard.port.ReadMetrics;
import io.liveinsight.dashboard.port.StoreUnavailableException;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.Tables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The dashboard's reads, as one site sees the tables ({@link SiteView}, docs/contract/sites.md#isolation): the client's
 * ids in and out, another site's items never. A site's live active sessions a page at a time from ActiveSessions' site
 * index ({@link SitePages}), or by a full parallel Scan filtered to the site (the original routes' whole list; the only
 * table ever scanned), both leaving replayed sessions out; a replay run's active sessions a page at a time from
 * Sessions' replay index ({@link ReplayPages}); GetItem and BatchGetItem on Sessions (read into session views:
 * {@link SessionViews}), and Queries on the GSIs, each filtered on the site as a second guard. Eventually consistent
 * reads throughout (half the read units; the page refreshes every few seconds anyway). Every call reports the read
 * units DynamoDB says it consumed.
 */
public final class DynamoDbDashboardStore implements DashboardStore {

    private final DynamoDbClient dynamoDb;
    private final TableNames tables;
    private final int scanSegments;
    private final ReadMetrics metrics;
    private final SiteView view;
    private final SitePages sitePages;
    private final ReplayPages replayPages;

    /** The default site's view of the tables; {@link #forSite} gives another site's. */
    public DynamoDbDashboardStore(DynamoDbClient dynamoDb, TableNames tables, int scanSegments, ReadMetrics metrics) {
        this(dynamoDb, tables, scanSegments, metrics, SiteView.DEFAULT);
    }

    private DynamoDbDashboardStore(
            DynamoDbClient dynamoDb, TableNames tables, int scanSegments, ReadMetrics metrics, SiteView view) {
        if (scanSegments < 1) {
            throw new IllegalArgumentException("scanSegments must be at least 1");
        }
        this.dynamoDb = dynamoDb;
        this.tables = tables;
        this.scanSegments = scanSegments;
        this.metrics = metrics;
        this.view = view;
        this.sitePages = new SitePages(dynamoDb, tables.activeSessions(), metrics);
        this.replayPages = new ReplayPages(dynamoDb, tables.sessions(), metrics, this::sessionsById);
    }

    @Override
    public DashboardStore forSite(String site) {
        return site.equals(view.site())
                ? this
                : new DynamoDbDashboardStore(dynamoDb, tables, scanSegments, metrics, new SiteView(site));
    }

    @Override
    public String site() {
        return view.site();
    }

    @Override
    public List<ActiveSession> activeSessions(long nowMillis) {
        String nowSeconds = Long.toString(Math.floorDiv(nowMillis, 1000L));
        if (scanSegments == 1) {
            return call("scan " + tables.activeSessions(), () -> scanSegment(0, nowSeconds));
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<ActiveSession>>> parts = new ArrayList<>(scanSegments);
            for (int segment = 0; segment < scanSegments; segment++) {
                int s = segment;
                parts.add(executor.submit(() -> scanSegment(s, nowSeconds)));
            }
            List<ActiveSession> all = new ArrayList<>();
            for (Future<List<ActiveSession>> part : parts) {
                all.addAll(part.get());
            }
            return all;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while scanning " + tables.activeSessions(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SdkException sdk) {
                throw DynamoDbErrors.unavailable("scan " + tables.activeSessions(), sdk);
            }
            throw new StoreUnavailableException("scan " + tables.activeSessions() + " failed", e.getCause());
        }
    }

    @Override
    public ActiveScan activePage(Lane lane, long nowMillis, Position after, int limit, boolean bots) {
        return lane.live()
                ? sitePages.read(view, nowMillis, after, limit, bots)
                : replayPages.read(view, lane.run(), nowMillis, after, limit, bots);
    }

    /** One segment, page after page until DynamoDB has no LastEvaluatedKey: never truncated at 1 MB. */
    private List<ActiveSession> scanSegment(int segment, String nowSeconds) {
        List<ActiveSession> sessions = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            ScanResponse response = dynamoDb.scan(r -> r.tableName(tables.activeSessions())
                    .segment(scanSegments == 1 ? null : segment)
                    .totalSegments(scanSegments == 1 ? null : scanSegments)
                    .projectionExpression(Projection.ACTIVE.expression())
                    .filterExpression("#x > :now AND attribute_not_exists(#r) AND " + view.filter())
                    .expressionAttributeNames(
                            view.filterNames(Projection.ACTIVE.namesWith(Map.of("#x", EXPIRES_AT, "#r", REPLAY_RUN))))
                    .expressionAttributeValues(view.filterValues(Map.of(":now", AttributeValue.fromN(nowSeconds))))
                    .exclusiveStartKey(exclusiveStart)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            report(response.consumedCapacity());
            response.items().forEach(item -> sessions.add(activeSession(view, item)));
            start = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey()
                    : null;
        } while (start != null);
        return sessions;
    }

    /** An ActiveSessions item of the site as an active session, its ids the client's. */
    static ActiveSession activeSession(SiteView view, Map<String, AttributeValue> item) {
        Map<Long, Long> minutes = new HashMap<>();
        AttributeValue perMinute = item.get(MINUTES);
        if (perMinute != null && perMinute.hasM()) {
            perMinute.m().forEach((minute, count) -> {
                try {
                    minutes.put(Long.parseLong(minute), Long.parseLong(count.n()));
                } catch (NumberFormatException | NullPointerException e) {
                    // a malformed entry counts nothing; the rest of the session still shows
                }
            });
        }
        AttributeValue bot = item.get(IS_BOT);
        return new ActiveSession(
                view.clientId(string(item, SESSION_ID)),
                view.clientId(string(item, USER_ID)),
                longValue(item, START_TIME),
                longValue(item, LAST_ACTIVITY),
                string(item, CURRENT_PAGE),
                longValue(item, TOTAL_EVENTS),
                longValue(item, PAGE_VIEWS),
                string(item, REFERRER),
                bot != null && Boolean.TRUE.equals(bot.bool()),
                longValue(item, EXPIRES_AT),
                minutes);
    }

    @Override
    public Optional<Map<String, Object>> session(String sessionId) {
        var response = call(
                "get " + tables.sessions(),
                () -> dynamoDb.getItem(r -> r.tableName(tables.sessions())
                        .key(Map.of(SESSION_ID, AttributeValue.fromS(view.sessionKey(sessionId))))
                        .projectionExpression(Projection.SESSION.expression())
                        .expressionAttributeNames(Projection.SESSION.names())
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
        report(response.consumedCapacity());
        return response.hasItem() && !response.item().isEmpty() && view.owns(response.item())
                ? Optional.of(SessionViews.of(view.toClient(Attributes.toJson(response.item()))))
                : Optional.empty();
    }

    @Override
    public Page sessionEvents(
            String clientSessionId, long from, long to, Map<String, Object> start, int limit, boolean ascending) {
        return query(
                QueryRequest.builder()
                        .tableName(tables.events())
                        .indexName(Tables.SESSION_INDEX)
                        .keyConditionExpression("#k = :k AND #t BETWEEN :from AND :to")
                        .filterExpression(view.filter())
                        .projectionExpression(Projection.EVENT.expression())
                        .expressionAttributeNames(
                                view.filterNames(Projection.EVENT.namesWith(Map.of("#k", SESSION_ID, "#t", TIMESTAMP))))
                        .expressionAttributeValues(view.filterValues(Map.of(
                                ":k", AttributeValue.fromS(view.sessionKey(clientSessionId)),
                                ":from", AttributeValue.fromN(Long.toString(from)),
                                ":to", AttributeValue.fromN(Long.toString(to)))))
                        .scanIndexForward(ascending),
                start,
                limit);
    }

    /**
     * The Sessions UserIndex projects keys only (a session is rewritten on every batch; an index holding only what
     * never changes costs no write then), so the page of keys is followed by a BatchGetItem of the items.
     */
    @Override
    public Page userSessions(String userId, Map<String, Object> start, int limit) {
        Page keys = query(
                QueryRequest.builder()
                        .tableName(tables.sessions())
                        .indexName(Tables.USER_INDEX)
                        .keyConditionExpression("#k = :k")
                        .expressionAttributeNames(Map.of("#k", USER_ID))
                        .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(view.userKey(userId))))
                        .scanIndexForward(false),
                start,
                limit);
        // the page's keys came back as the client's ids: the items are read by the site's
        List<String> ids = keys.items().stream()
                .map(item -> view.sessionKey(String.valueOf(item.get(SESSION_ID))))
                .toList();
        Map<String, Map<String, Object>> byId = sessionsById(view, ids);
        List<Map<String, Object>> items =
                ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        return new Page(items, keys.next());
    }

    /**
     * The site's Sessions items of these stored keys as session views (the client's ids), by stored key: keys not
     * stored, and another site's items, are missing.
     */
    Map<String, Map<String, Object>> sessionsById(SiteView site, List<String> keys) {
        Map<String, Map<String, Object>> found = new HashMap<>();
        BatchGet.byKey(dynamoDb, tables.sessions(), SESSION_ID, Projection.SESSION, keys, metrics)
                .forEach((key, item) -> {
                    if (site.owns(item)) {
                        found.put(key, SessionViews.of(site.toClient(Attributes.toJson(item))));
                    }
                });
        return found;
    }

    @Override
    public Page userEvents(String userId, Map<String, Object> start, int limit, boolean ascending) {
        return query(
                QueryRequest.builder()
                        .tableName(tables.events())
                        .indexName(Tables.USER_INDEX)
                        .keyConditionExpression("#k = :k")
                        .filterExpression(view.filter())
                        .projectionExpression(Projection.EVENT.expression())
                        .expressionAttributeNames(view.filterNames(Projection.EVENT.namesWith(Map.of("#k", USER_ID))))
                        .expressionAttributeValues(
                                view.filterValues(Map.of(":k", AttributeValue.fromS(view.userKey(userId)))))
                        .scanIndexForward(ascending),
                start,
                limit);
    }

    /**
     * Up to {@code limit} items, their ids the client's. DynamoDB may stop a page early (1 MB, or items it read left
     * out by the site's guard); it is read on until the limit is reached, in at most {@link SitePages#MAX_REQUESTS}
     * requests (so a partition of another site's items, which the guard leaves out, costs a bounded read and answers a
     * short page, never a read to its end), and the cursor then points at the last item read, so no item is skipped or
     * repeated. Page keys go out in the client's ids and come back in the site's keys.
     */
    private Page query(QueryRequest.Builder request, Map<String, Object> start, int limit) {
        List<Map<String, Object>> items = new ArrayList<>();
        Map<String, AttributeValue> next = Attributes.key(view.toStored(start));
        int requests = 0;
        do {
            QueryRequest page = request.exclusiveStartKey(next)
                    .limit(limit - items.size())
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                    .build();
            QueryResponse response =
                    call("query " + page.tableName() + "/" + page.indexName(), () -> dynamoDb.query(page));
            report(response.consumedCapacity());
            response.items().forEach(item -> items.add(view.toClient(Attributes.toJson(item))));
            next = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey()
                    : null;
        } while (next != null && items.size() < limit && ++requests < SitePages.MAX_REQUESTS);
        return new Page(items, view.toClient(Attributes.pageKey(next)));
    }

    @Override
    public Map<String, Boolean> health() {
        Map<String, Boolean> health = new LinkedHashMap<>();
        health.put("events", describes(tables.events()));
        health.put("sessions", describes(tables.sessions()));
        health.put("active_sessions", describes(tables.activeSessions()));
        health.put("stats", describes(tables.stats()));
        return health;
    }

    private boolean describes(String table) {
        try {
            return dynamoDb.describeTable(r -> r.tableName(table)).table() != null;
        } catch (SdkException e) {
            return false;
        }
    }

    private void report(ConsumedCapacity capacity) {
        ReadUnits.report(metrics, capacity);
    }

    private static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable(what, e);
        }
    }
}
