package io.liveinsight.processor.pipeline.rollups;

import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.domain.Segment;
import io.liveinsight.processor.domain.SessionKey;
import io.liveinsight.processor.domain.SessionUpdate;
import io.liveinsight.processor.domain.StoredSession;
import io.liveinsight.processor.port.RejectedEventsException;
import io.liveinsight.processor.port.SessionStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The Sessions table in memory, written from {@link SessionUpdate} plans as {@code DynamoDbSessionStore} writes
 * them: a client session id's segment items by ordinal, its counts of segments and sealed ones, events applied in
 * stream order from what is stored when the write happens (the adapter reads again when its snapshot is stale), and
 * events older than the sealed segments allow refused after the rest is written. Sessions are named by their stored
 * key ({@link SessionKey}): the plans are made on the client's id, as the adapter makes them.
 */
final class InMemorySessionStore implements SessionStore {

    private static final class Items {
        final Map<Integer, Segment> byOrdinal = new TreeMap<>();
        int segments;
        int sealed;
    }

    private final Map<String, Items> byClientId = new HashMap<>();
    private final Supplier<Fault> fault;
    private final Random random;
    private int writesThisBatch;
    private int writesBeforeCrash = -1;

    InMemorySessionStore(Supplier<Fault> fault, Random random) {
        this.fault = fault;
        this.random = random;
    }

    /** Called before each batch: how many sessions {@link Fault#AFTER_SOME_SESSIONS} lets through. */
    void startBatch() {
        writesThisBatch = 0;
        writesBeforeCrash = -1;
    }

    @Override
    public synchronized Snapshot read(String clientSessionId) {
        return new Snapshot(stored(clientSessionId), null);
    }

    @Override
    public void apply(String clientSessionId, List<PositionedEvent> events) {
        apply(clientSessionId, events, Snapshot.UNKNOWN);
    }

    @Override
    public synchronized void apply(String clientSessionId, List<PositionedEvent> events, Snapshot read) {
        if (fault.get() == Fault.AFTER_SOME_SESSIONS) {
            if (writesBeforeCrash < 0) {
                writesBeforeCrash = random.nextInt(3);
            }
            if (writesThisBatch++ >= writesBeforeCrash) {
                throw new Crash("after " + writesBeforeCrash + " sessions");
            }
        }
        List<PositionedEvent> inStreamOrder = events.stream()
                .sorted(Comparator.comparing(e -> e.position().order()))
                .toList();
        if (fault.get() == Fault.MID_SESSION) {
            write(clientSessionId, inStreamOrder.subList(0, random.nextInt(inStreamOrder.size() + 1)));
            throw new Crash("in the middle of session " + clientSessionId);
        }
        SessionUpdate.Plan plan = write(clientSessionId, inStreamOrder);
        if (!plan.tooOld().isEmpty()) {
            throw new RejectedEventsException(
                    "too old",
                    plan.tooOld().stream().map(PositionedEvent::event).toList(),
                    null);
        }
    }

    private SessionUpdate.Plan write(String clientSessionId, List<PositionedEvent> events) {
        SessionUpdate.Plan plan = SessionUpdate.apply(
                stored(clientSessionId), SessionKey.parse(clientSessionId).clientSessionId(), events);
        Items items = byClientId.computeIfAbsent(clientSessionId, id -> new Items());
        for (SessionUpdate.Write write : plan.writes()) {
            Segment before = items.byOrdinal.get(write.segment().ordinal());
            long revision = before == null ? 0 : before.revision();
            if (revision != write.previousRevision()) {
                throw new IllegalStateException(
                        "revision " + revision + " but the plan expected " + write.previousRevision());
            }
            items.byOrdinal.put(write.segment().ordinal(), write.segment());
        }
        plan.removals().forEach(removal -> items.byOrdinal.remove(removal.ordinal()));
        if (plan.after() != null) {
            items.segments = plan.after().segmentCount();
            items.sealed = plan.after().sealed();
        }
        return plan;
    }

    private StoredSession stored(String clientSessionId) {
        Items items = byClientId.get(clientSessionId);
        if (items == null || items.byOrdinal.isEmpty()) {
            return null;
        }
        List<Segment> open = new ArrayList<>();
        for (int ordinal = items.sealed; ordinal < items.segments; ordinal++) {
            open.add(items.byOrdinal.get(ordinal));
        }
        return new StoredSession(
                SessionKey.parse(clientSessionId).clientSessionId(), items.sealed, open, items.byOrdinal.get(0));
    }

    /** Every stored segment of every client session id, sealed ones included (what a reader of Sessions sees). */
    synchronized List<Segment> segments() {
        List<Segment> all = new ArrayList<>();
        byClientId.values().forEach(items -> all.addAll(items.byOrdinal.values()));
        return all;
    }

    /** {@link #segments()}, each with its site. */
    synchronized List<RollupReference.SiteSession> segmentsWithSites() {
        List<RollupReference.SiteSession> all = new ArrayList<>();
        byClientId.forEach((key, items) -> items.byOrdinal
                .values()
                .forEach(segment -> all.add(
                        new RollupReference.SiteSession(SessionKey.parse(key).site(), segment.aggregate()))));
        return all;
    }
}
