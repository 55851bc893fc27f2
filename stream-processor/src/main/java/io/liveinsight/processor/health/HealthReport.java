package io.liveinsight.processor.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Each dependency up or down, in the order given; healthy only when all are up. The one JSON shape of {@code GET
 * /health}, for the consumer's health server and the local stack's edge alike:
 * {@code {"status":"ok","dependencies":{"kinesis":"up","dynamodb":"up","consumer":"up"}}}, or status
 * {@code unavailable} with the ones that are down.
 */
public record HealthReport(Map<String, Boolean> dependencies) {

    public HealthReport {
        dependencies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dependencies));
    }

    public boolean healthy() {
        return dependencies.values().stream().allMatch(Boolean::booleanValue);
    }

    /** 200 when healthy, else 503. */
    public int httpStatus() {
        return healthy() ? 200 : 503;
    }

    public String toJson() {
        String deps = dependencies.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + (e.getValue() ? "up" : "down") + "\"")
                .collect(Collectors.joining(","));
        return "{\"status\":\"" + (healthy() ? "ok" : "unavailable") + "\",\"dependencies\":{" + deps + "}}";
    }
}
