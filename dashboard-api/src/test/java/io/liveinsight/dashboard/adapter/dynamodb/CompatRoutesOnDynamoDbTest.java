package io.liveinsight.dashboard.adapter.dynamodb;

import static io.liveinsight.dashboard.support.Fixtures.active;
import static io.liveinsight.dashboard.support.Fixtures.event;
import static io.liveinsight.dashboard.support.Fixtures.putAll;
import static io.liveinsight.dashboard.support.Fixtures.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.http.DashboardApplication;
import io.liveinsight.dashboard.support.InMemoryStatsReader;
import io.liveinsight.event.TableNames;
import io.liveinsight.lambda.http.HttpRequest;
import io.liveinsight.lambda.http.HttpResponse;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The original session routes ({@code /api/sessions/active/}, {@code /api/sessions/<id>/events/}, {@code /health/})
 * against DynamoDB Local, with items written as the consumer writes them (docs/contract/api.md#original-routes).
 */
@WithLocalAws
class CompatRoutesOnDynamoDbTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ahead of the real clock, so items "expired but not yet deleted" are not deleted by DynamoDB Local's TTL. */
    private static final long NOW = (System.currentTimeMillis() + 3 * 3600_000L) / 60_000 * 60_000 + 30_000;

    private static final String HOSTILE_ID = "../<script>alert(1)</script>/😀|#";

    private LocalAws aws;
    private TableNames tables;

    @BeforeEach
    void tables(LocalAws aws) {
        this.aws = aws;
        this.tables = aws.createTables("Compat");
    }

    private JsonNode get(String path, int status) throws Exception {
        DashboardApplication app = new DashboardApplication(
                new DashboardConfig(tables, "us-east-1", null, null, List.of(), 4, Duration.ZERO),
                new DynamoDbDashboardStore(aws.dynamoDb(), tables, 4, (t, u) -> {}),
                new InMemoryStatsReader(),
                Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        HttpResponse response = app.handle(new HttpRequest("GET", path, Map.of(), Map.of(), null, false, null));
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    @Test
    void activeSessions_whenStored_listsActiveHumansInTheOriginalShape() throws Exception {
        putAll(
                aws.dynamoDb(),
                tables.activeSessions(),
                List.of(
                        active(HOSTILE_ID, "u1", NOW - 120_000, NOW - 1000, NOW / 1000 + 1799, "/<b>", false, Map.of()),
                        active("second", "u2", NOW - 5000, "/a", false, Map.of()),
                        active("crawler", "bot", NOW - 500, "/a", true, Map.of()),
                        active(
                                "stale",
                                "u3",
                                NOW - 9000_000,
                                NOW - 9000_000,
                                NOW / 1000 - 7200,
                                "/c",
                                false,
                                Map.of())));

        JsonNode list = get("/api/sessions/active/", 200);

        assertThat(list).hasSize(2);
        assertThat(list.get(0).path("session_id").asText()).isEqualTo(HOSTILE_ID);
        assertThat(list.get(0).path("current_page").asText()).isEqualTo("/<b>");
        assertThat(list.get(0).path("duration").asLong()).isEqualTo(119_000);
        assertThat(list.get(0).path("last_activity").isIntegralNumber()).isTrue();
        assertThat(list.get(1).path("session_id").asText()).isEqualTo("second");
    }

    @Test
    void sessionEvents_whenMoreThanOnePage_listsAllOfThatSessionsEventsInTimeOrder() throws Exception {
        long start = NOW - 3_600_000;
        aws.dynamoDb().putItem(r -> r.tableName(tables.sessions())
                .item(session(HOSTILE_ID, "u", start, start + 229_000, 230)));
        List<Map<String, AttributeValue>> events = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            events.add(event("e" + i, HOSTILE_ID, "u", start + i * 1000L, "https://shop.example/<script>"));
        }
        events.add(event("later", HOSTILE_ID, "u", start + 3_000_000, "/later")); // a later segment's
        events.add(event("other", "someone-else", "u", start + 5000, "/x"));
        putAll(aws.dynamoDb(), tables.events(), events);

        JsonNode list = get("/api/sessions/" + HOSTILE_ID + "/events/", 200);

        assertThat(list).hasSize(230);
        List<Long> times = new ArrayList<>();
        list.forEach(event -> times.add(event.path("timestamp").asLong()));
        assertThat(times).isSorted().doesNotHaveDuplicates();
        assertThat(list.get(0).path("event_id").asText()).isEqualTo("e0");
        assertThat(list.get(0).has("ip")).isFalse();
        assertThat(list.get(0).path("page_url").asText()).isEqualTo("https://shop.example/<script>");
    }

    @Test
    void everyRoute_whenTablesEmpty_answersEmptyOrHealthy() throws Exception {
        assertThat(get("/api/sessions/active/", 200)).isEmpty();
        assertThat(get("/api/sessions/nobody/events/", 200)).isEmpty();
        JsonNode health = get("/health/", 200);
        assertThat(health.path("status").asText()).isEqualTo("healthy");
        assertThat(health.path("dependencies").path("sessions").asText()).isEqualTo("up");
    }
}
