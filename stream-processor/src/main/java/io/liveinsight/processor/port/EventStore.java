package io.liveinsight.processor.port;

import io.liveinsight.event.Event;
import io.liveinsight.processor.domain.PositionedEvent;
import java.util.List;

/**
 * The Events table, which is also the ledger of event ids: each event is stored once, by the first record that
 * carried it, and that record's position is stored with it.
 */
public interface EventStore {

    /**
     * Stores every event not stored yet, and returns the events these records own: stored now, or stored by the
     * same record before ({@link PositionedEvent#replayed()}). Events another record stored first (a client resend,
     * the same id twice in the batch) are left out.
     *
     * @param events in stream order ({@code replayed} is ignored)
     * @throws StoreUnavailableException having stored some (safe to repeat)
     */
    Ledger store(List<PositionedEvent> events);

    /**
     * What a batch's records own, and the events the table refuses for good (too large, say), with the first
     * reason: those go to the dead letters, and everything else was stored.
     */
    record Ledger(List<PositionedEvent> owned, List<Event> refused, String reason) {

        public Ledger {
            owned = List.copyOf(owned);
            refused = List.copyOf(refused);
        }
    }
}
