package io.liveinsight.processor.health;

import java.util.Map;
import java.util.stream.Collectors;

/** The one JSON form of {@code GET /metrics}: the consumer's totals since start, {@code {"EventsProcessed":12.0}}. */
public final class MetricsJson {

    private MetricsJson() {}

    public static String format(Map<String, Double> values) {
        return values.entrySet().stream()
                .map(e -> "\"" + e.getKey().replace("\"", "") + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }
}
