package io.liveinsight.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import io.liveinsight.event.Event;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.ingest.handler.IngestApplication;
import io.liveinsight.ingest.handler.IngestHandler;
import io.liveinsight.ingest.port.EventPublisher;
import io.liveinsight.ingest.port.IngestMetrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local API Gateway stand-in passes what API Gateway passes: OPTIONS, binary bodies, query, headers. */
class EdgeServerTest {

    private static final String SHOP = "https://shop.example.com";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<Event> published = new CopyOnWriteArrayList<>();
    private EdgeServer edge;

    @BeforeEach
    void start() throws Exception {
        EventPublisher publisher = new EventPublisher() {
            @Override
            public PublishResult publish(List<Event> events) {
                published.addAll(events);
                return new PublishResult.Stored(events.size(), 0);
            }

            @Override
            public boolean isHealthy() {
                return true;
            }
        };
        IngestConfig config =
                new IngestConfig("s", "us-east-1", null, Duration.ofSeconds(1), List.of(SHOP), false, true, 0, 1);
        edge = EdgeServer.start(
                "127.0.0.1",
                0,
                new IngestHandler(new IngestApplication(config, publisher, IngestMetrics.NONE)),
                () -> new Health(Map.of("kinesis", true)));
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void options_whenPreflightFromAllowedOrigin_reachesHandlerAndAnswersCors() throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(edge.address().resolve("/events"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", SHOP)
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(SHOP);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods"))
                .contains("POST, OPTIONS");
    }

    @Test
    void post_whenGzipBody_travelsAsBase64AndIsAccepted() throws Exception {
        byte[] gzip = gzip("[{\"session_id\":\"z\"},{\"session_id\":\"z\"}]");

        HttpResponse<String> response =
                send(HttpRequest.newBuilder(edge.address().resolve("/events?src=beacon"))
                        .header("Content-Type", "text/plain;charset=UTF-8")
                        .header("Content-Encoding", "gzip")
                        .header("Origin", SHOP)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(gzip)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(SHOP);
        assertThat(published).extracting(Event::sessionId).containsExactly("z", "z");
    }

    @Test
    void post_whenBodyNotUtf8_isRefusedAsMalformedNotMangledIntoJson() throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(edge.address().resolve("/events"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'})));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(published).isEmpty();
    }

    @Test
    void health_whenAsked_staysTheStacksOwn() throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(edge.address().resolve("/health")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"dependencies\":{\"kinesis\":\"up\"}");
    }

    @Test
    void toProxyEvent_whenQueryAndRepeatedHeaders_passesThemAll() {
        Headers headers = new Headers();
        headers.add("X-Forwarded-For", "203.0.113.1");
        headers.add("Accept", "text/plain");
        headers.add("Accept", "application/json");
        byte[] body = gzip("{}");
        FakeExchange exchange = new FakeExchange("POST", URI.create("/events?a=1&b=x%20y&a=2"), headers);

        APIGatewayProxyRequestEvent event = EdgeServer.toProxyEvent(exchange, body);

        assertThat(event.getQueryStringParameters()).containsEntry("a", "2").containsEntry("b", "x y");
        assertThat(event.getMultiValueQueryStringParameters()).containsEntry("a", List.of("1", "2"));
        assertThat(event.getHeaders()).containsEntry("Accept", "text/plain,application/json");
        assertThat(event.getMultiValueHeaders()).containsEntry("Accept", List.of("text/plain", "application/json"));
        assertThat(event.getIsBase64Encoded()).isTrue(); // gzip bytes are not UTF-8 text
        assertThat(Base64.getDecoder().decode(event.getBody())).isEqualTo(body);
        assertThat(event.getRequestContext().getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(event.getPath()).isEqualTo("/events");
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Just enough of an exchange for the proxy-event mapping. */
    private static final class FakeExchange extends HttpExchange {
        private final String method;
        private final URI uri;
        private final Headers requestHeaders;

        FakeExchange(String method, URI uri, Headers requestHeaders) {
            this.method = method;
            this.uri = uri;
            this.requestHeaders = requestHeaders;
        }

        @Override
        public Headers getRequestHeaders() {
            return requestHeaders;
        }

        @Override
        public Headers getResponseHeaders() {
            return new Headers();
        }

        @Override
        public URI getRequestURI() {
            return uri;
        }

        @Override
        public String getRequestMethod() {
            return method;
        }

        @Override
        public HttpContext getHttpContext() {
            return null;
        }

        @Override
        public void close() {}

        @Override
        public InputStream getRequestBody() {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public OutputStream getResponseBody() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public void sendResponseHeaders(int code, long length) {}

        @Override
        public InetSocketAddress getRemoteAddress() {
            return new InetSocketAddress("127.0.0.1", 50000);
        }

        @Override
        public int getResponseCode() {
            return -1;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return new InetSocketAddress("127.0.0.1", 8080);
        }

        @Override
        public String getProtocol() {
            return "HTTP/1.1";
        }

        @Override
        public Object getAttribute(String name) {
            return null;
        }

        @Override
        public void setAttribute(String name, Object value) {}

        @Override
        public void setStreams(InputStream in, OutputStream out) {}

        @Override
        public HttpPrincipal getPrincipal() {
            return null;
        }
    }
}
