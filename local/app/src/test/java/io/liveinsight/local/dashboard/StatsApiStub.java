package io.liveinsight.local.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A stand-in for the dashboard on a JDK HTTP server, for the statistics view's browser test until the native
 * statistics API is merged: the page's own files from the classpath, and {@code /api/stats/{summary,series,breakdown,
 * details}} answering {@link StatsFixture}'s canned bodies after checking parameters as {@link StatsQuery} does (400
 * with every reason), {@code /api/replay/runs} answering the runs it is given (none by default) and {@code /api/sites}
 * the sites it is given (none by default). Serves no Content-Security-Policy on purpose: a value written as HTML would run here, so the
 * test proves the page writes text, not that the policy blocked it. It records every API request, can demand a bearer
 * token (401) and can answer the next requests 503 with {@code Retry-After}.
 */
final class StatsApiStub implements AutoCloseable {

    record Request(String path, Map<String, String> query, String authorization) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ASSETS = "/io/liveinsight/dashboard/web/";
    private static final Pattern ASSET = Pattern.compile("/[a-z-]+\\.(html|js|css)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Instant now;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private volatile String token;
    private final AtomicInteger unavailable = new AtomicInteger();
    private volatile int retryAfterSeconds;
    private volatile List<Map<String, Object>> replayRuns = List.of();
    private volatile List<Map<String, Object>> sites = List.of();

    private StatsApiStub(Instant now) throws IOException {
        this.now = now;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** A running stub whose "now" is {@code now} (ranges that end now end at the next whole hour after it). */
    static StatsApiStub start(Instant now) throws IOException {
        return new StatsApiStub(now);
    }

    URI address() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** From now on, API requests need {@code Authorization: Bearer <token>} (null: open again). */
    void requireToken(String token) {
        this.token = token;
    }

    /** The next {@code count} statistics requests answer 503 with {@code Retry-After: seconds}. */
    void unavailableFor(int count, int seconds) {
        this.retryAfterSeconds = seconds;
        unavailable.set(count);
    }

    /** What {@code /api/replay/runs} answers from now on ({@code runs}: as docs/contract/api.md#replay-runs shows). */
    void replayRuns(List<Map<String, Object>> runs) {
        this.replayRuns = List.copyOf(runs);
    }

    /** What {@code /api/sites} answers from now on (as docs/contract/api.md#sites-and-tokens shows). */
    void sites(List<Map<String, Object>> sites) {
        this.sites = List.copyOf(sites);
    }

    /** The API requests to a path, in arrival order. */
    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith("/api/")) {
                asset(exchange, path.equals("/") ? "/index.html" : path);
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(path, query, authorization));
            if (token != null && !("Bearer " + token).equals(authorization)) {
                send(exchange, 401, Map.of("error", "a valid bearer token is required"));
            } else if (path.startsWith("/api/stats/") && unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
                send(exchange, 503, Map.of("error", "the tables are not answering; try again"));
            } else {
                api(exchange, path, query);
            }
        }
    }

    private void api(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
        String route = path.startsWith("/api/stats/") ? path.substring("/api/stats/".length()) : "";
        if (path.equals("/api/live")) {
            send(exchange, 200, emptyLive());
            return;
        }
        if (path.equals("/api/replay/runs")) {
            send(exchange, 200, Map.of("runs", replayRuns));
            return;
        }
        if (path.equals("/api/sites")) {
            send(exchange, 200, Map.of("sites", sites));
            return;
        }
        if (!List.of("summary", "series", "breakdown", "details").contains(route)) {
            send(exchange, 404, Map.of("error", "not found"));
            return;
        }
        StatsQuery parsed = StatsQuery.parse(route, query, now);
        if (!parsed.valid()) {
            badRequest(exchange, parsed.reasons());
            return;
        }
        StatsFixture.Answer answer =
                switch (route) {
                    case "summary" -> StatsFixture.Answer.ok(StatsFixture.summary(parsed));
                    case "series" -> StatsFixture.series(parsed, now);
                    case "breakdown" -> StatsFixture.Answer.ok(StatsFixture.breakdown(parsed));
                    default -> StatsFixture.details(parsed);
                };
        if (answer.body() == null) {
            badRequest(exchange, answer.reasons());
        } else {
            send(exchange, 200, answer.body());
        }
    }

    private static void badRequest(HttpExchange exchange, List<String> reasons) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "bad request");
        body.put("reasons", reasons);
        send(exchange, 400, body);
    }

    /** What {@code /api/live} answers on an empty site: the live view when a test switches to it. */
    private Map<String, Object> emptyLive() {
        long at = now.toEpochMilli();
        List<Map<String, Object>> minutes = new java.util.ArrayList<>();
        for (int i = 29; i >= 0; i--) {
            minutes.add(Map.of("minute", at - i * 60_000L, "events", 0));
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("generated_at", at);
        stats.put("active_sessions", 0);
        stats.put("active_users", 0);
        stats.put("bot_sessions", 0);
        stats.put("events_last_minute", 0);
        stats.put("events_current_minute", 0);
        stats.put("events_last_30_minutes", 0);
        stats.put("events_per_minute", minutes);
        stats.put("median_session_duration_ms", 0);
        stats.put("top_pages", List.of());
        stats.put("top_referrers", List.of());
        stats.put("include_bots", false);
        Map<String, Object> sessions = new LinkedHashMap<>();
        sessions.put("generated_at", at);
        sessions.put("total", 0);
        sessions.put("include_bots", false);
        sessions.put("sessions", List.of());
        sessions.put("next_cursor", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stats", stats);
        body.put("active_sessions", sessions);
        return body;
    }

    private static void asset(HttpExchange exchange, String path) throws IOException {
        InputStream in = ASSET.matcher(path).matches() ? StatsApiStub.class.getResourceAsStream(ASSETS + path) : null;
        if (in == null) {
            send(exchange, 404, Map.of("error", "not found"));
            return;
        }
        byte[] bytes;
        try (in) {
            bytes = in.readAllBytes();
        }
        exchange.getResponseHeaders().set("Content-Type", TYPES.get(path.substring(path.lastIndexOf('.') + 1)));
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        write(exchange, 200, bytes);
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        write(exchange, status, JSON.writeValueAsBytes(body));
    }

    private static void write(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Decoded as the local edge decodes a query ({@code +} and {@code %20} are spaces); a repeated name keeps the last. */
    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.put(name, value);
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
