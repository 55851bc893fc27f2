package io.liveinsight.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.event.TableNames;
import io.liveinsight.processor.domain.SessionRules;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The attack that froze a shard in store format 1, through the edge as an anonymous client would send it: session
 * {@code <id>} gets two events two hours apart (a second segment), then a client uses {@code <id>~1}; and the
 * reverse order. Every session must land, apart, and an innocent session sent right after must not wait.
 */
final class HostileIdsScenario {

    static final Duration INNOCENT_WITHIN = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long HOUR = 3_600_000L;

    private HostileIdsScenario() {}

    /** Returns how long the innocent session took from its request to its Sessions item. */
    static Duration run(URI edge, DynamoDbClient dynamoDb, TableNames tables, String prefix) throws Exception {
        long now = System.currentTimeMillis();
        String evil = prefix + "evil";
        String victim = prefix + "victim";
        post(edge, evil, "a", now - 3 * HOUR, "/a");
        post(edge, evil, "b", now - HOUR, "/b");
        post(edge, evil + "~1", "c", now - 30 * 60_000L, "/c");
        post(edge, victim + "~1", "d", now - 3 * HOUR, "/d");
        post(edge, victim, "e", now - 3 * HOUR, "/e");
        post(edge, victim, "f", now - HOUR, "/f");

        long sent = System.nanoTime();
        post(edge, prefix + "innocent", "g", now, "/g");
        awaitItem(dynamoDb, tables.sessions(), prefix + "innocent", Duration.ofSeconds(60));
        Duration innocent = Duration.ofNanos(System.nanoTime() - sent);

        Duration rest = Duration.ofSeconds(30);
        assertThat(awaitItem(dynamoDb, tables.sessions(), evil, rest)
                        .get("entry_page")
                        .s())
                .isEqualTo("/a");
        Map<String, AttributeValue> evilLater =
                awaitItem(dynamoDb, tables.sessions(), SessionRules.segmentId(evil, 1), rest);
        assertThat(evilLater.get("entry_page").s()).isEqualTo("/b");
        assertThat(SessionRules.clientSessionId(evilLater.get("session_id").s()))
                .isEqualTo(evil);
        Map<String, AttributeValue> clientTilde = awaitItem(dynamoDb, tables.sessions(), evil + "~1", rest);
        assertThat(clientTilde.get("entry_page").s()).isEqualTo("/c");
        assertThat(clientTilde.get("total_events").n()).isEqualTo("1");
        assertThat(awaitItem(dynamoDb, tables.sessions(), victim + "~1", rest)
                        .get("entry_page")
                        .s())
                .isEqualTo("/d");
        assertThat(awaitItem(dynamoDb, tables.sessions(), victim, rest)
                        .get("entry_page")
                        .s())
                .isEqualTo("/e");
        assertThat(awaitItem(dynamoDb, tables.sessions(), SessionRules.segmentId(victim, 1), rest)
                        .get("entry_page")
                        .s())
                .isEqualTo("/f");
        return innocent;
    }

    private static void post(URI edge, String sessionId, String eventId, long time, String page) throws Exception {
        String body = JSON.writeValueAsString(Map.of(
                "event_id",
                sessionId.hashCode() + "-" + eventId,
                "user_id",
                "attacker",
                "session_id",
                sessionId,
                "event_type",
                "page_view",
                "page_url",
                page,
                "timestamp",
                time));
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(edge.resolve("/events"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static Map<String, AttributeValue> awaitItem(
            DynamoDbClient dynamoDb, String table, String id, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table)
                            .key(Map.of("session_id", AttributeValue.fromS(id)))
                            .consistentRead(true))
                    .item();
            if (item != null && !item.isEmpty()) {
                return item;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(id + " not in " + table + " within " + within);
            }
            Thread.sleep(50);
        }
    }
}
