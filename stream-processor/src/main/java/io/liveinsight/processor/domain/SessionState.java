package io.liveinsight.processor.domain;

import io.liveinsight.event.Event;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored session: its aggregate plus the stream position of the last record applied to it. Records at or before
 * that position are replays (KCL delivers at least once) and change nothing.
 */
public record SessionState(SessionAggregate aggregate, StreamPosition applied) {

    public SessionState {
        Objects.requireNonNull(aggregate);
        Objects.requireNonNull(applied);
    }

    /**
     * The state after applying the events of records newer than {@code current}'s position, or empty when every
     * event is a replay.
     *
     * @param current the stored state, or null for a session not seen yet
     */
    public static Optional<SessionState> apply(SessionState current, List<SequencedEvent> events) {
        StreamPosition applied = current == null ? StreamPosition.NONE : current.applied();
        List<SequencedEvent> fresh = events.stream()
                .filter(sequenced -> sequenced.position().isAfter(applied))
                .toList();
        if (fresh.isEmpty()) {
            return Optional.empty();
        }
        List<Event> freshEvents = fresh.stream().map(SequencedEvent::event).toList();
        SessionAggregate batch =
                SessionAggregator.aggregate(freshEvents).values().iterator().next();
        SessionAggregate merged = current == null ? batch : current.aggregate().merge(batch);
        StreamPosition newest = fresh.stream()
                .map(SequencedEvent::position)
                .max(StreamPosition::compareTo)
                .orElseThrow();
        return Optional.of(new SessionState(merged, newest));
    }
}
