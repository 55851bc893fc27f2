package io.liveinsight.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import io.liveinsight.event.Event;
import io.liveinsight.event.contract.Defaults;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.ingest.handler.IngestApplication;
import io.liveinsight.ingest.handler.IngestHandler;
import io.liveinsight.ingest.port.EventPublisher;
import io.liveinsight.ingest.port.IngestMetrics;
import io.liveinsight.processor.health.HealthReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
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
    private volatile Health health = new Health(Map.of("kinesis", true));

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
        IngestConfig config = new IngestConfig(
                "s", "us-east-1", null, Duration.ofSeconds(1), List.of(SHOP), false, true, 0, 1, Defaults.STAGE);
        edge = EdgeServer.start(
                "127.0.0.1",
                0,
                new IngestHandler(new IngestApplication(config, publisher, IngestMetrics.NONE)),
                () -> health);
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
    void health_whenTheConsumersShardIsStuck_answers503NamingTheShard() throws Exception {
        Map<String, Boolean> dependencies = new LinkedHashMap<>();
        dependencies.put("kinesis", true);
        dependencies.put("dynamodb", true);
        dependencies.put("consumer", true);
        health = new Health(new HealthReport(
                dependencies, Map.of(), new HealthReport.Shards(List.of("shardId-000000000000"), 61_000, 61_500)));

        HttpResponse<String> stuck = send(HttpRequest.newBuilder(edge.address().resolve("/health")));

        assertThat(stuck.statusCode()).isEqualTo(503);
        assertThat(stuck.body())
                .contains("\"status\":\"degraded\"")
                .contains("\"consumer\":\"up\"")
                .contains("\"stuck\":[\"shardId-000000000000\"]");

        health = new Health(new HealthReport(dependencies, Map.of(), new HealthReport.Shards(List.of(), 0, 0)));
        assertThat(send(HttpRequest.newBuilder(edge.address().resolve("/health")))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void post_whenContentLengthOverLimit_answers413WithoutReadingTheBody() throws Exception {
        try (Socket socket = connect()) {
            long started = System.nanoTime();
            socket.getOutputStream()
                    .write(("POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: 100000000\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            RawResponse response = RawResponse.read(socket.getInputStream());
            long millis = (System.nanoTime() - started) / 1_000_000;

            System.out.printf(
                    "100 MB by Content-Length: %s after %d ms, 0 body bytes sent%n", response.status(), millis);
            assertThat(response.status()).startsWith("HTTP/1.1 413");
            assertThat(response.body()).isEqualTo(EdgeServer.BODY_TOO_LARGE);
            assertThat(response.headers()).containsIgnoringCase("connection: close");
            assertThat(millis).isLessThan(5_000);
        }
        assertThat(published).isEmpty();
    }

    @Test
    void post_whenChunkedBodyOverLimit_stopsReadingAtTheLimitAndAnswers413() throws Exception {
        long hundredMegabytes = 100_000_000;
        AtomicLong sent = new AtomicLong();
        long started = System.nanoTime();
        RawResponse response;
        Thread writer;
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            writer = Thread.ofVirtual().start(() -> {
                byte[] chunk = new byte[64 * 1024]; // the body is generated as it is sent, never held whole
                Arrays.fill(chunk, (byte) ' ');
                byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    out.write(("POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                    + "Transfer-Encoding: chunked\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    while (sent.get() < hundredMegabytes) {
                        out.write(size);
                        out.write(chunk);
                        out.write('\r');
                        out.write('\n');
                        sent.addAndGet(chunk.length);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the edge answered and dropped the connection: what this test expects
                }
            });
            response = RawResponse.read(socket.getInputStream());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(writer.join(Duration.ofSeconds(30))).isTrue();

        System.out.printf(
                "100 MB chunked: %s after %d ms; the client got %,d body bytes out before the connection closed%n",
                response.status(), millis, sent.get());
        assertThat(response.status()).startsWith("HTTP/1.1 413");
        assertThat(response.body()).isEqualTo(EdgeServer.BODY_TOO_LARGE);
        // the edge read 10 MiB + 1 and drained 64 KiB; the rest of what got out sat in the two socket buffers
        assertThat(sent.get()).isLessThan(hundredMegabytes / 3);
        assertThat(published).isEmpty();
    }

    @Test
    void post_whenBodyUnderTheEdgeLimitButOverSpec_reachesTheHandlerWhichAnswers413() throws Exception {
        byte[] body = new byte[EdgeServer.MAX_BODY_BYTES];
        Arrays.fill(body, (byte) ' ');

        HttpResponse<String> response =
                send(HttpRequest.newBuilder(edge.address().resolve("/events"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("body over 1048576 bytes after decompression");
    }

    @Test
    void requests_whenCarryingAddressTokenAndBody_neverPutThemInTheLogs() throws Exception {
        String address = "198.51.100.173";
        String token = "tok-5f1c0a7e-edge-secret";
        String marker = "body-marker-3c9d";
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try (EdgeServer logged = EdgeServer.start(
                "127.0.0.1",
                0,
                new IngestHandler(new IngestApplication(
                        new IngestConfig(
                                "s",
                                "us-east-1",
                                null,
                                Duration.ofSeconds(1),
                                List.of(SHOP),
                                false,
                                false,
                                1,
                                1,
                                Defaults.STAGE),
                        new EventPublisher() {
                            @Override
                            public PublishResult publish(List<Event> events) {
                                return new PublishResult.Refused("stream refused the records", events.size());
                            }

                            @Override
                            public boolean isHealthy() {
                                return false;
                            }
                        },
                        null)), // EMF metrics on standard output, as in Lambda
                () -> new Health(Map.of("kinesis", false)))) {
            for (String body : List.of(
                    "{\"session_id\":\"" + marker + "\",\"page_url\":\"https://shop.example.com/" + marker + "\"}",
                    "{\"session_id\":\"" + marker + "\",\"event_type\":\"Bad " + marker + "\"}",
                    "{\"" + marker + "\":")) {
                HttpResponse<String> response =
                        send(HttpRequest.newBuilder(logged.address().resolve("/events"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + token)
                                .header("X-Forwarded-For", address)
                                .header("Origin", SHOP)
                                .POST(HttpRequest.BodyPublishers.ofString(body)));
                assertThat(response.statusCode()).isIn(400, 503);
            }
            send(HttpRequest.newBuilder(logged.address().resolve("/health")).header("X-Forwarded-For", address));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("\"_aws\""); // the capture saw the edge's metric lines
        assertThat(logs).doesNotContain(address).doesNotContain(token).doesNotContain(marker);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(edge.address().getHost(), edge.address().getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** A response read off a raw socket: status line, header block, and a Content-Length body. */
    private record RawResponse(String status, String headers, String body) {

        static RawResponse read(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed after: " + head);
                }
                head.append((char) b);
            }
            String[] lines = head.toString().split("\r\n");
            int length = 0;
            for (String line : lines) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(
                            line.substring("content-length:".length()).strip());
                }
            }
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new RawResponse(lines[0], head.toString(), body);
        }
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
