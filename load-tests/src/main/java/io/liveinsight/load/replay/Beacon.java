package io.liveinsight.load.replay;

import java.util.List;
import java.util.Map;

/**
 * One request of a replay: a session's queued events, as the tracker sends them, or a malformed body.
 *
 * @param sendAtMs when to send it, from the start of the replay
 * @param sessionId the session of every event in it, or null for a malformed request
 * @param body the request body ({@code text/plain}, as sendBeacon sends it)
 * @param events the events as sent (timestamps rewritten to the replay's clock); empty for a malformed request
 */
public record Beacon(long sendAtMs, String sessionId, String body, List<Map<String, Object>> events) {

    public Beacon {
        events = List.copyOf(events);
        if (sendAtMs < 0 || body == null) {
            throw new IllegalArgumentException("a beacon has a body and a non-negative send time");
        }
    }

    public boolean isMalformed() {
        return events.isEmpty();
    }

    public int eventCount() {
        return events.size();
    }

    public Beacon at(long newSendAtMs) {
        return new Beacon(newSendAtMs, sessionId, body, events);
    }
}
