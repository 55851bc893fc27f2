package io.liveinsight.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.ItemAttributes;
import io.liveinsight.event.replay.ReplayIds;
import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.event.replay.ReplayLane;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.StatsKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The replay lane through the whole local stack (docs/contract/replay.md#lane, #where-a-run-shows): live traffic
 * first, then the same body as a replay without the key (403, nothing stored), then with the key (stored under the
 * mapped ids with {@code replay_run}, rolled up under the run's site, the runs item written), and the live site's
 * Stats items exactly as they were.
 */
final class ReplayLaneScenario {

    static final Duration WITHIN = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ReplayLaneScenario() {}

    static void run(URI edge, DynamoDbClient dynamoDb, TableNames tables, String replayKey, String run)
            throws Exception {
        long now = System.currentTimeMillis();
        String session = "rp-\uD83D\uDE00~#|<script>";
        String body = JSON.writeValueAsString(List.of(
                event("rp-e1", session, "page_view", now - 2_000, "https://shop.example/replay"),
                event("rp-e2", session, "click", now - 1_000, "https://shop.example/replay")));
        String liveSession = "rp-live";
        String liveBody = JSON.writeValueAsString(
                List.of(event("rp-l1", liveSession, "page_view", now - 2_000, "https://shop.example/live")));

        // Live traffic, stored and rolled up: the live site's items as the replay must leave them.
        assertThat(post(edge, liveBody, Map.of()).statusCode()).isEqualTo(200);
        await(() -> item(dynamoDb, tables.sessions(), liveSession), "the live session");
        Map<String, Map<String, AttributeValue>> liveStats = siteItems(dynamoDb, tables, StatsKey.DEFAULT_SITE);
        assertThat(liveStats).as("the live site's hour item").isNotEmpty();

        // Without the key, and with another: 403, nothing published.
        HttpResponse<String> noKey = post(edge, body, Map.of("X-LiveInsight-Replay-Run", run));
        HttpResponse<String> wrongKey =
                post(edge, body, Map.of("X-LiveInsight-Replay-Run", run, "X-LiveInsight-Replay-Key", replayKey + "x"));
        assertThat(List.of(noKey, wrongKey)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("X-LiveInsight-Replay-Key").doesNotContain(replayKey);
        });

        // With the key: the mapped ids, answered and stored.
        HttpResponse<String> accepted =
                post(edge, body, Map.of("X-LiveInsight-Replay-Run", run, "X-LiveInsight-Replay-Key", replayKey));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        ReplayIds ids = new ReplayIds(ReplayKey.of(replayKey), run);
        String mappedSession = ids.sessionId(session);
        JsonNode answer = JSON.readTree(accepted.body());
        assertThat(answer.path("session_id").asText()).isEqualTo(mappedSession);
        assertThat(answer.path("event_ids").get(0).asText()).isEqualTo(ids.eventId("rp-e1"));

        Map<String, AttributeValue> replayed =
                await(() -> item(dynamoDb, tables.sessions(), mappedSession), "the replayed session");
        assertThat(replayed.get(ItemAttributes.REPLAY_RUN).s()).isEqualTo(run);
        assertThat(replayed.get(ItemAttributes.TOTAL_EVENTS).n()).isEqualTo("2");
        assertThat(replayed.get(ItemAttributes.USER_ID).s()).isEqualTo(ids.userId("u-" + session));
        // No ActiveSessions item: a run's active sessions are found through Sessions' sparse ReplayIndex.
        assertThat(dynamoDb.query(q -> q.tableName(tables.sessions())
                                .indexName("ReplayIndex")
                                .keyConditionExpression("replay_run = :r")
                                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(run))))
                        .items())
                .extracting(i -> i.get(ItemAttributes.SESSION_ID).s())
                .containsExactly(mappedSession);
        List<Map<String, AttributeValue>> events = dynamoDb.query(q -> q.tableName(tables.events())
                        .indexName("SessionIndex")
                        .keyConditionExpression("session_id = :s")
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(mappedSession))))
                .items();
        assertThat(events)
                .extracting(e -> e.get(ItemAttributes.EVENT_ID).s())
                .containsExactlyInAnyOrder(ids.eventId("rp-e1"), ids.eventId("rp-e2"));
        assertThat(events)
                .allSatisfy(
                        e -> assertThat(e.get(ItemAttributes.REPLAY_RUN).s()).isEqualTo(run));

        // The refused requests left nothing: no session or event under the ids as sent (the stream is in order).
        assertThat(item(dynamoDb, tables.sessions(), session)).isEmpty();
        assertThat(dynamoDb.query(q -> q.tableName(tables.events())
                                .indexName("SessionIndex")
                                .keyConditionExpression("session_id = :s")
                                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(session))))
                        .items())
                .isEmpty();

        // The run's figures under its site and in its runs item; the live site's items unchanged.
        String runSite = ReplayLane.statsSite(StatsKey.DEFAULT_SITE, run);
        Map<String, Map<String, AttributeValue>> runStats =
                await(() -> siteItems(dynamoDb, tables, runSite), "the run's Stats items");
        assertThat(runStats.keySet()).anySatisfy(key -> assertThat(key)
                .startsWith(StatsKey.of(runSite, Resolution.HOUR, now).value()));
        Map<String, AttributeValue> runsItem = await(
                () -> dynamoDb.getItem(r -> r.tableName(tables.stats())
                                .key(Map.of(
                                        ItemAttributes.STATS_KEY,
                                        AttributeValue.fromS(ReplayLane.runsKey(StatsKey.DEFAULT_SITE)),
                                        ItemAttributes.STATS_SHARD,
                                        AttributeValue.fromS(run)))
                                .consistentRead(true))
                        .item(),
                "the runs item");
        long firstAt = Long.parseLong(runsItem.get(ItemAttributes.FIRST_AT).n());
        assertThat(firstAt).isBetween(now, System.currentTimeMillis());
        assertThat(Long.parseLong(runsItem.get(ItemAttributes.LAST_AT).n())).isEqualTo(firstAt);
        assertThat(siteItems(dynamoDb, tables, StatsKey.DEFAULT_SITE)).isEqualTo(liveStats);
        assertThat(item(dynamoDb, tables.activeSessions(), mappedSession)).isEmpty(); // never written for a replay
    }

    private static Map<String, Object> event(String id, String session, String type, long time, String page) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event_id", id);
        event.put("session_id", session);
        event.put("user_id", "u-" + session);
        event.put("event_type", type);
        event.put("timestamp", time);
        event.put("page_url", page);
        return event;
    }

    private static HttpResponse<String> post(URI edge, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(edge.resolve("/events"))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, AttributeValue> item(DynamoDbClient dynamoDb, String table, String sessionId) {
        return dynamoDb.getItem(r -> r.tableName(table)
                        .key(Map.of(ItemAttributes.SESSION_ID, AttributeValue.fromS(sessionId)))
                        .consistentRead(true))
                .item();
    }

    /** The hour and day items of a site, by {@code pk} and shard (a test may scan). */
    private static Map<String, Map<String, AttributeValue>> siteItems(
            DynamoDbClient dynamoDb, TableNames tables, String site) {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        dynamoDb.scanPaginator(r -> r.tableName(tables.stats()).consistentRead(true))
                .items()
                .forEach(all::add);
        for (Map<String, AttributeValue> item : all) {
            String pk = item.get(ItemAttributes.STATS_KEY).s();
            if (pk.startsWith(site + "#h#") || pk.startsWith(site + "#d#")) {
                items.put(pk + " " + item.get(ItemAttributes.STATS_SHARD).s(), item);
            }
        }
        return items;
    }

    private static <T> T await(Supplier<T> read, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            T value = read.get();
            if (value instanceof Map<?, ?> map && !map.isEmpty()) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + " did not arrive within " + WITHIN);
    }
}
