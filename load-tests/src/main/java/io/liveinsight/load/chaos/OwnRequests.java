package io.liveinsight.load.chaos;

import static io.liveinsight.event.contract.ItemAttributes.EVENT_ID;
import static io.liveinsight.event.contract.ItemAttributes.SESSION_ID;
import static io.liveinsight.event.contract.ItemAttributes.TOTAL_EVENTS;

import io.liveinsight.event.SessionIds;
import io.liveinsight.load.replay.Beacon;
import io.liveinsight.load.replay.SendResult;
import io.liveinsight.load.replay.Sender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The requests the steps send themselves (hostile ids, the long session, late resends), through the same counting
 * clients as the traffic: each is sent again on 503 or no answer until the edge acknowledges every event in it, and
 * its events join what the tables must hold.
 */
final class OwnRequests {

    private final Sender clients;
    private final DynamoDbClient dynamoDb;
    private final String sessionsTable;
    private final Map<String, Map<String, Object>> events = new LinkedHashMap<>();

    OwnRequests(Sender clients, DynamoDbClient dynamoDb, String sessionsTable) {
        this.clients = clients;
        this.dynamoDb = dynamoDb;
        this.sessionsTable = sessionsTable;
    }

    /** Sends new events until acknowledged whole; returns the request and when. Throws when the edge refuses one. */
    CountingSender.Acknowledged send(List<Map<String, Object>> requestEvents) {
        CountingSender.Acknowledged sent = sendWhole(requestEvents);
        synchronized (this) {
            requestEvents.forEach(e -> events.putIfAbsent((String) e.get(EVENT_ID), e));
        }
        return sent;
    }

    /** Sends events acknowledged before (by these steps or the traffic) again, until acknowledged whole. */
    void resend(List<Map<String, Object>> requestEvents) {
        sendWhole(requestEvents);
    }

    private CountingSender.Acknowledged sendWhole(List<Map<String, Object>> requestEvents) {
        Beacon beacon = Requests.beacon(requestEvents);
        SendResult result = clients.send(beacon);
        while (result.isRetryable()) {
            ChaosStack.sleep(Math.max(200, result.retryAfterMs()));
            result = clients.send(beacon);
        }
        if (result.status() != 200 || result.acceptedEventIds().size() != beacon.eventCount()) {
            throw new IllegalStateException(String.format(
                    "the edge did not take a request of session %s whole: HTTP %d, %d of %d events accepted",
                    beacon.sessionId(),
                    result.status(),
                    result.acceptedEventIds().size(),
                    beacon.eventCount()));
        }
        return new CountingSender.Acknowledged(beacon, System.nanoTime());
    }

    /**
     * Seconds from {@code sinceNanos} until the Sessions item of {@code sessionId} exists (read past the faults,
     * strongly consistent); throws after {@code timeoutMs}: the attack's order depends on it.
     */
    double awaitStored(String sessionId, long sinceNanos, long timeoutMs) {
        Map<String, AttributeValue> key = Map.of(SESSION_ID, AttributeValue.fromS(sessionId));
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!dynamoDb.getItem(r -> r.tableName(sessionsTable).key(key).consistentRead(true))
                .hasItem()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Sessions item " + SessionIds.clientSessionId(sessionId)
                        + (SessionIds.isDerived(sessionId) ? " (a later segment)" : "")
                        + " not stored within " + timeoutMs / 1000 + " s");
            }
            ChaosStack.sleep(50);
        }
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    /**
     * Events the Sessions table holds for a client session id: the total over its first {@code segments} segments
     * (read past the faults, strongly consistent; a segment not stored yet counts 0).
     */
    long storedEvents(String clientSessionId, int segments) {
        long total = 0;
        for (int ordinal = 0; ordinal < segments; ordinal++) {
            Map<String, AttributeValue> key =
                    Map.of(SESSION_ID, AttributeValue.fromS(SessionIds.segmentId(clientSessionId, ordinal)));
            Map<String, AttributeValue> item = dynamoDb.getItem(
                            r -> r.tableName(sessionsTable).key(key).consistentRead(true))
                    .item();
            if (item != null && item.containsKey(TOTAL_EVENTS)) {
                total += Long.parseLong(item.get(TOTAL_EVENTS).n());
            }
        }
        return total;
    }

    /** Every event acknowledged so far, by event id. */
    synchronized Map<String, Map<String, Object>> events() {
        return new LinkedHashMap<>(events);
    }

    synchronized boolean isOwn(Beacon beacon) {
        return !beacon.isMalformed()
                && events.containsKey((String) beacon.events().get(0).get(EVENT_ID));
    }
}
