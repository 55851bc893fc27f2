package io.liveinsight.processor.adapter.dynamodb;

import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.domain.Segment;
import io.liveinsight.processor.domain.SessionKey;
import io.liveinsight.processor.domain.SessionUpdate;
import io.liveinsight.processor.domain.SessionUpdate.Plan;
import io.liveinsight.processor.port.RejectedEventsException;
import io.liveinsight.processor.port.SessionStore;
import io.liveinsight.processor.port.StoreUnavailableException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Exactly-once session writes at a cost that does not grow with the session: read the client id's item (strongly
 * consistent) and the session's other open segments, let {@link SessionUpdate} decide (pure), write what changed on
 * condition that each item's revision is still what was read, then the ActiveSessions projections. One segment
 * changed (nearly every batch): one conditional PutItem. Segments created, merged or renumbered: one
 * TransactWriteItems, so a session is never half-restructured. A concurrent writer (lease handover) fails a
 * condition and the read-decide-write starts over.
 *
 * <p>The session is named by its stored key ({@link SessionKey#value()}: the client's id for the default site,
 * {@code s~<site>~<id>} for another); the domain decides on the client's id, the items are keyed by the site's keys
 * (docs/contract/sites.md#isolation).
 */
public final class DynamoDbSessionStore implements SessionStore {

    private static final int MAX_CONFLICTS = 10;

    private final SessionTables tables;
    private final Clock clock;

    public DynamoDbSessionStore(SessionTables tables, Clock clock) {
        this.tables = tables;
        this.clock = clock;
    }

    @Override
    public void apply(String sessionKey, List<PositionedEvent> events) {
        apply(sessionKey, events, Snapshot.UNKNOWN);
    }

    @Override
    public Snapshot read(String sessionKey) {
        try {
            SessionTables.Loaded loaded = tables.load(SessionKey.parse(sessionKey));
            return new Snapshot(loaded.session(), loaded);
        } catch (SdkException e) {
            StoreUnavailableException unavailable = DynamoDbErrors.translate(tables.sessionsTable(), "session read", e);
            throw unavailable != null ? unavailable : e;
        }
    }

    @Override
    public void apply(String sessionKey, List<PositionedEvent> events, Snapshot read) {
        String table = tables.sessionsTable();
        SessionKey session = SessionKey.parse(sessionKey);
        try {
            List<PositionedEvent> inStreamOrder = events.stream()
                    .sorted(Comparator.comparing(e -> e.position().order()))
                    .toList();
            SessionTables.Loaded first = read.state() instanceof SessionTables.Loaded loaded ? loaded : null;
            applyInOrder(session, inStreamOrder, first);
        } catch (SdkException e) {
            StoreUnavailableException unavailable = DynamoDbErrors.translate(table, "session write", e);
            if (unavailable != null) {
                throw unavailable;
            }
            throw new RejectedEventsException(
                    "session " + sessionKey + " refused: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    events.stream().map(PositionedEvent::event).toList(),
                    e);
        }
    }

    /**
     * Where a burst is cut in two: at the record boundary nearest the middle, so each record is applied whole, as
     * the rollups planned it (past 24 hours the cut of a session depends on the order events are taken in); the
     * middle when the events are all one record's.
     */
    static int halfAtARecord(List<PositionedEvent> events) {
        int middle = events.size() / 2;
        int best = -1;
        for (int i = 1; i < events.size(); i++) {
            boolean boundary = !events.get(i)
                    .position()
                    .sequence()
                    .equals(events.get(i - 1).position().sequence());
            if (boundary && (best < 0 || Math.abs(i - middle) < Math.abs(best - middle))) {
                best = i;
            }
        }
        return best < 0 ? middle : best;
    }

    /**
     * Applies the events in stream order. When they would restructure more items than one transaction takes (a
     * burst of events hours apart: one segment each), the first half goes first, then the second: what is applied
     * stays a prefix of the stream, which is what the marks rely on.
     */
    private void applyInOrder(SessionKey session, List<PositionedEvent> events, SessionTables.Loaded read) {
        String sessionKey = session.value(); // in messages: the key the dead letters and the logs know
        SessionTables.Loaded known = read;
        for (int conflict = 0; conflict < MAX_CONFLICTS; conflict++) {
            SessionTables.Loaded loaded = known != null ? known : tables.load(session);
            known = null;
            Plan plan = SessionUpdate.apply(loaded.session(), session.clientSessionId(), events);
            if (SessionTables.items(plan, loaded) > SessionTables.MAX_TRANSACTION_ITEMS) {
                if (events.size() == 1) {
                    throw new RejectedEventsException(
                            "session " + sessionKey + ": one event would rewrite more than "
                                    + SessionTables.MAX_TRANSACTION_ITEMS + " segments",
                            List.of(events.get(0).event()),
                            null);
                }
                int half = halfAtARecord(events);
                applyInOrder(session, events.subList(0, half), loaded);
                applyInOrder(session, events.subList(half, events.size()), null);
                return;
            }
            if (!plan.writes().isEmpty() && !tables.write(session, loaded, plan)) {
                continue; // another writer got there first
            }
            long now = clock.millis();
            for (SessionUpdate.Write write : plan.writes()) {
                tables.project(session, write, now);
            }
            for (Segment segment : plan.replayedInto()) {
                tables.project(session, segment, now);
            }
            plan.removals().forEach(removal -> tables.unproject(session, removal));
            if (!plan.tooOld().isEmpty()) {
                throw new RejectedEventsException(
                        "session " + sessionKey + ": " + plan.tooOld().size()
                                + " events older than its sealed segments allow",
                        plan.tooOld().stream().map(PositionedEvent::event).toList(),
                        null);
            }
            return;
        }
        throw new StoreUnavailableException(
                "session " + session.value() + " kept changing under " + MAX_CONFLICTS + " writes", null);
    }
}
