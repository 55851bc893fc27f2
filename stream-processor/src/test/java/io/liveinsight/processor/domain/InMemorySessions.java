package io.liveinsight.processor.domain;

import io.liveinsight.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Sessions items of one client session id in memory, written from {@link SessionUpdate} plans exactly as the
 * DynamoDB adapter writes them (segment items by ordinal, the counts on segment 0's item), for the laws.
 */
final class InMemorySessions {

    private final String clientSessionId;
    private final Map<Integer, Segment> items = new TreeMap<>();
    private int segments;
    private int sealed;
    private long sequence;

    InMemorySessions(String clientSessionId) {
        this.clientSessionId = clientSessionId;
    }

    private final Map<String, RecordPosition> ledger = new java.util.HashMap<>();

    /** Delivers the events as one new record (the next sequence number of shard "s0"); returns its position. */
    RecordPosition deliver(List<Event> events) {
        RecordPosition position = nextPosition();
        deliver(position, events);
        return position;
    }

    /**
     * Delivers a record (again, for a replay) through the ledger as the Events table does: an event id first
     * stored by this record is its own (replayed when stored before), one first stored by another is dropped.
     */
    void deliver(RecordPosition position, List<Event> events) {
        applyPositioned(ledger(position, events));
    }

    /** Delivers records as one batch (each the next sequence number), applied in one plan as the store does. */
    void deliverBatch(List<List<Event>> records) {
        List<PositionedEvent> owned = new ArrayList<>();
        for (List<Event> record : records) {
            owned.addAll(ledger(nextPosition(), record));
        }
        applyPositioned(owned);
    }

    /** The ledger's half of a delivery only: the Events items are written, then the worker dies. */
    void crashAfterLedger(RecordPosition position, List<Event> events) {
        ledger(position, events);
    }

    /**
     * A crash in the middle of a session's write: the ledger has every event, then only the first {@code applied}
     * owned events (in stream order) reach the session, as when the store splits a burst into two writes.
     */
    void crashAfterPartOfTheSession(RecordPosition position, List<Event> events, int applied) {
        List<PositionedEvent> owned = ledger(position, events);
        applyPositioned(owned.subList(0, Math.min(applied, owned.size())));
    }

    private List<PositionedEvent> ledger(RecordPosition position, List<Event> events) {
        List<PositionedEvent> owned = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            if (!seen.add(event.eventId())) {
                continue;
            }
            RecordPosition first = ledger.putIfAbsent(event.eventId(), position);
            if (first == null) {
                owned.add(new PositionedEvent(event, position.at(i), false));
            } else if (sameRecord(first, position)) {
                owned.add(new PositionedEvent(event, position.at(i), true));
            }
        }
        return owned;
    }

    RecordPosition nextPosition() {
        return position(++sequence);
    }

    static RecordPosition position(long sequence) {
        return RecordPosition.of("shardId-000000000000", Long.toString(sequence));
    }

    /** Applies events carried by the given record, as the ledger would hand them over. */
    SessionUpdate.Plan apply(RecordPosition position, List<Event> events, boolean replayed) {
        return applyPositioned(events.stream()
                .map(event -> new PositionedEvent(event, position, replayed))
                .toList());
    }

    SessionUpdate.Plan applyPositioned(List<PositionedEvent> events) {
        SessionUpdate.Plan plan = SessionUpdate.apply(stored(), clientSessionId, events);
        for (SessionUpdate.Write write : plan.writes()) {
            Segment before = items.get(write.segment().ordinal());
            long revision = before == null ? 0 : before.revision();
            if (revision != write.previousRevision()) {
                throw new IllegalStateException(
                        "revision " + revision + " but the plan expected " + write.previousRevision());
            }
            items.put(write.segment().ordinal(), write.segment());
        }
        plan.removals().forEach(removal -> items.remove(removal.ordinal()));
        segments = plan.after() == null ? segments : plan.after().segmentCount();
        sealed = plan.after() == null ? sealed : plan.after().sealed();
        return plan;
    }

    StoredSession stored() {
        if (items.isEmpty()) {
            return null;
        }
        List<Segment> open = new ArrayList<>();
        for (int ordinal = sealed; ordinal < segments; ordinal++) {
            open.add(items.get(ordinal));
        }
        return new StoredSession(clientSessionId, sealed, open, items.get(0));
    }

    /** Every segment's aggregate, in ordinal order (what a reader of the Sessions table sees). */
    List<SessionAggregate> aggregates() {
        return items.values().stream().map(Segment::aggregate).toList();
    }

    int itemCount() {
        return items.size();
    }

    /** Whether both are events of the same record. */
    private static boolean sameRecord(RecordPosition a, RecordPosition b) {
        return a.shardId().equals(b.shardId()) && a.sequence().equals(b.sequence());
    }
}
