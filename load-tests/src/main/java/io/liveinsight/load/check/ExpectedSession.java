package io.liveinsight.load.check;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A session's (segment's) aggregates (docs/contract/sessions.md#aggregates) computed from the events sent: what its
 * Sessions and ActiveSessions items must say. Events are ordered by time, then by event id (the stream processor's
 * tie-break), so entry, exit and current page are exact even when two events share a timestamp. Entry and exit page are
 * null without a page_view; the current page is the page of the latest event that names one.
 *
 * <p>Two bounds of store format 2 (stream-processor README, "How the tables stay exact") are applied here as
 * documented, so the check compares the stored figures exactly: {@code event_types} keeps every name up to
 * {@value #MAX_EVENT_TYPES} names, beyond that the first {@value #MAX_EVENT_TYPES} - 1 in sort order and the rest
 * summed under {@value #OTHER_TYPES}; ActiveSessions' {@code minutes} holds the minutes from 30 before the last
 * activity's minute to it.
 */
public record ExpectedSession(
        String userId,
        long totalEvents,
        long pageViews,
        long startTime,
        long lastActivity,
        String entryPage,
        String exitPage,
        String currentPage,
        Map<String, Long> eventTypes,
        SortedMap<Long, Long> recentMinutes) {

    static final int MAX_EVENT_TYPES = 32;
    static final String OTHER_TYPES = "~other";
    static final long ACTIVE_WINDOW_MINUTES = 30;

    static final Comparator<Map<String, Object>> ORDER =
            Comparator.comparingLong(ExpectedSession::timestamp).thenComparing(e -> (String) e.get("event_id"));

    public static ExpectedSession of(Collection<Map<String, Object>> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a session has at least one event");
        }
        Map<String, Object> first = events.stream().min(ORDER).orElseThrow();
        Map<String, Object> last = events.stream().max(ORDER).orElseThrow();
        var pageViews = events.stream().filter(ExpectedSession::isPageView).toList();
        String entry = pageViews.stream()
                .min(ORDER)
                .map(e -> (String) e.get("page_url"))
                .orElse(null);
        String exit = pageViews.stream()
                .max(ORDER)
                .map(e -> (String) e.get("page_url"))
                .orElse(null);
        String current = events.stream()
                .filter(e -> e.get("page_url") != null)
                .max(ORDER)
                .map(e -> (String) e.get("page_url"))
                .orElse(null);
        Map<String, Long> types = new TreeMap<>();
        SortedMap<Long, Long> minutes = new TreeMap<>();
        long lastMinute = Math.floorDiv(timestamp(last), 60_000L);
        for (Map<String, Object> event : events) {
            types.merge(eventType(event), 1L, Long::sum);
            long minute = Math.floorDiv(timestamp(event), 60_000L);
            if (minute >= lastMinute - ACTIVE_WINDOW_MINUTES) {
                minutes.merge(minute, 1L, Long::sum);
            }
        }
        return new ExpectedSession(
                (String) first.get("user_id"),
                events.size(),
                pageViews.size(),
                timestamp(first),
                timestamp(last),
                entry,
                exit,
                current,
                bounded(types),
                minutes);
    }

    /**
     * When the session stops being active (docs/contract/sessions.md#active-sessions): last activity + 30 minutes, in
     * epoch seconds.
     */
    public long expiresAt() {
        return Math.floorDiv(lastActivity, 1000) + ACTIVE_WINDOW_MINUTES * 60;
    }

    public long sessionDuration() {
        return lastActivity - startTime;
    }

    static Map<String, Long> bounded(Map<String, Long> types) {
        if (types.size() <= MAX_EVENT_TYPES) {
            return new TreeMap<>(types);
        }
        Map<String, Long> kept = new TreeMap<>();
        long other = 0;
        for (Map.Entry<String, Long> type : new TreeMap<>(types).entrySet()) {
            if (kept.size() < MAX_EVENT_TYPES - 1) {
                kept.put(type.getKey(), type.getValue());
            } else {
                other += type.getValue();
            }
        }
        kept.put(OTHER_TYPES, other);
        return kept;
    }

    static long timestamp(Map<String, Object> event) {
        return ((Number) event.get("timestamp")).longValue();
    }

    private static String eventType(Map<String, Object> event) {
        return (String) event.getOrDefault("event_type", "page_view");
    }

    private static boolean isPageView(Map<String, Object> event) {
        return "page_view".equals(eventType(event));
    }
}
