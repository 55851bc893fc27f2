package io.liveinsight.load.replay.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event as the tables must hold it: the ids they will have (mapped on the lane), its time as sent, and what the
 * statistics count it as ({@code bot}: the edge's {@code is_bot} for its user agent).
 */
public record ExpectedEvent(
        String eventId,
        String sessionId,
        String userId,
        String eventType,
        String pageUrl,
        long timestamp,
        boolean bot) {

    /** The shape the table checks read ({@code check/ExpectedSegments}): snake_case fields. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("event_id", eventId);
        map.put("session_id", sessionId);
        map.put("user_id", userId);
        map.put("event_type", eventType);
        map.put("page_url", pageUrl);
        map.put("timestamp", timestamp);
        return map;
    }

    public boolean isPageView() {
        return "page_view".equals(eventType);
    }
}
