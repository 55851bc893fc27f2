package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.n;

import io.liveinsight.processor.domain.Marks;
import io.liveinsight.processor.domain.Segment;
import io.liveinsight.processor.domain.SessionAggregate;
import io.liveinsight.processor.domain.SessionKey;
import io.liveinsight.processor.domain.SessionRules;
import io.liveinsight.processor.domain.SessionUpdate;
import io.liveinsight.processor.domain.SessionUpdate.Plan;
import io.liveinsight.processor.domain.StoredSession;
import io.liveinsight.processor.enrichment.Enrichment;
import io.liveinsight.processor.port.StoreUnavailableException;
import io.liveinsight.processor.port.StreamMetrics;
import io.liveinsight.processor.port.UserAgentParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The Sessions and ActiveSessions calls of {@link DynamoDbSessionStore}, each through its table's guard, every key
 * the session's site's ({@link SessionKey}, docs/contract/sites.md#isolation): reads and conditional writes of two
 * sites with the same client session id never meet.
 */
public final class SessionTables {

    private static final String NEW = "attribute_not_exists(#rv)";
    private static final String SAME = "#rv = :rv";
    private static final String NOT_NEWER = "attribute_not_exists(#rv) OR #rv <= :rv";
    private static final Map<String, String> RV = Map.of("#rv", SessionItems.REVISION);

    private final DynamoDbClient dynamoDb;
    private final String sessions;
    private final String active;
    private final TableGuard sessionsGuard;
    private final TableGuard activeGuard;
    private final StreamMetrics metrics;
    private final UserAgentParser parser;

    public SessionTables(
            DynamoDbClient dynamoDb,
            String sessions,
            String active,
            TableGuard sessionsGuard,
            TableGuard activeGuard,
            StreamMetrics metrics,
            UserAgentParser parser) {
        this.dynamoDb = dynamoDb;
        this.sessions = sessions;
        this.active = active;
        this.sessionsGuard = sessionsGuard;
        this.activeGuard = activeGuard;
        this.metrics = metrics;
        this.parser = parser;
    }

    String sessionsTable() {
        return sessions;
    }

    /** What is stored for a client session id (null session: nothing yet), and whether it was store format 1. */
    record Loaded(StoredSession session, boolean formatOne) {}

    Loaded load(SessionKey session) {
        String clientSessionId = session.clientSessionId();
        Map<String, AttributeValue> root = sessionsGuard
                .read(
                        "GetItem",
                        () -> dynamoDb.getItem(r -> r.tableName(sessions)
                                .key(SessionItems.key(session.value()))
                                .consistentRead(true)))
                .item();
        if (root == null || root.isEmpty()) {
            return new Loaded(null, false);
        }
        if (V1Items.isRoot(root)) {
            List<Segment> open = new ArrayList<>();
            List<SessionAggregate> segments = V1Items.segments(root);
            for (int i = 0; i < segments.size(); i++) {
                SessionAggregate aggregate = segments.get(i).withSessionId(SessionRules.segmentId(clientSessionId, i));
                open.add(new Segment(i, aggregate, Marks.NONE, 0));
            }
            return new Loaded(new StoredSession(clientSessionId, 0, open, open.get(0)), true);
        }
        if (!SessionItems.isFormat2(root)) {
            // A format-1 projection under a client's id (a later segment <id>~k of another client's session): not
            // a session of this client's. Its first write replaces it.
            return new Loaded(null, true);
        }
        Segment first = SessionItems.segment(root);
        int count = SessionItems.segmentCount(root);
        int sealed = SessionItems.sealedCount(root);
        List<Segment> open = new ArrayList<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int ordinal = Math.max(1, sealed); ordinal < count; ordinal++) {
            keys.add(SessionItems.key(session.segmentKey(ordinal)));
        }
        Map<Integer, Segment> later = readAll(keys);
        for (int ordinal = sealed; ordinal < count; ordinal++) {
            Segment segment = ordinal == 0 ? first : later.get(ordinal);
            if (segment == null) {
                throw new IllegalStateException(
                        "session " + clientSessionId + ": segment " + ordinal + " of " + count + " is missing");
            }
            open.add(segment);
        }
        return new Loaded(new StoredSession(clientSessionId, sealed, open, first), false);
    }

    /** One strongly consistent BatchGetItem per 100 keys; unprocessed keys (throttling) make the store unavailable. */
    private Map<Integer, Segment> readAll(List<Map<String, AttributeValue>> keys) {
        Map<Integer, Segment> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += 100) {
            List<Map<String, AttributeValue>> request = keys.subList(from, Math.min(keys.size(), from + 100));
            BatchGetItemResponse response = sessionsGuard.read(
                    "BatchGetItem",
                    () -> dynamoDb.batchGetItem(r -> r.requestItems(Map.of(
                            sessions,
                            KeysAndAttributes.builder()
                                    .keys(request)
                                    .consistentRead(true)
                                    .build()))));
            response.responses().getOrDefault(sessions, List.of()).forEach(item -> {
                Segment segment = SessionItems.segment(item);
                found.put(segment.ordinal(), segment);
            });
            KeysAndAttributes unprocessed = response.unprocessedKeys().get(sessions);
            if (unprocessed != null
                    && unprocessed.hasKeys()
                    && !unprocessed.keys().isEmpty()) {
                // Not retried here: the batch writer's hold is the one place a session write is tried again.
                metrics.throttled(sessions);
                throw new StoreUnavailableException(
                        "BatchGetItem " + sessions + " left "
                                + unprocessed.keys().size() + " keys unprocessed",
                        null);
            }
        }
        return found;
    }

    /** What one TransactWriteItems takes. */
    static final int MAX_TRANSACTION_ITEMS = 100;

    /** The Sessions items a plan writes or deletes (the client id's item included when only its counts change). */
    static int items(Plan plan, Loaded loaded) {
        boolean rootInWrites = plan.writes().stream().anyMatch(w -> w.segment().ordinal() == 0);
        boolean rootExtra = !rootInWrites
                && (plan.countsChanged() || loaded.formatOne())
                && !plan.writes().isEmpty();
        return plan.writes().size() + plan.removals().size() + (rootExtra ? 1 : 0);
    }

    /** Writes the plan's Sessions items; false when another writer changed one of them first. */
    boolean write(SessionKey session, Loaded loaded, Plan plan) {
        StoredSession after = plan.after();
        List<TransactWriteItem> items = new ArrayList<>();
        boolean rootWritten = false;
        for (SessionUpdate.Write write : plan.writes()) {
            Segment segment = write.segment();
            Map<String, AttributeValue> item = segment.ordinal() == 0
                    ? SessionItems.rootItem(session, segment, enrichment(segment), after.segmentCount(), after.sealed())
                    : SessionItems.segmentItem(session, segment, enrichment(segment));
            rootWritten |= segment.ordinal() == 0;
            items.add(put(item, write.previousRevision()));
        }
        if (!rootWritten && (plan.countsChanged() || loaded.formatOne())) {
            Segment first = after.first();
            Segment next = new Segment(0, first.aggregate(), first.marks(), first.revision() + 1);
            items.add(put(
                    SessionItems.rootItem(session, next, enrichment(next), after.segmentCount(), after.sealed()),
                    first.revision()));
        }
        for (SessionUpdate.Removal removal : plan.removals()) {
            items.add(TransactWriteItem.builder()
                    .delete(Delete.builder()
                            .tableName(sessions)
                            .key(SessionItems.key(session.segmentKey(removal.ordinal())))
                            .conditionExpression(SAME)
                            .expressionAttributeNames(RV)
                            .expressionAttributeValues(Map.of(":rv", n(removal.revision())))
                            .build())
                    .build());
        }
        return items.size() == 1 ? putOne(items.get(0).put()) : transact(items);
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, long previousRevision) {
        Put.Builder put = Put.builder().tableName(sessions).item(item).expressionAttributeNames(RV);
        if (previousRevision == 0) {
            put.conditionExpression(NEW);
        } else {
            put.conditionExpression(SAME).expressionAttributeValues(Map.of(":rv", n(previousRevision)));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private boolean putOne(Put put) {
        try {
            ConsumedCapacity consumed = sessionsGuard
                    .write(
                            "PutItem",
                            units(put.item()),
                            () -> dynamoDb.putItem(r -> r.tableName(put.tableName())
                                    .item(put.item())
                                    .conditionExpression(put.conditionExpression())
                                    .expressionAttributeNames(put.expressionAttributeNames())
                                    .expressionAttributeValues(
                                            put.hasExpressionAttributeValues() ? put.expressionAttributeValues() : null)
                                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)))
                    .consumedCapacity();
            record(sessions, consumed);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private boolean transact(List<TransactWriteItem> items) {
        int units = items.stream()
                .mapToInt(i -> i.put() == null ? 2 : 2 * units(i.put().item()))
                .sum();
        try {
            sessionsGuard
                    .write(
                            "TransactWriteItems",
                            units,
                            () -> dynamoDb.transactWriteItems(
                                    r -> r.transactItems(items).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)))
                    .consumedCapacity()
                    .forEach(consumed -> record(consumed.tableName(), consumed));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.hasCancellationReasons()
                    && e.cancellationReasons().stream()
                            .map(CancellationReason::code)
                            .anyMatch("ConditionalCheckFailed"::equals)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * After a write: puts the segment's ActiveSessions item unless a newer one is there. A segment no longer active
     * gets none; if its key held another segment before (a renumbering moved that one to a later ordinal), the
     * projection left under the key is removed, or the live view would show the moved segment twice. A replayed
     * segment gets none either: ActiveSessions holds live sessions only, a run's active sessions are read through
     * Sessions' {@code ReplayIndex} (docs/contract/replay.md#where-a-run-shows), and a segment a replayed event moved
     * into a run loses the projection it had as a live one.
     */
    void project(SessionKey session, SessionUpdate.Write write, long now) {
        Segment segment = write.segment();
        if (segment.aggregate().expiresAt() * 1000 <= now || segment.aggregate().replayRun() != null) {
            if (write.previousRevision() > 0) {
                unproject(session, new SessionUpdate.Removal(segment.ordinal(), segment.revision()));
            }
            return;
        }
        project(session, segment, now);
    }

    /** Puts a segment's ActiveSessions item unless a newer one is there, or the segment is no longer active. */
    void project(SessionKey session, Segment segment, long now) {
        if (segment.revision() == 0
                || segment.aggregate().expiresAt() * 1000 <= now
                || segment.aggregate().replayRun() != null) {
            return;
        }
        Map<String, AttributeValue> item = SessionItems.activeItem(session, segment, enrichment(segment));
        try {
            record(
                    active,
                    activeGuard
                            .write(
                                    "PutItem",
                                    units(item),
                                    () -> dynamoDb.putItem(r -> r.tableName(active)
                                            .item(item)
                                            .conditionExpression(NOT_NEWER)
                                            .expressionAttributeNames(RV)
                                            .expressionAttributeValues(Map.of(":rv", n(segment.revision())))
                                            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)))
                            .consumedCapacity());
        } catch (ConditionalCheckFailedException e) {
            // A newer projection is there already.
        }
    }

    /** Removes the ActiveSessions item of a segment that merged into another, unless a newer one replaced it. */
    void unproject(SessionKey session, SessionUpdate.Removal removal) {
        try {
            activeGuard.write(
                    "DeleteItem",
                    1,
                    () -> dynamoDb.deleteItem(r -> r.tableName(active)
                            .key(SessionItems.key(session.segmentKey(removal.ordinal())))
                            .conditionExpression(NOT_NEWER)
                            .expressionAttributeNames(RV)
                            .expressionAttributeValues(Map.of(":rv", n(removal.revision())))));
        } catch (ConditionalCheckFailedException e) {
            // A newer segment took that ordinal again.
        }
    }

    /**
     * What a segment's items carry of its first touch (docs/contract/events.md#enrichment): the session's first segment
     * only. A later segment's items are the largest of their tables (991 and 910 bytes on the session-length
     * benchmark); with the enrichment they measured 1,115 and 1,034 bytes, and 3.8 write units a batch instead of 2.
     */
    private Enrichment enrichment(Segment segment) {
        return segment.ordinal() == 0 ? Enrichment.firstTouch(segment.aggregate(), parser) : null;
    }

    private void record(String table, ConsumedCapacity consumed) {
        if (consumed != null && consumed.capacityUnits() != null) {
            metrics.writeUnits(table, consumed.capacityUnits());
        }
    }

    /** Write units an item costs: one per started KB. */
    private static int units(Map<String, AttributeValue> item) {
        return 1 + ItemSize.bytes(item) / 1024;
    }
}
