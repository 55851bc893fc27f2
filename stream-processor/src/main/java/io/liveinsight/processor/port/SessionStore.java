package io.liveinsight.processor.port;

import io.liveinsight.event.Event;
import java.util.List;

/** The Sessions and ActiveSessions tables. */
public interface SessionStore {

    /**
     * Applies one client session's events from one batch, exactly once: events whose id was counted before (KCL
     * replays, client resends) change nothing, and a concurrent writer (lease handover) cannot make an update be
     * lost or counted twice.
     *
     * @throws StoreUnavailableException when the tables cannot be written now; repeating the call is safe
     */
    void apply(String clientSessionId, List<Event> events);
}
