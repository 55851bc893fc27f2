package io.liveinsight.processor.port;

import io.liveinsight.processor.domain.PositionedEvent;
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
}
