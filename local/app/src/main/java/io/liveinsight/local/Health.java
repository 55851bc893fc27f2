package io.liveinsight.local;

import io.liveinsight.processor.health.HealthReport;
import java.util.Map;

/**
 * What {@code GET /health} on the edge answers: the consumer's {@link HealthReport} (same JSON, same rules: 503 when
 * a dependency is down or misconfigured, or a shard is stuck), or the dependencies alone when no consumer runs here.
 */
public record Health(HealthReport report) {

    /** Dependencies alone (no consumer in this process, or not started yet). */
    public Health(Map<String, Boolean> dependencies) {
        this(new HealthReport(dependencies));
    }

    public boolean healthy() {
        return report.healthy();
    }

    /** 200 when healthy, else 503. */
    public int httpStatus() {
        return report.httpStatus();
    }

    public String toJson() {
        return report.toJson();
    }
}
