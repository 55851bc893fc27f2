package io.liveinsight.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.liveinsight.processor.health.MetricsJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/** {@code GET /metrics}: the consumer's figures since start (what CloudWatch gets in AWS), as JSON. */
final class MetricsRoute implements HttpHandler {

    private final Supplier<Map<String, Double>> metrics;

    MetricsRoute(Supplier<Map<String, Double>> metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = json(metrics.get()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static String json(Map<String, Double> values) {
        return MetricsJson.format(values);
    }
}
