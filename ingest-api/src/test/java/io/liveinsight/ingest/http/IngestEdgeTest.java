package io.liveinsight.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.EventCodec;
import io.liveinsight.ingest.domain.Ids;
import io.liveinsight.ingest.port.IngestMetrics;
import io.liveinsight.ingest.testing.FakePublisher;
import io.liveinsight.lambda.http.HttpRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IngestEdgeTest {

    private static final String SHOP = "https://shop.example.com";

    private final FakePublisher publisher = new FakePublisher();

    private IngestEdge edge(List<String> origins) {
        Clock clock = Clock.systemUTC();
        return new IngestEdge(
                new EventIngestor(
                        publisher,
                        IngestMetrics.NONE,
                        new EventCodec().mapper(),
                        clock,
                        new Ids(clock, new Random(1)),
                        EdgeOptions.DEFAULTS),
                publisher,
                CorsPolicy.of(origins));
    }

    private static IngestRequest request(String method, Map<String, String> headers, String body) {
        return new IngestRequest(method, "/events", HttpRequest.lowerCase(headers), body, false, "192.0.2.1");
    }

    private static IngestRequest preflight(String origin) {
        return request(
                "OPTIONS",
                Map.of(
                        "Origin", origin,
                        "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "content-type"),
                null);
    }

    @Test
    void preflight_whenOriginAllowed_answers204WithCorsHeaders() {
        IngestResponse response = edge(List.of(SHOP)).handle(preflight(SHOP));

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isNull();
        assertThat(response.headers())
                .containsEntry("Access-Control-Allow-Origin", SHOP)
                .containsEntry("Access-Control-Allow-Credentials", "true")
                .containsEntry("Access-Control-Allow-Methods", "POST, OPTIONS")
                .containsEntry("Access-Control-Allow-Headers", "Content-Type, Content-Encoding")
                .containsEntry("Access-Control-Max-Age", "7200")
                .containsKey("Vary");
        assertThat(publisher.calls).isEmpty();
    }

    @Test
    void preflight_whenOriginNotAllowed_answers403WithoutAllowOrigin() {
        IngestResponse response = edge(List.of(SHOP)).handle(preflight("https://evil.example.net"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.headers()).doesNotContainKey("Access-Control-Allow-Origin");
    }

    @Test
    void preflight_whenMethodOrHeaderNotAllowed_answers403() {
        IngestEdge edge = edge(List.of(SHOP));

        assertThat(edge.handle(request(
                                "OPTIONS", Map.of("Origin", SHOP, "Access-Control-Request-Method", "DELETE"), null))
                        .status())
                .isEqualTo(403);
        assertThat(edge.handle(request(
                                "OPTIONS",
                                Map.of(
                                        "Origin", SHOP,
                                        "Access-Control-Request-Method", "POST",
                                        "Access-Control-Request-Headers", "content-type, x-secret"),
                                null))
                        .status())
                .isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://a.example.com", "https://b.a.example.com"})
    void allows_whenSubdomainWildcard_matchesSubdomainsOnly(String origin) {
        CorsPolicy cors = CorsPolicy.of(List.of("https://*.example.com"));

        assertThat(cors.allows(origin)).isTrue();
        assertThat(cors.allows("https://example.com")).isFalse();
        assertThat(cors.allows("http://a.example.com")).isFalse();
        assertThat(cors.allows("https://a.example.com.evil.net")).isFalse();
        assertThat(cors.allows("https://evilexample.com")).isFalse();
    }

    @Test
    void post_whenOriginAllowed_echoesItOnSuccessAndErrors() {
        IngestEdge edge = edge(List.of(SHOP));

        IngestResponse ok = edge.handle(request("POST", Map.of("Origin", SHOP), "{}"));
        IngestResponse bad = edge.handle(request("POST", Map.of("Origin", SHOP), "{"));

        assertThat(ok.status()).isEqualTo(200);
        assertThat(bad.status()).isEqualTo(400);
        for (IngestResponse response : List.of(ok, bad)) {
            assertThat(response.headers())
                    .containsEntry("Access-Control-Allow-Origin", SHOP)
                    .containsEntry("Access-Control-Expose-Headers", "Retry-After")
                    .containsEntry("Vary", "Origin")
                    .containsEntry("Cache-Control", "no-store");
        }
    }

    @Test
    void post_whenOriginNotAllowed_refuses403UnreadAndGrantsNoCors() {
        IngestEdge edge = edge(List.of(SHOP));

        for (String origin :
                List.of("https://other.net", "null", "https://shop.example.com.evil.net", "http://shop.example.com")) {
            IngestResponse response = edge.handle(request("POST", Map.of("Origin", origin), "{}"));

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.body()).containsEntry("error", "origin not allowed");
            assertThat(response.headers()).doesNotContainKey("Access-Control-Allow-Origin");
        }
        assertThat(publisher.calls).isEmpty();
    }

    @Test
    void post_whenNoOrigin_isProcessedAsFromAServer() {
        assertThat(edge(List.of(SHOP)).handle(request("POST", Map.of(), "{}")).status())
                .isEqualTo(200);
    }

    @Test
    void anyOrigin_whenLocalDevelopment_echoesEveryOrigin() {
        IngestEdge edge = edge(List.of("*"));

        assertThat(edge.handle(preflight("http://localhost:3000")).headers())
                .containsEntry("Access-Control-Allow-Origin", "http://localhost:3000");
    }

    @Test
    void noOrigins_whenNotConfigured_refusesEveryPreflight() {
        assertThat(edge(List.of()).handle(preflight(SHOP)).status()).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "PATCH", "GET"})
    void handle_whenOtherMethod_answers405WithAllow(String method) {
        IngestResponse response = edge(List.of()).handle(request(method, Map.of(), null));

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers()).containsEntry("Allow", "POST, OPTIONS");
    }

    @Test
    void health_whenStreamUpOrDown_saysSo() {
        IngestEdge edge = edge(List.of());
        IngestRequest health = new IngestRequest("GET", "/health", Map.of(), null, false, null);

        assertThat(edge.handle(health).status()).isEqualTo(200);
        publisher.refuse = true;
        assertThat(edge.handle(health).status()).isEqualTo(503);
    }
}
