package io.liveinsight.load.traffic;

import java.util.Map;

/**
 * One line of a recording (NDJSON): an event as the tracker built it, or a broken request body.
 *
 * @param atMs offset from the start of the recording
 * @param sessionId the event's session, or null for a malformed request
 * @param event the event's JSON fields (snake_case, as sent), or null for a malformed request
 * @param malformedBody the raw body of a malformed request, or null
 */
public record RecordedLine(long atMs, String sessionId, Map<String, Object> event, String malformedBody) {

    public RecordedLine {
        if (atMs < 0 || (event == null) == (malformedBody == null)) {
            throw new IllegalArgumentException("a line is an event or a malformed body, at a non-negative offset");
        }
    }

    public static RecordedLine event(long atMs, Map<String, Object> event) {
        return new RecordedLine(atMs, (String) event.get("session_id"), event, null);
    }

    public static RecordedLine malformed(long atMs, String body) {
        return new RecordedLine(atMs, null, null, body);
    }

    public boolean isMalformed() {
        return malformedBody != null;
    }
}
