package io.liveinsight.processor.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON shape of {@code GET /health}, for the consumer's health server and the local stack's edge alike:
 * {@code {"status":"ok","dependencies":{"kinesis":"up","dynamodb":"up","consumer":"up"},
 * "shards":{"stuck":[],"oldest_unstored_batch_ms":0,"oldest_unstored_record_ms":0}}}. 200 only when every dependency
 * is up and no shard is stuck; otherwise 503 with status {@code unavailable} (a dependency is down, or misconfigured:
 * {@code "dynamodb":"misconfigured: <why>"}) or {@code degraded} (every dependency answers but a shard is stuck: a
 * batch has waited unstored past the threshold).
 *
 * @param dependencies each dependency up or down, in the order shown
 * @param misconfigured dependencies that answer but refuse this consumer (AccessDenied, ResourceNotFound, bad
 *     credentials), with why: each counts as down, shown as {@code misconfigured: <why>}
 * @param shards the consumer's shards, or null where there is no consumer to report (no {@code shards} entry)
 */
public record HealthReport(Map<String, Boolean> dependencies, Map<String, String> misconfigured, Shards shards) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public HealthReport {
        dependencies = Collections.unmodifiableMap(new LinkedHashMap<>(dependencies));
        misconfigured = Collections.unmodifiableMap(new LinkedHashMap<>(misconfigured));
    }

    /** Dependencies alone: no misconfiguration, no shards. */
    public HealthReport(Map<String, Boolean> dependencies) {
        this(dependencies, Map.of(), null);
    }

    /**
     * The consumer's shards right now.
     *
     * @param stuck shards whose waiting batch has passed the threshold ({@code STUCK_SHARD_AFTER_MS})
     * @param oldestUnstoredBatchMillis how long the oldest batch received and not yet stored has waited
     * @param oldestUnstoredRecordMillis how long the oldest record of such a batch has been on the stream
     */
    public record Shards(List<String> stuck, long oldestUnstoredBatchMillis, long oldestUnstoredRecordMillis) {

        public Shards {
            stuck = List.copyOf(stuck);
        }
    }

    /** {@code ok}, {@code degraded} (a stuck shard) or {@code unavailable} (a dependency down or misconfigured). */
    public String status() {
        if (!misconfigured.isEmpty() || !dependencies.values().stream().allMatch(Boolean::booleanValue)) {
            return "unavailable";
        }
        return shards != null && !shards.stuck().isEmpty() ? "degraded" : "ok";
    }

    public boolean healthy() {
        return status().equals("ok");
    }

    /** 200 when healthy, else 503. */
    public int httpStatus() {
        return healthy() ? 200 : 503;
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", status());
        ObjectNode deps = root.putObject("dependencies");
        dependencies.forEach((name, up) -> deps.put(name, up ? "up" : "down"));
        misconfigured.forEach((name, why) -> deps.put(name, "misconfigured: " + why));
        if (shards != null) {
            ObjectNode node = root.putObject("shards");
            shards.stuck().forEach(node.putArray("stuck")::add);
            node.put("oldest_unstored_batch_ms", shards.oldestUnstoredBatchMillis());
            node.put("oldest_unstored_record_ms", shards.oldestUnstoredRecordMillis());
        }
        return root.toString();
    }
}
