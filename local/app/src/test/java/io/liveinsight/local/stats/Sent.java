package io.liveinsight.local.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event as the test sends it through the edge: what the reference recomputes every statistic from.
 *
 * @param sessionId the client's session id (the edge and the processor split it into segments)
 * @param bot whether the request's user agent makes the edge flag it ({@code is_bot})
 */
record Sent(
        String eventId,
        String sessionId,
        String userId,
        String type,
        String pageUrl,
        String referrer,
        String userAgent,
        long time,
        boolean bot) {

    boolean isPageView() {
        return type.equals("page_view");
    }

    Sent at(long newTime) {
        return new Sent(eventId, sessionId, userId, type, pageUrl, referrer, userAgent, newTime, bot);
    }

    /** The body the tracker would send (the user agent goes in the request's header). */
    void writeTo(ObjectNode json) {
        json.put("event_id", eventId);
        json.put("session_id", sessionId);
        json.put("user_id", userId);
        json.put("event_type", type);
        json.put("page_url", pageUrl);
        if (referrer != null) {
            json.put("referrer", referrer);
        }
        json.put("timestamp", time);
    }
}
