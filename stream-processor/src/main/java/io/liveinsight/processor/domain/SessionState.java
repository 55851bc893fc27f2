package io.liveinsight.processor.domain;

import io.liveinsight.event.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything stored for one client session id: its segments in time order (segment 0 keeps the id the client
 * sent; later ones are {@code <id>~1}, {@code <id>~2}...), the fingerprints of every event id counted, and how many
 * distinct events were applied. That count only grows, so it is also the optimistic-lock token of the stored item.
 *
 * <p>Segments are what SPEC.md's rules make of the events: a gap of more than 30 minutes separates two, an event
 * that closes a gap merges them, and none reaches 24 hours. For sessions under 24 hours the result depends only on
 * the set of events, never on arrival order or batching. Activity running past 24 hours is cut where the stream
 * order reaches the limit (deterministic, but a late event can not move an earlier cut).
 */
public record SessionState(
        String clientSessionId, List<SessionAggregate> segments, EventFingerprints seen, long appliedEvents) {

    private static final Comparator<Event> BY_TIME =
            Comparator.comparingLong(Event::timestamp).thenComparing(Event::eventId);

    public SessionState {
        Objects.requireNonNull(clientSessionId);
        segments = List.copyOf(segments);
        Objects.requireNonNull(seen);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a stored session has at least one segment");
        }
    }

    /**
     * The new state, the segments whose stored items must be (re)written, and the number of segments before, so
     * that items of segments merged away can be removed.
     */
    public record Applied(SessionState state, Set<Integer> changedSegments, int previousSegmentCount) {}

    /**
     * Applies the events not counted yet (by event id); empty when every one was (a replay or a resend).
     *
     * @param current what is stored, or null for a session not seen yet
     */
    public static Optional<Applied> apply(SessionState current, String clientSessionId, List<Event> events) {
        EventFingerprints seen = current == null ? EventFingerprints.EMPTY : current.seen();
        List<Event> fresh = SessionAggregator.distinctById(events).stream()
                .filter(event -> !seen.contains(EventFingerprints.of(event.eventId())))
                .sorted(BY_TIME)
                .toList();
        if (fresh.isEmpty()) {
            return Optional.empty();
        }
        List<SessionAggregate> before = current == null ? List.of() : current.segments();
        List<SessionAggregate> segments = new ArrayList<>(before);
        for (Event event : fresh) {
            insert(segments, SessionAggregate.of(clientSessionId, event));
        }
        List<SessionAggregate> numbered = new ArrayList<>();
        Set<Integer> changed = new TreeSet<>();
        for (int i = 0; i < segments.size(); i++) {
            SessionAggregate segment = segments.get(i).withSessionId(SessionRules.segmentId(clientSessionId, i));
            numbered.add(segment);
            if (i >= before.size() || !before.get(i).equals(segment)) {
                changed.add(i);
            }
        }
        EventFingerprints counted = seen.plus(fresh.stream()
                .map(event -> EventFingerprints.of(event.eventId()))
                .toList());
        long applied = (current == null ? 0 : current.appliedEvents()) + fresh.size();
        return Optional.of(
                new Applied(new SessionState(clientSessionId, numbered, counted, applied), changed, before.size()));
    }

    /** Adds one event's aggregate to the time-ordered segments, merging every segment it joins together. */
    private static void insert(List<SessionAggregate> segments, SessionAggregate event) {
        SessionAggregate merged = event;
        for (int i = 0; i < segments.size(); ) {
            SessionAggregate segment = segments.get(i);
            if (together(segment, merged)) {
                merged = segment.merge(merged);
                segments.remove(i);
                i = 0; // the grown segment may now join one it did not before
            } else {
                i++;
            }
        }
        int position = 0;
        while (position < segments.size() && segments.get(position).startTime() <= merged.startTime()) {
            position++;
        }
        segments.add(position, merged);
    }

    private static boolean together(SessionAggregate a, SessionAggregate b) {
        return SessionRules.belongTogether(a.startTime(), a.lastActivity(), b.startTime(), b.lastActivity());
    }
}
