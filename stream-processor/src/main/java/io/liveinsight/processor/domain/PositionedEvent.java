package io.liveinsight.processor.domain;

import io.liveinsight.event.Event;
import java.util.Objects;

/**
 * An event with the record that carried it, as the Events ledger classified it: {@code replayed} when this same
 * record had stored the event before (a KCL replay, a handover, a Lambda retry), so the session may or may not have
 * counted it yet; otherwise it was stored just now, for the first time. Events another record stored first (client
 * resends) never get here.
 */
public record PositionedEvent(Event event, RecordPosition position, boolean replayed) {

    public PositionedEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(position, "position");
    }
}
