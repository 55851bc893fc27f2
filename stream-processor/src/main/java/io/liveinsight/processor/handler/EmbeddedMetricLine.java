package io.liveinsight.processor.handler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.event.contract.MetricNames;
import java.util.Map;

/**
 * One CloudWatch Embedded Metric Format line: in Lambda, printing it is how metrics reach CloudWatch with no API
 * call. Every metric has the one dimension {@code Stage}; per-table figures ({@code Name|Table}) are summed into
 * their name here.
 */
final class EmbeddedMetricLine {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddedMetricLine() {}

    static String of(Map<String, Double> values, String stage, long timestampMillis) {
        ObjectNode line = JSON.createObjectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", timestampMillis);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", MetricNames.NAMESPACE);
        directive.putArray("Dimensions").addArray().add(MetricNames.STAGE_DIMENSION);
        line.put(MetricNames.STAGE_DIMENSION, stage);
        ArrayNode metrics = directive.putArray("Metrics");
        values.forEach((key, value) -> {
            String name = key.split("\\|", 2)[0];
            if (!line.has(name)) {
                metrics.addObject()
                        .put("Name", name)
                        .put("Unit", MetricNames.isMilliseconds(name) ? "Milliseconds" : "Count");
                line.put(name, 0.0);
            }
            line.put(name, line.get(name).asDouble() + value);
        });
        return line.toString();
    }
}
