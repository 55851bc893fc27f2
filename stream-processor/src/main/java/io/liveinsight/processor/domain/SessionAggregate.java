package io.liveinsight.processor.domain;

import io.liveinsight.event.Event;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the Sessions table holds for one session (segment). {@link #merge} is commutative and associative, so the
 * result does not depend on the order events arrive in. Page and referrer choices carry the time (and event id, to
 * break ties) of the event they came from; {@code minutes} counts events per epoch minute of event time.
 *
 * <p>{@code replayRun} is the replay run the session belongs to (docs/contract/replay.md#where-a-run-shows), null for a
 * live session. A replayed event's session id is mapped per run, so a session's events share one lane; should a live
 * event carry a replay session's id anyway, the session stays the replay's (and of two runs, the first in sort
 * order), which keeps the choice order-independent and keeps replayed sessions out of the live view.
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
        Map<String, Long> eventTypes,
        SortedMap<Long, Long> minutes,
        String replayRun) {

    /** Distinct event types kept by name; the rest are counted under {@link #OTHER_TYPES}. */
    public static final int MAX_EVENT_TYPES = 32;
    /** Sorts after every valid event type ({@code [a-z0-9_.:-]}), and no event can carry it. */
    public static final String OTHER_TYPES = "~other";

    /**
     * Bounded whatever the session's length: {@code minutes} keeps only the minutes a live view can still need (the
     * active window up to the last activity), and {@code eventTypes} the {@link #MAX_EVENT_TYPES} - 1 first names in
     * sort order plus the rest's total. Both cuts depend only on the whole, so merging stays order-independent.
     */
    public SessionAggregate {
        eventTypes = boundedTypes(eventTypes);
        long firstKept = Math.floorDiv(lastActivity, 60_000L) - SessionRules.ACTIVE_WINDOW.toMinutes();
        minutes = Collections.unmodifiableSortedMap(new TreeMap<>(new TreeMap<>(minutes).tailMap(firstKept)));
    }

    private static Map<String, Long> boundedTypes(Map<String, Long> types) {
        if (types.size() <= MAX_EVENT_TYPES) {
            return Map.copyOf(types);
        }
        TreeMap<String, Long> sorted = new TreeMap<>(types);
        Map<String, Long> kept = new TreeMap<>();
        long other = 0;
        for (Map.Entry<String, Long> type : sorted.entrySet()) {
            if (kept.size() < MAX_EVENT_TYPES - 1 && !type.getKey().equals(OTHER_TYPES)) {
                kept.put(type.getKey(), type.getValue());
            } else {
                other += type.getValue();
            }
        }
        kept.put(OTHER_TYPES, other);
        return Map.copyOf(kept);
    }

    public static SessionAggregate of(String sessionId, Event event) {
        Stamped at = new Stamped(event.timestamp(), event.eventId(), event.pageUrl());
        Stamped page = event.isPageView() && event.pageUrl() != null ? at : null;
        return new SessionAggregate(
                sessionId,
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
                Map.of(event.eventType(), 1L),
                new TreeMap<>(Map.of(Math.floorDiv(event.timestamp(), 60_000L), 1L)),
                event.replayRun());
    }

    public SessionAggregate merge(SessionAggregate other) {
        Stamped first = Stamped.earliest(firstEvent, other.firstEvent);
        SessionAggregate earlier = first == firstEvent ? this : other;
        Map<String, Long> types = new TreeMap<>(eventTypes);
        other.eventTypes.forEach((type, count) -> types.merge(type, count, Long::sum));
        SortedMap<Long, Long> perMinute = new TreeMap<>(minutes);
        other.minutes.forEach((minute, count) -> perMinute.merge(minute, count, Long::sum));
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
                types,
                perMinute,
                lane(replayRun, other.replayRun));
    }

    /** The replay run of two parts of a session: a replay's over the live lane's, the first of two runs. */
    private static String lane(String a, String b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** True when the session belongs to a replay run. */
    public boolean isReplay() {
        return replayRun != null;
    }

    public SessionAggregate withSessionId(String id) {
        return new SessionAggregate(
                id,
                userId,
                startTime,
                lastActivity,
                totalEvents,
                pageViews,
                entryPage,
                exitPage,
                firstEvent,
                currentPage,
                referrer,
                userAgent,
                isBot,
                eventTypes,
                minutes,
                replayRun);
    }

    public long sessionDuration() {
        return lastActivity - startTime;
    }

    /** Epoch seconds after which the session is no longer active: last activity + 30 minutes. */
    public long expiresAt() {
        return Math.floorDiv(lastActivity, 1000) + SessionRules.ACTIVE_WINDOW.toSeconds();
    }

    /** Events per minute in the 30 minutes up to the last activity (what a live view can still need). */
    public SortedMap<Long, Long> recentMinutes() {
        long lastMinute = Math.floorDiv(lastActivity, 60_000L);
        return minutes.tailMap(lastMinute - SessionRules.ACTIVE_WINDOW.toMinutes());
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
