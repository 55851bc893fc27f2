package io.liveinsight.processor.domain;

import io.liveinsight.event.Event;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pure helpers over a batch of events: one aggregate from events, and duplicates removed. */
public final class SessionAggregator {

    private SessionAggregator() {}

    /** The aggregate of these events (all of one session), each distinct event id counted once. */
    public static SessionAggregate aggregate(String sessionId, Collection<Event> events) {
        SessionAggregate result = null;
        for (Event event : distinctById(events)) {
            SessionAggregate one = SessionAggregate.of(sessionId, event);
            result = result == null ? one : result.merge(one);
        }
        if (result == null) {
            throw new IllegalArgumentException("no events");
        }
        return result;
    }

    /** First occurrence of each event id. */
    public static List<Event> distinctById(Collection<Event> events) {
        Map<String, Event> byId = new LinkedHashMap<>();
        events.forEach(event -> byId.putIfAbsent(event.eventId(), event));
        return List.copyOf(byId.values());
    }
}
