package io.liveinsight.dashboard.http;

import static io.liveinsight.dashboard.http.CompatFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.domain.ActiveSession;
import io.liveinsight.event.TableNames;
import io.liveinsight.lambda.http.HttpRequest;
import io.liveinsight.lambda.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trailing slash tells the original routes from the native ones: neither shadows the other. */
class CompatRoutingTest {

    private static final String TOKEN = "tok-compat-3f9e1b7c";

    private final CompatFixture fixture = new CompatFixture();

    @Test
    void sessionsActive_withAndWithoutTheSlash_answerTheirOwnShapes() {
        fixture.store.active.add(
                new ActiveSession("s1", "u1", NOW - 1000, NOW, "/", 1, 1, null, false, NOW / 1000 + 1800, Map.of()));

        assertThat(fixture.get("/api/sessions/active").path("sessions").isArray())
                .isTrue();
        assertThat(fixture.get("/api/sessions/active/").isArray()).isTrue();
    }

    @Test
    void sessionEvents_withAndWithoutTheSlash_answerTheirOwnShapes() {
        fixture.store.sessions.put("a", Map.of("session_id", "a", "start_time", NOW - 1000, "last_activity", NOW));

        assertThat(fixture.get("/api/sessions/a/events").path("events").isArray())
                .isTrue();
        assertThat(fixture.get("/api/sessions/a/events/").isArray()).isTrue();
        // a native route still reads a trailing slash as none when no original route has that path
        assertThat(fixture.get("/api/sessions/a/").path("session_id").asText()).isEqualTo("a");
        assertThat(fixture.get("/api/stats/realtime/").path("active_sessions").isNumber())
                .isTrue();
        assertThat(fixture.get("/api/health/").path("status").asText()).isEqualTo("ok");
    }

    @Test
    void originalPaths_withoutTheSlash_areNotRoutes() {
        for (String path : new String[] {
            "/api/statistics/summary", "/api/statistics/hourly", "/api/hourly-details", "/health/x", "/api/statistics/"
        }) {
            assertThat(fixture.handle(path, Map.of(), Map.of()).status())
                    .as(path)
                    .isEqualTo(404);
        }
        assertThat(fixture.stats.reads).isEmpty();
    }

    @Test
    void health_whenATokenIsConfigured_staysOpenWhileStatisticsNeedIt() {
        CompatFixture guarded = new CompatFixture(TOKEN, ZoneId.of("UTC"));

        assertThat(guarded.handle("/health/", Map.of(), Map.of()).status()).isEqualTo(200);
        HttpResponse refused = guarded.handle("/api/statistics/summary/", Map.of(), Map.of());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(guarded.stats.reads).isEmpty();
        assertThat(guarded.handle("/api/sessions/active/", Map.of(), Map.of()).status())
                .isEqualTo(401);
        assertThat(guarded.handle("/api/statistics/summary/", Map.of(), Map.of("Authorization", "Bearer " + TOKEN))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void statistics_whenNoStatsReaderIsWired_answer503NotZeros() {
        DashboardApplication unwired = new DashboardApplication(
                new DashboardConfig(TableNames.defaults(), "us-east-1", null, null, List.of(), 4, Duration.ZERO),
                fixture.store,
                fixture.clock);

        HttpResponse response = unwired.handle(
                new HttpRequest("GET", "/api/statistics/summary/", Map.of(), Map.of(), null, false, null));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsEntry("Retry-After", "5");
    }
}
