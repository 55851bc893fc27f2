package io.liveinsight.load.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.liveinsight.event.contract.MetricNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** The consumer's totals at the local stack's {@code GET /metrics} (what CloudWatch gets in AWS). */
public final class StackMetrics {

    public static final String EVENTS_PROCESSED = MetricNames.EVENTS_PROCESSED;
    /** The per-table totals are named {@code WriteUnitsConsumed|<table>}. */
    static final String WRITE_UNITS = MetricNames.WRITE_UNITS + "|";

    static final String MILLIS_BEHIND = MetricNames.MILLIS_BEHIND_LATEST;

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI edge;
    private final URI metrics;

    public StackMetrics(URI edge) {
        this.edge = edge;
        this.metrics = edge.resolve("/metrics");
    }

    public URI edge() {
        return edge;
    }

    public Map<String, Double> read() {
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(metrics)
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode root = JsonMapper.builder().build().readTree(response.body());
            Map<String, Double> out = new TreeMap<>();
            root.properties().forEach(e -> out.put(e.getKey(), e.getValue().asDouble()));
            return out;
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    public double get(String key) {
        return read().getOrDefault(key, 0.0);
    }
}
