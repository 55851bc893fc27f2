package io.liveinsight.load.bench;

import java.util.Collection;
import java.util.Map;

/**
 * A session's SPEC.md aggregates computed from the events sent: what the Sessions item must say. Entry and exit page
 * are null when no page_view, and not checked when two page views share the first or last timestamp (ambiguous).
 */
record ExpectedSession(
        long totalEvents,
        long pageViews,
        long startTime,
        long lastActivity,
        String entryPage,
        String exitPage,
        boolean pagesAmbiguous) {

    static ExpectedSession of(Collection<Map<String, Object>> events) {
        long start = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long pageViews = 0;
        long firstView = Long.MAX_VALUE;
        long lastView = Long.MIN_VALUE;
        String entry = null;
        String exit = null;
        boolean ambiguous = false;
        for (Map<String, Object> event : events) {
            long ts = ((Number) event.get("timestamp")).longValue();
            start = Math.min(start, ts);
            last = Math.max(last, ts);
            if ("page_view".equals(event.getOrDefault("event_type", "page_view"))) {
                pageViews++;
                String page = (String) event.get("page_url");
                if (ts < firstView) {
                    firstView = ts;
                    entry = page;
                } else if (ts == firstView && !java.util.Objects.equals(page, entry)) {
                    ambiguous = true;
                }
                if (ts > lastView) {
                    lastView = ts;
                    exit = page;
                } else if (ts == lastView && !java.util.Objects.equals(page, exit)) {
                    ambiguous = true;
                }
            }
        }
        return new ExpectedSession(events.size(), pageViews, start, last, entry, exit, ambiguous);
    }
}
