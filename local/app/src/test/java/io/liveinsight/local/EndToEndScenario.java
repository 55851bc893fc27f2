package io.liveinsight.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.event.TableNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The acceptance path of the foundation issue, against whatever engines the stack runs on: POST one event to the
 * edge, then find it in Events, Sessions and ActiveSessions.
 */
final class EndToEndScenario {

    /** KCL takes 10-35 s to take its first lease on these machines; the write itself follows within a second. */
    static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(90);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private EndToEndScenario() {}

    static void postedEventReachesAllThreeTables(URI edge, DynamoDbClient dynamoDb, TableNames tables, String sessionId)
            throws Exception {
        long before = System.currentTimeMillis();
        String body = """
                {"user_id":"u1","session_id":"%s","event_type":"page_view","page_url":"https://example.com/"}""".formatted(sessionId);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(edge.resolve("/events"))
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode reply = JSON.readTree(response.body());
        assertThat(reply.path("message").asText()).isEqualTo("Event processed successfully");
        assertThat(reply.path("session_id").asText()).isEqualTo(sessionId);
        String eventId = reply.path("event_id").asText();
        assertThat(eventId).isNotBlank();

        Map<String, AttributeValue> session = await(() -> item(dynamoDb, tables.sessions(), "session_id", sessionId));
        assertThat(session.get("user_id").s()).isEqualTo("u1");
        assertThat(session.get("total_events").n()).isEqualTo("1");
        assertThat(session.get("page_views").n()).isEqualTo("1");
        assertThat(session.get("entry_page").s()).isEqualTo("https://example.com/");
        assertThat(session.get("is_bot").bool()).isFalse();
        long start = Long.parseLong(session.get("start_time").n());
        assertThat(start).isBetween(before - 1000, System.currentTimeMillis());

        Map<String, AttributeValue> active =
                await(() -> item(dynamoDb, tables.activeSessions(), "session_id", sessionId));
        long lastActivity = Long.parseLong(active.get("last_activity").n());
        assertThat(Long.parseLong(active.get("expires_at").n())).isEqualTo(lastActivity / 1000 + 30 * 60);
        assertThat(active.get("current_page").s()).isEqualTo("https://example.com/");

        var events = dynamoDb.query(q -> q.tableName(tables.events())
                        .indexName("SessionIndex")
                        .keyConditionExpression("session_id = :s")
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(sessionId))))
                .items();
        assertThat(events).hasSize(1);
        Map<String, AttributeValue> event = events.get(0);
        assertThat(event.get("event_id").s()).isEqualTo(eventId);
        assertThat(event.get("event_type").s()).isEqualTo("page_view");
        assertThat(event.get("timestamp").n()).isEqualTo(Long.toString(start));
        assertThat(event.get("ip").s()).endsWith(".0");
    }

    static JsonNode health(URI edge) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(edge.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("http_status", response.statusCode());
        return body;
    }

    private static Map<String, AttributeValue> item(DynamoDbClient dynamoDb, String table, String key, String value) {
        return dynamoDb.getItem(r -> r.tableName(table).key(Map.of(key, AttributeValue.fromS(value))))
                .item();
    }

    private static Map<String, AttributeValue> await(Supplier<Map<String, AttributeValue>> read)
            throws InterruptedException {
        long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, AttributeValue> item = read.get();
            if (item != null && !item.isEmpty()) {
                return item;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("item did not arrive within " + ARRIVAL_TIMEOUT);
    }
}
