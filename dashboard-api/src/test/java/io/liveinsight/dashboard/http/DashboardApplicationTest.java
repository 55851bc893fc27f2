package io.liveinsight.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.support.InMemoryDashboardStore;
import io.liveinsight.dashboard.support.InMemoryStatsReader;
import io.liveinsight.dashboard.support.MutableClock;
import io.liveinsight.event.TableNames;
import io.liveinsight.lambda.http.HttpRequest;
import io.liveinsight.lambda.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DashboardApplicationTest {

    private static final String TOKEN = "correct-horse-battery-staple";
    private static final String ORIGIN = "https://admin.example.com";

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
    void api_whenTokenConfiguredAndMissingOrWrong_answers401() {
        DashboardApplication app = app(TOKEN);

        HttpResponse missing = app.handle(get("/api/stats/realtime", Map.of()));
        HttpResponse wrong = app.handle(get("/api/stats/realtime", Map.of("Authorization", "Bearer nope")));
        HttpResponse basic = app.handle(get("/api/stats/realtime", Map.of("Authorization", "Basic " + TOKEN)));

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"liveinsight\"");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(basic.status()).isEqualTo(401);
        assertThat(store.pageReads).hasValue(0);
        assertThat(stats.reads).isEmpty();
    }

    @Test
    void api_whenTokenMatches_answers() {
        HttpResponse response =
                app(TOKEN).handle(get("/api/stats/realtime", Map.of("authorization", "bearer " + TOKEN)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(stats.reads).isNotEmpty();
        assertThat(response.headers()).containsEntry("Cache-Control", "no-store");
    }

    @Test
    void health_whenTokenConfigured_staysOpenAndSaysNoData() {
        assertThat(app(TOKEN).handle(get("/api/health", Map.of())).status()).isEqualTo(200);
    }

    @Test
    void page_whenServed_carriesAStrictContentSecurityPolicy() {
        HttpResponse page = app(TOKEN).handle(get("/", Map.of()));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().get("Content-Type")).startsWith("text/html");
        assertThat(page.headers().get("Content-Security-Policy"))
                .contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(page.headers()).containsEntry("X-Content-Type-Options", "nosniff");
        assertThat(app(null).handle(get("/nope", Map.of())).status()).isEqualTo(404);
    }

    @Test
    void page_whenServed_loadsEveryScriptInOrderAndNoScriptWritesHtml() {
        DashboardApplication app = app(null);
        String page = app.handle(get("/", Map.of())).body();

        List<String> loaded = Pattern.compile("<script src=\"([^\"]+)\" defer></script>")
                .matcher(page)
                .results()
                .map(match -> match.group(1))
                .toList();

        assertThat(loaded).isEqualTo(StaticAssets.SCRIPTS);
        assertThat(page).doesNotContainPattern("<script(?![^>]*\\ssrc=)");
        for (String script : StaticAssets.SCRIPTS) {
            HttpResponse response = app.handle(get("/" + script, Map.of()));
            assertThat(response.status()).as(script).isEqualTo(200);
            assertThat(response.headers().get("Content-Type")).as(script).startsWith("text/javascript");
            assertThat(response.body())
                    .as(script + " writes values as text only")
                    .doesNotContain("innerHTML")
                    .doesNotContain("outerHTML")
                    .doesNotContain("insertAdjacentHTML")
                    .doesNotContain("document.write")
                    .doesNotContain("eval(")
                    .doesNotContain("new Function");
        }
    }

    @Test
    void cors_whenConfiguredOrigin_isAllowedAndOthersAreNot() {
        DashboardApplication app = app(null);

        HttpResponse allowed = app.handle(get("/api/stats/realtime", Map.of("Origin", ORIGIN)));
        HttpResponse other = app.handle(get("/api/stats/realtime", Map.of("Origin", "https://evil.example")));
        HttpResponse preflight = app.handle(
                new HttpRequest("OPTIONS", "/api/stats/realtime", Map.of("Origin", ORIGIN), null, null, false, null));
        HttpResponse refused = app.handle(new HttpRequest(
                "OPTIONS", "/api/stats/realtime", Map.of("Origin", "https://evil.example"), null, null, false, null));

        assertThat(allowed.headers())
                .containsEntry("Access-Control-Allow-Origin", ORIGIN)
                .containsEntry("Vary", "Origin");
        assertThat(other.headers()).doesNotContainKey("Access-Control-Allow-Origin");
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.headers()).containsEntry("Access-Control-Allow-Headers", "Authorization");
        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void handle_whenNotGet_answers405WithAllow() {
        HttpResponse response =
                app(null).handle(new HttpRequest("POST", "/api/stats/realtime", Map.of(), null, null, false, null));

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers()).containsEntry("Allow", "GET, HEAD, OPTIONS");
    }

    @Test
    void handle_whenHead_answersWithoutBody() {
        HttpResponse response = app(null).handle(new HttpRequest("HEAD", "/", Map.of(), null, null, false, null));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isNull();
    }

    @Test
    void api_whenTablesDoNotAnswer_answers503WithRetryAfter() {
        store.down = true;

        HttpResponse response = app(null).handle(get("/api/sessions/active", Map.of()));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsEntry("Retry-After", "5");
    }
}
