package io.liveinsight.processor.domain;

import io.liveinsight.event.Event;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the Sessions table holds for one session. {@link #merge} is commutative and associative, so the result
 * does not depend on the order events arrive in. Page and referrer choices carry the time (and event id, to break
 * ties) of the event they came from.
 */
public record SessionAggregate(
        String sessionId,
        String userId,
        long startTime,
        long lastActivity,
        long totalEvents,
        long pageViews,
        Stamped entryPage,
        Stamped exitPage,
        Stamped firstEvent,
        Stamped currentPage,
        String referrer,
        String userAgent,
        boolean isBot,
        Map<String, Long> eventTypes) {

    public SessionAggregate {
        eventTypes = Map.copyOf(eventTypes);
    }

    public static SessionAggregate of(Event event) {
        Stamped at = new Stamped(event.timestamp(), event.eventId(), event.pageUrl());
        Stamped page = event.isPageView() && event.pageUrl() != null ? at : null;
        return new SessionAggregate(
                event.sessionId(),
                event.userId(),
                event.timestamp(),
                event.timestamp(),
                1,
                event.isPageView() ? 1 : 0,
                page,
                page,
                new Stamped(event.timestamp(), event.eventId(), null),
                event.pageUrl() != null ? at : null,
                event.referrer(),
                event.userAgent(),
                event.isBot(),
                Map.of(event.eventType(), 1L));
    }

    public SessionAggregate merge(SessionAggregate other) {
        Stamped first = Stamped.earliest(firstEvent, other.firstEvent);
        SessionAggregate earlier = first == firstEvent ? this : other;
        Map<String, Long> types = new TreeMap<>(eventTypes);
        other.eventTypes.forEach((type, count) -> types.merge(type, count, Long::sum));
        return new SessionAggregate(
                sessionId,
                earlier.userId,
                Math.min(startTime, other.startTime),
                Math.max(lastActivity, other.lastActivity),
                totalEvents + other.totalEvents,
                pageViews + other.pageViews,
                Stamped.earliest(entryPage, other.entryPage),
                Stamped.latest(exitPage, other.exitPage),
                first,
                Stamped.latest(currentPage, other.currentPage),
                earlier.referrer,
                earlier.userAgent,
                isBot || other.isBot,
                types);
    }

    public long sessionDuration() {
        return lastActivity - startTime;
    }

    /** A value with the event time and id it came from; ordering by (time, id) makes every choice deterministic. */
    public record Stamped(long time, String eventId, String value) implements Comparable<Stamped> {

        @Override
        public int compareTo(Stamped other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : eventId.compareTo(other.eventId);
        }

        static Stamped earliest(Stamped a, Stamped b) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            return a.compareTo(b) <= 0 ? a : b;
        }

        static Stamped latest(Stamped a, Stamped b) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            return a.compareTo(b) >= 0 ? a : b;
        }
    }
}
