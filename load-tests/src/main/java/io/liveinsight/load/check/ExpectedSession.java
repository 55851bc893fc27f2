package io.liveinsight.load.check;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;

/**
 * A session's SPEC.md aggregates computed from the events sent: what its Sessions and ActiveSessions items must say.
 * Events are ordered by time, then by event id (the stream processor's tie-break), so entry, exit and current page are
 * exact even when two events share a timestamp. Entry and exit page are null without a page_view; the current page is
 * the page of the latest event that names one.
 */
public record ExpectedSession(
        String userId,
        long totalEvents,
        long pageViews,
        long startTime,
        long lastActivity,
        String entryPage,
        String exitPage,
        String currentPage) {

    private static final Comparator<Map<String, Object>> ORDER = Comparator.comparingLong(
                    (Map<String, Object> e) -> ((Number) e.get("timestamp")).longValue())
            .thenComparing(e -> (String) e.get("event_id"));

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
        return new ExpectedSession(
                (String) first.get("user_id"),
                events.size(),
                pageViews.size(),
                ((Number) first.get("timestamp")).longValue(),
                ((Number) last.get("timestamp")).longValue(),
                entry,
                exit,
                current);
    }

    /** When the session stops being active (SPEC.md): last activity + 30 minutes, in epoch seconds. */
    public long expiresAt() {
        return Math.floorDiv(lastActivity, 1000) + 30 * 60;
    }

    private static boolean isPageView(Map<String, Object> event) {
        return "page_view".equals(event.getOrDefault("event_type", "page_view"));
    }
}
