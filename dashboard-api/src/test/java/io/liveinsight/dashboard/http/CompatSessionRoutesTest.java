package io.liveinsight.dashboard.http;

import static io.liveinsight.dashboard.http.CompatFixture.NOW;
import static io.liveinsight.dashboard.http.CompatFixture.names;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveinsight.dashboard.domain.ActiveSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /api/sessions/active/}, {@code /api/sessions/<id>/events/} and {@code /health/} over the in-memory store. */
class CompatSessionRoutesTest {

    private static final String HOSTILE_ID = "../<script>alert(1)</script>/😀~#|";

    private final CompatFixture fixture = new CompatFixture();

    private static ActiveSession active(String id, long lastActivity, String page, boolean bot) {
        return new ActiveSession(
                id,
                "user-" + id,
                lastActivity - 90_000,
                lastActivity,
                page,
                3,
                2,
                null,
                bot,
                lastActivity / 1000 + 1800,
                Map.of());
    }

    @Test
    void activeSessions_whenSessions_listsTheOriginalFieldsNewestActivityFirstWithoutBots() {
        fixture.store.active.add(active("old", NOW - 60_000, "https://shop.example/a", false));
        fixture.store.active.add(
                active(HOSTILE_ID, NOW - 1_000, "https://shop.example/<img src=x onerror=alert(1)>", false));
        fixture.store.active.add(active("no-page", NOW - 30_000, null, false));
        fixture.store.active.add(active("bot", NOW, "/", true));
        fixture.store.active.add(active("expired", NOW - 31 * 60_000, "/", false));

        JsonNode list = fixture.get("/api/sessions/active/");

        assertThat(list.isArray()).isTrue();
        assertThat(list).hasSize(3);
        assertThat(list.get(0).path("session_id").asText()).isEqualTo(HOSTILE_ID);
        assertThat(list.get(0).path("current_page").asText())
                .isEqualTo("https://shop.example/<img src=x onerror=alert(1)>");
        assertThat(list.get(1).path("session_id").asText()).isEqualTo("no-page");
        assertThat(list.get(1).path("current_page").asText()).isEmpty();
        assertThat(list.get(2).path("session_id").asText()).isEqualTo("old");
        for (JsonNode row : list) {
            assertThat(names(row))
                    .containsExactly("session_id", "user_id", "last_activity", "current_page", "duration");
            assertThat(row.path("last_activity").isIntegralNumber()).isTrue();
            assertThat(row.path("duration").isIntegralNumber()).isTrue();
            assertThat(row.path("duration").asLong()).isEqualTo(90_000);
        }
    }

    @Test
    void activeSessions_whenAskedForBotsOrFewer_answersThat() {
        for (int i = 0; i < 5; i++) {
            fixture.store.active.add(active("s" + i, NOW - i * 1000L, "/", i == 0));
        }

        assertThat(fixture.get("/api/sessions/active/", Map.of("include_bots", "true")))
                .hasSize(5);
        assertThat(fixture.get("/api/sessions/active/", Map.of("limit", "2")))
                .extracting(row -> row.path("session_id").asText())
                .containsExactly("s1", "s2");
        assertThat(fixture.get("/api/sessions/active/", Map.of())).hasSize(4);
    }

    @Test
    void activeSessions_whenEmptyOrBadParameters_answersEmptyListOr400WithEveryReason() {
        assertThat(fixture.get("/api/sessions/active/").isArray()).isTrue();
        assertThat(fixture.get("/api/sessions/active/")).isEmpty();

        List<String> reasons =
                fixture.reasons("/api/sessions/active/", Map.of("limit", "501", "include_bots", "yes", "cursor", "x"));

        assertThat(reasons).hasSize(3);
        assertThat(reasons).anyMatch(r -> r.startsWith("unknown parameter 'cursor'"));
        assertThat(reasons).anyMatch(r -> r.startsWith("limit must be a whole number from 1 to 500"));
        assertThat(reasons).anyMatch(r -> r.startsWith("include_bots must be true or false"));
    }

    @Test
    void activeSessions_whenEveryRowIsAsLargeAsTheContractAllows_staysWithinTheBudget() {
        String page = "https://" + "😀".repeat(2040);
        for (int i = 0; i < CompatApi.MAX_ACTIVE; i++) {
            String id = String.format("%03d", i) + "😀".repeat(125);
            fixture.store.active.add(new ActiveSession(
                    id,
                    "😀".repeat(128),
                    NOW - 3_600_000,
                    NOW - i,
                    page,
                    9,
                    9,
                    null,
                    false,
                    NOW / 1000 + 1800,
                    Map.of()));
        }

        var response = fixture.handle("/api/sessions/active/", Map.of(), Map.of());

        long bytes = response.body().getBytes(StandardCharsets.UTF_8).length;
        int rows = CompatFixture.parse(response.body()).size();
        System.out.printf(
                "active list of worst-case rows: %d of %d rows, %d bytes%n", rows, CompatApi.MAX_ACTIVE, bytes);
        assertThat(bytes).isLessThanOrEqualTo(JsonBudget.MAX_BYTES);
        assertThat(rows).isGreaterThan(100).isLessThanOrEqualTo(CompatApi.MAX_ACTIVE);
    }

    private void storeSession(String id, long start, long last) {
        fixture.store.sessions.put(id, Map.of("session_id", id, "start_time", start, "last_activity", last));
    }

    private void storeEvents(String clientId, int count, long from, int padding) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("event_id", String.format("e%05d", i));
            event.put("session_id", clientId);
            event.put("timestamp", from + (count - i) * 1000L); // stored in reverse order
            event.put("event_type", "page_view");
            event.put("page_url", "https://shop.example/<script>" + "x".repeat(padding));
            events.add(event);
        }
        fixture.store.events.computeIfAbsent(clientId, k -> new ArrayList<>()).addAll(events);
    }

    @Test
    void sessionEvents_whenMorePagesThanOne_listsThemAllInTimeOrder() {
        long start = NOW - 3_600_000;
        storeSession(HOSTILE_ID, start, start + 250_000);
        storeEvents(HOSTILE_ID, 250, start, 0);
        storeEvents(HOSTILE_ID, 1, start + 300_000, 0); // after the session's last activity: another segment's

        JsonNode events = fixture.get("/api/sessions/" + HOSTILE_ID + "/events/");

        assertThat(events.isArray()).isTrue();
        assertThat(events).hasSize(250);
        List<Long> times = new ArrayList<>();
        events.forEach(event -> times.add(event.path("timestamp").asLong()));
        assertThat(times).isSorted().doesNotHaveDuplicates();
        assertThat(events.get(0).path("timestamp").isIntegralNumber()).isTrue();
        assertThat(fixture.store.eventPages).hasValue(3);
    }

    @Test
    void sessionEvents_whenTheSessionIsHuge_stopsAtTheCap() {
        storeSession("huge", NOW - 86_400_000, NOW);
        storeEvents("huge", SessionEventList.MAX_EVENTS + 150, NOW - 86_000_000, 0);
        storeSession("heavy", NOW - 86_400_000, NOW);
        storeEvents("heavy", 600, NOW - 86_000_000, 16 * 1024);

        assertThat(fixture.get("/api/sessions/huge/events/")).hasSize(SessionEventList.MAX_EVENTS);
        var response = fixture.handle("/api/sessions/heavy/events/", Map.of(), Map.of());
        assertThat(response.status()).isEqualTo(200);
        assertThat((long) response.body().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(JsonBudget.MAX_BYTES);
        assertThat(CompatFixture.parse(response.body()).size()).isBetween(200, 599);
    }

    @Test
    void sessionEvents_whenNoSuchSessionOrBadId_answersEmptyListOr400() {
        assertThat(fixture.get("/api/sessions/nobody/events/")).isEmpty();

        String longest = "😀".repeat(DashboardApi.MAX_ID_LENGTH);
        assertThat(fixture.get("/api/sessions/" + longest + "/events/")).isEmpty();
        assertThat(fixture.reasons("/api/sessions/" + longest + "x/events/", Map.of()))
                .containsExactly("session id must be 1 to 160 characters");
        assertThat(fixture.reasons("/api/sessions//events/", Map.of("limit", "5")))
                .hasSize(2)
                .contains("session id must be 1 to 160 characters");
    }

    @Test
    void health_whenTablesAnswerOrNot_saysSoInTheOriginalShape() {
        JsonNode up = fixture.get("/health/");

        assertThat(up.path("status").asText()).isEqualTo("healthy");
        assertThat(up.path("service").asText()).isEqualTo("liveinsight");
        assertThat(up.path("database").asText()).isEqualTo("connected");

        fixture.store.down = true;
        JsonNode down = fixture.get("/health/", Map.of(), 503);
        assertThat(down.path("status").asText()).isEqualTo("unhealthy");
        assertThat(down.path("database").asText()).isEqualTo("disconnected");
        assertThat(down.path("dependencies").path("events").asText()).isEqualTo("down");
    }
}
