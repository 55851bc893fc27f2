package io.liveinsight.load.check;

import static io.liveinsight.event.contract.ItemAttributes.SESSION_ID;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.liveinsight.load.replay.Beacon;
import io.liveinsight.load.replay.SendResult;
import io.liveinsight.load.replay.Sender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Measures PutRecords-to-ActiveSessions: sends a one-event request for a fresh session and polls ActiveSessions for it.
 * The clock starts when the edge answers 200 (it answers only after PutRecords stored the record) and stops when the
 * item is readable. Polls every 20 ms for the first second, then every 250 ms (so as not to load DynamoDB Local).
 */
public final class ActiveSessionProbe {

    /** One probe: when it was acknowledged (ns, System.nanoTime) and how long until the item appeared (-1: never). */
    public record Sample(long ackedAtNanos, double latencyMs) {}

    private final Sender sender;
    private final DynamoDbClient dynamoDb;
    private final String activeSessions;
    private final String runId;
    private final AtomicLong counter = new AtomicLong();
    private final List<Map<String, Object>> sent = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ActiveSessionProbe(Sender sender, DynamoDbClient dynamoDb, String activeSessions, String runId) {
        this.sender = sender;
        this.dynamoDb = dynamoDb;
        this.activeSessions = activeSessions;
        this.runId = runId;
    }

    public Sample probe(long timeoutMs) throws InterruptedException {
        return probe("probe-" + runId + "-" + counter.getAndIncrement(), timeoutMs);
    }

    /**
     * A probe in the given session (a fresh one per probe: the item must not exist before). Resent while the edge
     * answers 503, for at most {@code timeoutMs}; then a failed sample.
     */
    public Sample probe(String sessionId, long timeoutMs) throws InterruptedException {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event_id", sessionId);
        event.put(SESSION_ID, sessionId);
        event.put("user_id", "probe-user");
        event.put("event_type", "page_view");
        event.put("page_url", "https://shop.example.com/probe");
        event.put("user_agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0");
        event.put("timestamp", System.currentTimeMillis());
        String body;
        try {
            body = JsonMapper.builder().build().writeValueAsString(List.of(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Beacon beacon = new Beacon(0, (String) event.get(SESSION_ID), body, List.of(event));
        long giveUp = System.nanoTime() + timeoutMs * 1_000_000;
        SendResult result = sender.send(beacon);
        while (result.isRetryable() && System.nanoTime() < giveUp) {
            Thread.sleep(Math.max(100, result.retryAfterMs()));
            result = sender.send(beacon);
        }
        long acked = System.nanoTime();
        if (result.status() != 200) {
            return new Sample(acked, -1);
        }
        sent.add(event);
        Map<String, AttributeValue> key = Map.of(SESSION_ID, AttributeValue.fromS((String) event.get(SESSION_ID)));
        long deadline = acked + timeoutMs * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (dynamoDb.getItem(r -> r.tableName(activeSessions).key(key)).hasItem()) {
                return new Sample(acked, (System.nanoTime() - acked) / 1e6);
            }
            Thread.sleep(System.nanoTime() - acked < 1_000_000_000L ? 20 : 250);
        }
        return new Sample(acked, -1);
    }

    /** Every probe event the edge acknowledged, for the exactly-once check. */
    public List<Map<String, Object>> sentEvents() {
        return List.copyOf(sent);
    }
}
