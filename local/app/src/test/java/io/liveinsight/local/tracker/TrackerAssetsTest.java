package io.liveinsight.local.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tracker's files as the edge serves them: types, caching, compression, CSP, and the demo's in-page paths. */
class TrackerAssetsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static HttpServer server;
    private static URI base;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        TrackerAssets.routes().forEach(server::createContext);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void trackerJs_whenRequested_isCacheableScriptForAnyOrigin() throws Exception {
        HttpResponse<byte[]> response = get("/tracker.js");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("ETag")).isPresent();
        String script = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(script).contains("LiveInsight").doesNotContain("export ");
    }

    @Test
    void trackerJs_whenClientAcceptsGzip_isSentGzipped() throws Exception {
        HttpResponse<byte[]> plain = get("/tracker.js");
        HttpResponse<byte[]> gzipped = get("/tracker.js", "Accept-Encoding", "br, gzip");

        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(gzipped.body().length).isLessThan(plain.body().length).isLessThanOrEqualTo(3072);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
    }

    @Test
    void trackerJs_whenEtagMatches_answers304() throws Exception {
        String etag = get("/tracker.js").headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> again = get("/tracker.js", "If-None-Match", etag);

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void demo_whenRequestedAtAnyInPagePath_servesThePageWithAStrictCsp() throws Exception {
        for (String path : new String[] {"/demo", "/demo/", "/demo/product/p1", "/demo/cart"}) {
            HttpResponse<byte[]> response = get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp)
                            .startsWith("default-src 'none'")
                            .contains("script-src 'self';")
                            .contains("connect-src 'self';")
                            .doesNotContain("unsafe-inline")
                            .doesNotContain("unsafe-eval"));
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            String html = new String(response.body(), StandardCharsets.UTF_8);
            assertThat(html).contains("/demo/assets/demo.js").doesNotContainPattern("<script>[^<]");
        }
    }

    @Test
    void demoAssets_whenRequested_haveTheirTypes() throws Exception {
        assertThat(get("/demo/assets/demo.js").headers().firstValue("Content-Type"))
                .hasValue("text/javascript; charset=utf-8");
        assertThat(get("/demo/assets/demo.css").headers().firstValue("Content-Type"))
                .hasValue("text/css; charset=utf-8");
        assertThat(new String(get("/demo/assets/demo.js").body(), StandardCharsets.UTF_8))
                .contains("s.src = '/tracker.js'");
    }

    @Test
    void unknownPathsAndMethods_whenRequested_are404And405() throws Exception {
        assertThat(get("/demo/assets/secret.properties").statusCode()).isEqualTo(404);
        assertThat(get("/tracker.js.map").statusCode()).isEqualTo(404);
        HttpResponse<String> post = HTTP.send(
                HttpRequest.newBuilder(base.resolve("/tracker.js"))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }
}
