package io.liveinsight.processor.domain;

import io.liveinsight.event.Event;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Folds a batch of events into one aggregate per session; pure, order-independent, duplicates counted once. */
public final class SessionAggregator {

    private SessionAggregator() {}

    public static Map<String, SessionAggregate> aggregate(Collection<Event> events) {
        Map<String, SessionAggregate> sessions = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Event event : events) {
            if (seen.add(event.sessionId() + '\u0000' + event.eventId())) {
                sessions.merge(event.sessionId(), SessionAggregate.of(event), SessionAggregate::merge);
            }
        }
        return sessions;
    }

    public static List<Event> distinct(Collection<Event> events) {
        Map<String, Event> byId = new LinkedHashMap<>();
        events.forEach(event -> byId.putIfAbsent(event.eventId() + '\u0000' + event.timestamp(), event));
        return List.copyOf(byId.values());
    }
}
