package io.liveinsight.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.liveinsight.ingest.handler.IngestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The local stand-in for API Gateway: turns each HTTP request to {@code /events} (any method: POST, the OPTIONS
 * preflight, ...) into the same REST proxy event API Gateway would send, calls the Lambda handler, and writes its
 * response. {@code GET /health} adds the consumer and DynamoDB to the handler's own view of Kinesis.
 */
public final class EdgeServer implements AutoCloseable {

    /**
     * API Gateway's own payload limit (10 MB, taken as 10 MiB), so the local edge passes what API Gateway would pass
     * and the handler applies the contract's stricter 1 MiB (docs/contract/api.md#post-events) itself. A body over it
     * is refused with 413 from its Content-Length before any of it is read, or, sent chunked, after this many bytes +
     * 1: never read whole.
     */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    static final String BODY_TOO_LARGE =
            "{\"error\":\"body over " + MAX_BODY_BYTES + " bytes (API Gateway's payload limit)\"}";

    private final HttpServer server;
    private final ExecutorService executor;
    private final IngestHandler ingest;
    private final Supplier<Health> health;

    private EdgeServer(
            HttpServer server, IngestHandler ingest, Supplier<Health> health, Map<String, HttpHandler> routes) {
        this.server = server;
        this.ingest = ingest;
        this.health = health;
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/events", this::handle);
        server.createContext("/health", this::handle);
        routes.forEach(server::createContext);
        if (!routes.containsKey("/")) {
            server.createContext("/", this::handle);
        }
    }

    public static EdgeServer start(String host, int port, IngestHandler ingest, Supplier<Health> health)
            throws IOException {
        return start(host, port, ingest, health, Map.of());
    }

    /**
     * Starts the edge with extra routes: path prefix to handler (the JDK server picks the longest matching prefix),
     * for example the dashboard under {@code /api} and {@code /}.
     */
    public static EdgeServer start(
            String host, int port, IngestHandler ingest, Supplier<Health> health, Map<String, HttpHandler> routes)
            throws IOException {
        EdgeServer edge =
                new EdgeServer(HttpServer.create(new InetSocketAddress(host, port), 256), ingest, health, routes);
        edge.server.start();
        return edge;
    }

    public URI address() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/health") && method.equals("GET")) {
                Health current = health.get();
                send(exchange, current.httpStatus(), Map.of("Content-Type", "application/json"), current.toJson());
                return;
            }
            if (!path.equals("/events")) {
                send(exchange, 404, Map.of("Content-Type", "application/json"), "{\"error\":\"not found\"}");
                return;
            }
            byte[] body = declaredTooLarge(exchange) ? null : readBody(exchange.getRequestBody());
            if (body == null) {
                // The rest of the body is not read: the JDK server drains at most 64 KiB, then drops the connection.
                send(exchange, 413, Map.of("Content-Type", "application/json", "Connection", "close"), BODY_TOO_LARGE);
                return;
            }
            APIGatewayProxyResponseEvent response = ingest.handleRequest(toProxyEvent(exchange, body), null);
            send(exchange, response.getStatusCode(), response.getHeaders(), response.getBody());
        }
    }

    /**
     * The REST proxy event API Gateway would send: method, path, every header (single- and multi-value), the query
     * string, the caller's address, and the body as text, or base64 with {@code isBase64Encoded} when it is binary
     * (compressed, or not UTF-8 text), as API Gateway does with binary media types enabled.
     */
    static APIGatewayProxyRequestEvent toProxyEvent(HttpExchange exchange, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        Map<String, List<String>> multiValueHeaders = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name, String.join(",", values));
            multiValueHeaders.put(name, List.copyOf(values));
        });
        URI uri = exchange.getRequestURI();
        Map<String, List<String>> query = query(uri.getRawQuery());
        Map<String, String> singleQuery = new HashMap<>();
        query.forEach((name, values) -> singleQuery.put(name, values.get(values.size() - 1)));
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        var identity = new APIGatewayProxyRequestEvent.RequestIdentity()
                .withSourceIp(sourceIp)
                .withUserAgent(exchange.getRequestHeaders().getFirst("User-Agent"));
        boolean binary = isBinary(exchange, body);
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(exchange.getRequestMethod())
                .withPath(uri.getPath())
                .withResource(uri.getPath())
                .withHeaders(headers)
                .withMultiValueHeaders(multiValueHeaders)
                .withQueryStringParameters(singleQuery.isEmpty() ? null : singleQuery)
                .withMultiValueQueryStringParameters(query.isEmpty() ? null : query)
                .withBody(
                        body.length == 0
                                ? null
                                : binary
                                        ? Base64.getEncoder().encodeToString(body)
                                        : new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(binary && body.length > 0)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withHttpMethod(exchange.getRequestMethod())
                        .withPath(uri.getPath())
                        .withStage("local")
                        .withRequestId(UUID.randomUUID().toString())
                        .withRequestTimeEpoch(System.currentTimeMillis())
                        .withIdentity(identity));
    }

    /** Compressed bodies and bytes that are not valid UTF-8 travel as base64, never as mangled text. */
    private static boolean isBinary(HttpExchange exchange, byte[] body) {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            return true;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return false;
        } catch (CharacterCodingException e) {
            return true;
        }
    }

    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return query;
    }

    /** True when the request announces a body over {@link #MAX_BODY_BYTES}: refused without reading a byte of it. */
    static boolean declaredTooLarge(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        try {
            return length != null && Long.parseLong(length.strip()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false; // the JDK server refuses a malformed Content-Length before the handler runs
        }
    }

    /** The body, or null when it is over {@link #MAX_BODY_BYTES}: reads at most that + 1 bytes (chunked or not). */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (headers != null) {
            headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }
}
