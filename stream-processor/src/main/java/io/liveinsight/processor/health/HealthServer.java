package io.liveinsight.processor.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The consumer's own small HTTP server (JDK {@link HttpServer}, one virtual thread per request, apart from the
 * pipeline's threads): {@code GET /health} (200 or 503, {@link HealthReport#toJson()}), {@code GET /health/live}
 * (200 while the process runs its consumer loop, whatever the dependencies: for an orchestrator's liveness check)
 * and {@code GET /metrics} ({@link MetricsJson}).
 */
public final class HealthServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private HealthServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static HealthServer start(
            String host,
            int port,
            Supplier<HealthReport> health,
            BooleanSupplier live,
            Supplier<Map<String, Double>> metrics)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                route(exchange, health, live, metrics);
            }
        });
        server.start();
        return new HealthServer(server, executor);
    }

    private static void route(
            HttpExchange exchange,
            Supplier<HealthReport> health,
            BooleanSupplier live,
            Supplier<Map<String, Double>> metrics)
            throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            exchange.sendResponseHeaders(405, -1);
            return;
        }
        switch (path) {
            case "/health" -> {
                HealthReport report = health.get();
                send(exchange, report.httpStatus(), report.toJson());
            }
            case "/health/live" -> {
                boolean running = live.getAsBoolean();
                send(exchange, running ? 200 : 503, "{\"status\":\"" + (running ? "ok" : "stopped") + "\"}");
            }
            case "/metrics" -> send(exchange, 200, MetricsJson.format(metrics.get()));
            default -> send(exchange, 404, "{\"error\":\"not found\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** {@code http://host:port} as bound (the real port when 0 was asked). */
    public URI address() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
