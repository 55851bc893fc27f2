package io.liveinsight.load.replay.compare;

import static io.liveinsight.load.replay.compare.ExpectedStatsTest.NINE;
import static io.liveinsight.load.replay.compare.ExpectedStatsTest.view;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.liveinsight.load.replay.source.ReplayJson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The statistics comparison against a stub dashboard on 127.0.0.1 (the dashboard's {@code replay=} parameter is built
 * in parallel; this stub answers as docs/contract/api.md#statistics describes), through the real HTTP adapter.
 */
class StatsCheckTest {

    private HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Map<String, String> queries = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private HttpClient http;
    private DashboardStats dashboard;

    private final ExpectedStats expected = ExpectedStats.of(List.of(
            view("a", "s", NINE + 1_000, "https://shop.example.com/<script>", false),
            view("b", "s", NINE + 2_000, "https://shop.example.com/<script>", false),
            view("c", "t", NINE + 3_600_000, "https://shop.example.com/cart", false)));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/api/stats/", exchange -> {
            String route = exchange.getRequestURI().getPath();
            queries.put(route, URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
            String token = exchange.getRequestHeaders().getFirst("Authorization");
            tokens.put(route, token == null ? "" : token);
            String body = answers.getOrDefault(route, "{\"error\":\"not found\"}");
            int status = body.contains("\"error\"") ? 400 : 200;
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        http = HttpClient.newHttpClient();
        dashboard = new HttpDashboardStats(
                http, URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "t0ken");
    }

    @AfterEach
    void stop() {
        server.stop(0);
        http.close();
    }

    @Test
    void run_whenTheDashboardAgrees_passesAndAsksForTheRunOverTheEventsHours() {
        answerAsExpected();

        StatsCheck check = StatsCheck.run(dashboard, expected, "run-1");

        assertThat(check.wrong().first()).isEmpty();
        assertThat(check.passed()).isTrue();
        assertThat(check.rows()).hasSize(5 + 2 * 3 + 1 + 2);
        assertThat(queries.get("/api/stats/summary"))
                .isEqualTo("from=2026-12-06T09:00:00Z&to=2026-12-06T11:00:00Z&tz=UTC&replay=run-1");
        assertThat(queries.get("/api/stats/series")).endsWith("&resolution=hour");
        assertThat(queries.get("/api/stats/breakdown")).endsWith("&dimension=page&limit=10");
        assertThat(tokens.get("/api/stats/summary")).isEqualTo("Bearer t0ken");
    }

    @Test
    void run_whenFiguresDiffer_countsEachOneWrong() {
        answerAsExpected();
        answers.put("/api/stats/summary", summary(3, 2, 1));
        answers.put(
                "/api/stats/breakdown",
                "{\"total\":3,\"items\":[{\"key\":\"shop.example.com/<script>\",\"count\":1},"
                        + "{\"key\":\"shop.example.com/cart\",\"count\":1}],\"other\":1}");

        StatsCheck check = StatsCheck.run(dashboard, expected, null);

        assertThat(check.wrong().first())
                .containsExactly(
                        "summary page_views: expected 3, got 2",
                        "summary sessions: expected 2, got 1",
                        "page views of shop.example.com/<script>: expected 2, got 1");
        assertThat(queries.get("/api/stats/summary")).doesNotContain("replay");
        assertThat(check.worthRetrying()).isTrue();
    }

    @Test
    void run_whenARouteRefuses_reportsItAndDoesNotRetry() {
        answerAsExpected();
        answers.put("/api/stats/series", "{\"error\":\"bad parameters\",\"reasons\":[\"unknown parameter 'replay'\"]}");

        StatsCheck check = StatsCheck.run(dashboard, expected, "run-1");

        assertThat(check.wrong().first())
                .containsExactly("statistics series not read: GET /api/stats/series answered 400 bad parameters"
                        + " [\"unknown parameter 'replay'\"]");
        assertThat(check.worthRetrying()).isFalse();
    }

    private void answerAsExpected() {
        answers.put("/api/stats/summary", summary(3, 3, 2));
        answers.put(
                "/api/stats/series",
                "{\"resolution\":\"hour\",\"points\":[{\"start_ms\":" + NINE + ",\"events\":2,\"page_views\":2,"
                        + "\"sessions\":1},{\"start_ms\":" + (NINE + 3_600_000) + ",\"events\":1,\"page_views\":1,"
                        + "\"sessions\":1}]}");
        answers.put(
                "/api/stats/breakdown",
                ReplayJson.write(Map.of(
                        "total",
                        3,
                        "items",
                        List.of(
                                Map.of("key", "shop.example.com/<script>", "count", 2),
                                Map.of("key", "shop.example.com/cart", "count", 1)),
                        "other",
                        0)));
    }

    private static String summary(long events, long pageViews, long sessions) {
        return "{\"events\":" + events + ",\"page_views\":" + pageViews + ",\"sessions\":" + sessions
                + ",\"bot_events\":0,\"bot_sessions\":0}";
    }
}
