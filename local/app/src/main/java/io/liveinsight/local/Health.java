package io.liveinsight.local;

import io.liveinsight.processor.archive.ArchiveStatus;
import io.liveinsight.processor.health.HealthReport;
import java.util.Map;

/**
 * What {@code GET /health} on the edge answers: the consumer's {@link HealthReport} (same JSON, same rules: 503 when
 * a dependency is down or misconfigured, or a shard is stuck), or the dependencies alone when no consumer runs here;
 * with the archive on, its {@code archive} dependency and an {@code archive} object saying why
 * ({@link ArchiveStatus#toJson()}).
 *
 * @param archive the archiver's state, or null when the archive is off (or not started yet)
 */
public record Health(HealthReport report, ArchiveStatus archive) {

    public Health(HealthReport report) {
        this(report, null);
    }

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
        String json = report.toJson();
        if (archive == null) {
            return json;
        }
        // The report is one JSON object: the archive's object goes in as its last member.
        return json.substring(0, json.length() - 1) + ",\"archive\":" + archive.toJson() + "}";
    }
}
