package io.liveinsight.local;

import io.liveinsight.processor.health.HealthReport;
import java.util.LinkedHashMap;
import java.util.Map;

/** Each dependency up or down; healthy only when all are up. JSON as the consumer's ({@link HealthReport}). */
public record Health(Map<String, Boolean> dependencies) {

    public Health {
        dependencies = new LinkedHashMap<>(dependencies);
    }

    public boolean healthy() {
        return report().healthy();
    }

    public String toJson() {
        return report().toJson();
    }

    private HealthReport report() {
        return new HealthReport(dependencies);
    }
}
