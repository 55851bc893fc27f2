package io.liveinsight.processor.port;

import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.domain.StoredSession;
import java.util.List;

/** The Sessions and ActiveSessions tables. */
public interface SessionStore {

    /**
     * Applies one client session id's events from one batch, exactly once: the events are those the Events ledger
     * gave this batch's records (client resends are gone already), and a replay of a record whose events were
     * counted (KCL, a second worker during a lease handover, a Lambda retry) changes nothing.
     *
     * @throws StoreUnavailableException when the tables cannot be written now; repeating the call is safe
     * @throws RejectedEventsException for events that can never be stored; the others were
     */
    void apply(String clientSessionId, List<PositionedEvent> events);

    /**
     * What is stored for a client session id now, read before the rollups of a batch are planned; the default, for
     * stores that keep nothing the rollups need, knows nothing.
     *
     * @throws StoreUnavailableException when the tables cannot be read now
     */
    default Snapshot read(String clientSessionId) {
        return Snapshot.UNKNOWN;
    }

    /** {@link #apply(String, List)}, starting from what {@link #read} returned (read again if it changed since). */
    default void apply(String clientSessionId, List<PositionedEvent> events, Snapshot read) {
        apply(clientSessionId, events);
    }

    /**
     * @param session what is stored (null: nothing)
     * @param state the store's own record of the read, handed back to {@link #apply(String, List, Snapshot)}
     */
    record Snapshot(StoredSession session, Object state) {
        public static final Snapshot UNKNOWN = new Snapshot(null, null);
    }
}
