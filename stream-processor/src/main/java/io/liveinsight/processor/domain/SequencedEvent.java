package io.liveinsight.processor.domain;

import io.liveinsight.event.Event;
import java.util.Objects;

/** An event with the stream position of the record that carried it (zero-padded, so strings compare as numbers). */
public record SequencedEvent(Event event, StreamPosition position) {

    public SequencedEvent {
        Objects.requireNonNull(event);
        Objects.requireNonNull(position);
    }
}
