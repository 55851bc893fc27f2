package io.liveinsight.dashboard.support;

import io.liveinsight.event.site.SiteId;
import io.liveinsight.event.site.SiteScope;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.RollupCodec;
import io.liveinsight.event.stats.StatsKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Table items shaped as the consumer writes them (internal attributes included), written straight with the SDK. */
public final class Fixtures {

    private Fixtures() {}

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** An ActiveSessions item whose last activity is {@code lastActivity}, with the consumer's expiry. */
    public static Map<String, AttributeValue> active(
            String sessionId, String userId, long lastActivity, String page, boolean bot, Map<Long, Long> minutes) {
        return active(
                sessionId, userId, lastActivity - 60_000, lastActivity, lastActivity / 1000 + 1800, page, bot, minutes);
    }

    public static Map<String, AttributeValue> active(
            String sessionId,
            String userId,
            long startTime,
            long lastActivity,
            long expiresAt,
            String page,
            boolean bot,
            Map<Long, Long> minutes) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("session_id", s(sessionId));
        item.put("user_id", s(userId));
        item.put("start_time", n(startTime));
        item.put("last_activity", n(lastActivity));
        if (page != null) {
            item.put("current_page", s(page));
        }
        long total = minutes.values().stream().mapToLong(Long::longValue).sum();
        item.put("total_events", n(total));
        item.put("page_views", n(Math.max(1, total / 2)));
        item.put("referrer", s("https://search.example/"));
        item.put("is_bot", AttributeValue.fromBool(bot));
        item.put("expires_at", n(expiresAt));
        Map<String, AttributeValue> perMinute = new LinkedHashMap<>();
        minutes.forEach((minute, count) -> perMinute.put(Long.toString(minute), n(count)));
        item.put("minutes", AttributeValue.fromM(perMinute));
        item.put(
                "root_session_id",
                s(sessionId.contains("~") ? sessionId.substring(0, sessionId.indexOf('~')) : sessionId));
        item.put("applied_events", n(total));
        // every item the consumer writes names its site (docs/contract/sites.md#isolation): the default site's too
        item.put("site", s(SiteId.DEFAULT));
        return item;
    }

    /**
     * An item of the default site as the consumer writes the same item of {@code site}
     * (docs/contract/sites.md#isolation): its event, session and user ids under the site's keys ({@link SiteScope}),
     * and {@code site} set.
     */
    public static Map<String, AttributeValue> inSite(String site, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> scoped = new LinkedHashMap<>(item);
        scoped.computeIfPresent("event_id", (name, id) -> s(SiteScope.eventKey(site, id.s())));
        scoped.computeIfPresent("session_id", (name, id) -> s(SiteScope.sessionKey(site, id.s())));
        scoped.computeIfPresent("root_session_id", (name, id) -> s(SiteScope.sessionKey(site, id.s())));
        scoped.computeIfPresent("user_id", (name, id) -> s(SiteScope.userKey(site, id.s())));
        scoped.put("site", s(site));
        return scoped;
    }

    /** {@link #inSite} of each item. */
    public static List<Map<String, AttributeValue>> inSite(String site, List<Map<String, AttributeValue>> items) {
        return items.stream().map(item -> inSite(site, item)).toList();
    }

    /** A Sessions root item (the client's id), with the internal attributes the API must never return. */
    public static Map<String, AttributeValue> session(
            String sessionId, String userId, long startTime, long lastActivity, int events) {
        return segment(sessionId, null, userId, startTime, lastActivity, events);
    }

    /** A later segment's Sessions item ({@code <root>~k}), or the root item when {@code root} is null. */
    public static Map<String, AttributeValue> segment(
            String sessionId, String root, String userId, long startTime, long lastActivity, int events) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("session_id", s(sessionId));
        item.put("user_id", s(userId));
        item.put("start_time", n(startTime));
        item.put("last_activity", n(lastActivity));
        item.put("total_events", n(events));
        item.put("page_views", n(events));
        item.put("session_duration", n(lastActivity - startTime));
        item.put("entry_page", s("https://shop.example/"));
        item.put("exit_page", s("https://shop.example/cart"));
        item.put("current_page", s("https://shop.example/cart"));
        item.put("referrer", s("https://search.example/"));
        item.put("user_agent", s("Mozilla/5.0 Firefox/140.0"));
        item.put("is_bot", AttributeValue.fromBool(false));
        item.put("event_types", AttributeValue.fromM(Map.of("page_view", n(events))));
        item.put("minutes", AttributeValue.fromM(Map.of(Long.toString(lastActivity / 60_000), n(events))));
        item.put("stamps", AttributeValue.fromM(Map.of("entry", s("x"))));
        item.put("fingerprints", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[4096])));
        item.put("segments", AttributeValue.fromL(List.of()));
        item.put("applied_events", n(events));
        if (root != null) {
            item.put("root_session_id", s(root));
        }
        return item;
    }

    /**
     * A replayed session's Sessions item (docs/contract/replay.md#where-a-run-shows): as {@link #session}, with its
     * {@code replay_run}, the key of Sessions' replay index.
     */
    public static Map<String, AttributeValue> replayed(
            String sessionId, String run, String userId, long startTime, long lastActivity, int events, boolean bot) {
        Map<String, AttributeValue> item =
                new LinkedHashMap<>(session(sessionId, userId, startTime, lastActivity, events));
        item.put("replay_run", s(run));
        item.put("is_bot", AttributeValue.fromBool(bot));
        item.put("exit_page", s("https://shop.example/" + run + "/" + sessionId.length()));
        item.remove("current_page");
        return item;
    }

    /** The Stats item listing a replay run: {@code pk = <site>#runs}, {@code sk = <run>}, its first and last times. */
    public static Map<String, AttributeValue> run(String run, long firstAt, long lastAt) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", s(StatsKey.DEFAULT_SITE + "#runs"));
        item.put("sk", s(run));
        item.put("first_at", n(firstAt));
        item.put("last_at", n(lastAt));
        item.put("expires_at", n(lastAt / 1000 + 400L * 86_400));
        return item;
    }

    public static Map<String, AttributeValue> event(
            String eventId, String sessionId, String userId, long timestamp, String pageUrl) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("event_id", s(eventId));
        item.put("timestamp", n(timestamp));
        item.put("session_id", s(sessionId));
        item.put("user_id", s(userId));
        item.put("event_type", s("page_view"));
        item.put("page_url", s(pageUrl));
        item.put("properties", AttributeValue.fromM(Map.of("plan", s("pro"), "items", n(3))));
        item.put("received_at", n(timestamp + 5));
        item.put("ip", s("203.0.113.0"));
        item.put("is_bot", AttributeValue.fromBool(false));
        return item;
    }

    /**
     * A Stats item as the processor writes it: one shard's rollup of one bucket, with the writer's revision and mark,
     * and the TTL its resolution keeps it for.
     */
    public static Map<String, AttributeValue> stats(StatsKey key, String shard, Rollup rollup) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", s(key.value()));
        item.put("sk", s(shard));
        item.put("rv", n(7));
        item.put("mk", s("49590338271490256608559692538361571095921575989136588898"));
        item.put("ru", AttributeValue.fromB(SdkBytes.fromByteArray(RollupCodec.encode(rollup.cut()))));
        key.expiresAt().ifPresent(expiresAt -> item.put("expires_at", n(expiresAt)));
        return item;
    }

    /** BatchWriteItem in calls of 25, resending unprocessed items. */
    public static void putAll(DynamoDbClient dynamoDb, String table, List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> batch = new ArrayList<>();
            for (Map<String, AttributeValue> item : items.subList(from, Math.min(items.size(), from + 25))) {
                batch.add(WriteRequest.builder()
                        .putRequest(PutRequest.builder().item(item).build())
                        .build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(r -> r.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }
}
