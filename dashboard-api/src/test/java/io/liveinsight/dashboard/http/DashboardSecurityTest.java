package io.liveinsight.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.handler.DashboardHandler;
import io.liveinsight.dashboard.handler.HttpApiDashboardHandler;
import io.liveinsight.dashboard.support.InMemoryDashboardStore;
import io.liveinsight.dashboard.support.InMemoryStatsReader;
import io.liveinsight.dashboard.support.MutableClock;
import io.liveinsight.event.TableNames;
import io.liveinsight.lambda.http.HttpRequest;
import io.liveinsight.lambda.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's token, its CORS allowlist and its logs, attacked the ways a browser or a script would. */
class DashboardSecurityTest {

    private static final String TOKEN = "tok-9b2e61d4-dashboard-secret";
    private static final String ORIGIN = "https://admin.example.com";
    private static final String ADDRESS = "198.51.100.173";

    private final InMemoryDashboardStore store = new InMemoryDashboardStore();
    private final InMemoryStatsReader stats = new InMemoryStatsReader();

    private DashboardApplication app(String token) {
        DashboardConfig config = new DashboardConfig(
                TableNames.defaults(), "us-east-1", null, token, List.of(ORIGIN), 4, Duration.ofSeconds(2));
        return new DashboardApplication(config, store, stats, new MutableClock(1_800_000_000_000L));
    }

    private static HttpRequest get(String path, Map<String, String> headers) {
        return new HttpRequest("GET", path, headers, Map.of(), null, false, null);
    }

    @Test
    void api_whenTokenSet_refusesEveryNearMissWithoutReadingOrEchoingIt() {
        DashboardApplication app = app(TOKEN);
        List<String> authorizations = new ArrayList<>(List.of(
                "",
                "Bearer",
                "Bearer ",
                "Bearer " + "x".repeat(TOKEN.length()), // same length, wrong
                "Bearer " + TOKEN.substring(0, TOKEN.length() - 1), // a prefix
                "Bearer " + TOKEN + "x", // longer
                "Bearer " + TOKEN.toUpperCase(java.util.Locale.ROOT),
                "Basic " + TOKEN,
                TOKEN,
                "Bearer" + TOKEN));
        List<HttpResponse> responses = new ArrayList<>();
        responses.add(app.handle(get("/api/stats/realtime", Map.of())));
        for (String authorization : authorizations) {
            responses.add(app.handle(get("/api/sessions/active", Map.of("Authorization", authorization))));
        }
        // a token anywhere but the Authorization header does not count
        responses.add(app.handle(new HttpRequest(
                "GET",
                "/api/stats/realtime",
                Map.of(),
                Map.of("token", TOKEN, "access_token", TOKEN),
                null,
                false,
                null)));
        responses.add(app.handle(get("/api/stats/realtime", Map.of("X-Api-Key", TOKEN, "Cookie", "token=" + TOKEN))));

        assertThat(responses).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"liveinsight\"");
            assertThat(response.body()).doesNotContain(TOKEN);
        });
        assertThat(store.pageReads).hasValue(0);
        assertThat(stats.reads).isEmpty();
    }

    @Test
    void api_whenTokenRight_answersWhateverTheSchemeCase() {
        DashboardApplication app = app(TOKEN);

        for (String scheme : List.of("Bearer ", "bearer ", "BEARER ", "Bearer   ")) {
            assertThat(app.handle(get("/api/stats/realtime", Map.of("Authorization", scheme + TOKEN)))
                            .status())
                    .isEqualTo(200);
        }
        assertThat(app.handle(get("/api/sessions/active", Map.of("authorization", "Bearer " + TOKEN)))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void api_whenNoTokenConfigured_isOpen() {
        assertThat(app(null).handle(get("/api/stats/realtime", Map.of())).status())
                .isEqualTo(200);
    }

    @Test
    void bearerToken_whenPrintedOrConfigLogged_showsNoSecret() {
        DashboardConfig config = new DashboardConfig(
                TableNames.defaults(), "us-east-1", null, TOKEN, List.of(ORIGIN), 4, Duration.ofSeconds(2));

        assertThat(new BearerToken(TOKEN).toString()).doesNotContain(TOKEN);
        assertThat(config.toString()).doesNotContain(TOKEN).contains("token=(set)");
        assertThat(new BearerToken(TOKEN).matches("Bearer " + TOKEN)).isTrue();
    }

    @Test
    void cors_whenTokenSet_allowsOnlyListedOriginsAndNeverAWildcardOrCredentials() {
        DashboardApplication app = app(TOKEN);
        List<String> strangers = List.of(
                "https://evil.example",
                "null",
                "https://admin.example.com.evil.example",
                "http://admin.example.com",
                "https://admin.example.com:8443",
                "https://sub.admin.example.com");
        Map<String, String> authorized = new HashMap<>(Map.of("Authorization", "Bearer " + TOKEN));

        List<HttpResponse> all = new ArrayList<>();
        for (String origin : strangers) {
            authorized.put("Origin", origin);
            HttpResponse response = app.handle(get("/api/stats/realtime", authorized));
            HttpResponse preflight = app.handle(new HttpRequest(
                    "OPTIONS",
                    "/api/stats/realtime",
                    Map.of("Origin", origin, "Access-Control-Request-Headers", "authorization"),
                    null,
                    null,
                    false,
                    null));
            assertThat(response.headers()).doesNotContainKey("Access-Control-Allow-Origin");
            assertThat(preflight.status()).isEqualTo(403);
            assertThat(preflight.headers()).doesNotContainKey("Access-Control-Allow-Origin");
            all.add(response);
            all.add(preflight);
        }
        authorized.put("Origin", ORIGIN);
        HttpResponse allowed = app.handle(get("/api/stats/realtime", authorized));
        HttpResponse refused = app.handle(get("/api/stats/realtime", Map.of("Origin", ORIGIN)));
        all.add(allowed);
        all.add(refused);

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.headers()).containsEntry("Access-Control-Allow-Origin", ORIGIN);
        // the listed origin can read why it was refused, and still needs the token
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.headers()).containsEntry("Access-Control-Allow-Origin", ORIGIN);
        assertThat(all).allSatisfy(response -> {
            assertThat(response.headers().get("Access-Control-Allow-Origin")).isNotEqualTo("*");
            assertThat(response.headers()).doesNotContainKey("Access-Control-Allow-Credentials");
        });
    }

    @Test
    void handlers_whenRequestsCarryTokenAndAddress_logNeither() {
        store.down = true; // the read fails: the application logs a warning
        String wrong = "tok-00000000-wrong-guess";
        DashboardApplication app = app(TOKEN);
        DashboardHandler rest = new DashboardHandler(app);
        HttpApiDashboardHandler httpApi = new HttpApiDashboardHandler(app);
        List<Integer> statuses = new ArrayList<>();

        String logs = capturingLogs(() -> {
            for (String token : List.of(TOKEN, wrong)) {
                Map<String, String> headers =
                        Map.of("Authorization", "Bearer " + token, "X-Forwarded-For", ADDRESS, "Origin", ORIGIN);
                statuses.add(rest.handleRequest(
                                new APIGatewayProxyRequestEvent()
                                        .withHttpMethod("GET")
                                        .withPath("/api/sessions/active")
                                        .withHeaders(headers)
                                        .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                                                .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity()
                                                        .withSourceIp(ADDRESS))),
                                null)
                        .getStatusCode());
                statuses.add(httpApi.handleRequest(
                                APIGatewayV2HTTPEvent.builder()
                                        .withRawPath("/api/stats/realtime")
                                        .withHeaders(headers)
                                        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                                                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                                        .withMethod("GET")
                                                        .withSourceIp(ADDRESS)
                                                        .build())
                                                .build())
                                        .build(),
                                null)
                        .getStatusCode());
            }
        });

        assertThat(statuses).containsExactly(503, 503, 401, 401);
        assertThat(logs).contains("dashboard read failed"); // the capture saw the warning
        assertThat(logs).doesNotContain(TOKEN).doesNotContain(wrong).doesNotContain(ADDRESS);
    }

    /** Everything written to standard output and error while {@code work} runs (where SLF4J simple writes). */
    private static String capturingLogs(Runnable work) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            work.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
