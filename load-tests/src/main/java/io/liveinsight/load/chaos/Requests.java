package io.liveinsight.load.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.liveinsight.load.replay.Beacon;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Events and requests made by the chaos run's own steps (not the replayed traffic), as a browser would send them. */
final class Requests {

    static final String SITE = "https://shop.example.com";
    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private Requests() {}

    static Map<String, Object> event(
            String eventId, String sessionId, String userId, long timestamp, String type, String path) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event_id", eventId);
        event.put("session_id", sessionId);
        event.put("user_id", userId);
        event.put("event_type", type);
        event.put("page_url", SITE + path);
        event.put("user_agent", BROWSER);
        event.put("timestamp", timestamp);
        return event;
    }

    /** One request holding these events (of one session or several), as the JSON array the tracker posts. */
    static Beacon beacon(List<Map<String, Object>> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a request holds at least one event");
        }
        try {
            return new Beacon(0, (String) events.get(0).get("session_id"), JSON.writeValueAsString(events), events);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
