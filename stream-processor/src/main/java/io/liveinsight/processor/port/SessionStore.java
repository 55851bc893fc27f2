package io.liveinsight.processor.port;

import io.liveinsight.processor.domain.SequencedEvent;
import java.util.List;

/** The Sessions and ActiveSessions tables. */
public interface SessionStore {

    /**
     * Applies one session's events from one batch, exactly once: events of records already applied are skipped,
     * and a concurrent writer (lease handover) cannot make an update be lost or counted twice.
     *
     * @throws StoreUnavailableException when the tables cannot be written now; repeating the call is safe
     */
    void apply(String sessionId, List<SequencedEvent> events);
}
