package io.liveinsight.ingest.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.event.Event;
import io.liveinsight.ingest.port.EventPublisher;
import io.liveinsight.ingest.port.EventPublisher.PublishResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The edge's core: body in, events on the stream, response out. Knows nothing of API Gateway or the SDK. */
public final class EventIngestor {

    static final String RETRY_AFTER_SECONDS = "1";

    private final EventPublisher publisher;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Ids ids;

    public EventIngestor(EventPublisher publisher, ObjectMapper mapper, Clock clock, Ids ids) {
        this.publisher = publisher;
        this.mapper = mapper;
        this.clock = clock;
        this.ids = ids;
    }

    public IngestResponse ingest(IngestRequest request) {
        JsonNode root;
        try {
            root = mapper.readTree(request.body());
        } catch (JsonProcessingException e) {
            return IngestResponse.of(400, Map.of("error", "malformed JSON", "rejected", List.of()));
        }
        List<JsonNode> items = items(root);
        if (items == null || items.isEmpty()) {
            return IngestResponse.of(
                    400,
                    Map.of(
                            "error",
                            "expected an event object, an array of them, or {\"events\": [...]}",
                            "rejected",
                            List.of()));
        }
        long now = clock.millis();
        String requestSessionId = null;
        List<Event> events = new ArrayList<>();
        for (JsonNode item : items) {
            if (!(item instanceof ObjectNode object)) {
                continue;
            }
            String sessionId = text(object, "session_id");
            if (sessionId == null) {
                requestSessionId = requestSessionId == null ? ids.sessionId() : requestSessionId;
                sessionId = requestSessionId;
            }
            events.add(toEvent(object, sessionId, request, now));
        }
        if (events.isEmpty()) {
            return IngestResponse.of(400, Map.of("error", "no valid event", "rejected", List.of()));
        }
        PublishResult result = publisher.publish(events);
        if (result instanceof PublishResult.Refused) {
            return new IngestResponse(
                    503,
                    Map.of("Retry-After", RETRY_AFTER_SECONDS),
                    Map.of("error", "the event stream is not accepting events right now; retry"));
        }
        return IngestResponse.of(200, accepted(events));
    }

    private static List<JsonNode> items(JsonNode root) {
        if (root == null) {
            return null;
        }
        if (root.isArray()) {
            return toList(root);
        }
        if (root.isObject() && root.has("events") && root.get("events").isArray()) {
            return toList(root.get("events"));
        }
        return root.isObject() ? List.of(root) : null;
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private Event toEvent(ObjectNode object, String sessionId, IngestRequest request, long now) {
        String eventId = text(object, "event_id");
        String userId = text(object, "user_id");
        String eventType = text(object, "event_type");
        String userAgent = text(object, "user_agent");
        userAgent = userAgent != null ? userAgent : request.header("user-agent");
        JsonNode timestamp = object.get("timestamp");
        long eventTime = timestamp != null && timestamp.isNumber() ? timestamp.asLong() : now;
        boolean skewed = eventTime < now - 24 * 3_600_000L || eventTime > now + 5 * 60_000L;
        @SuppressWarnings("unchecked")
        Map<String, Object> properties =
                object.has("properties") && object.get("properties").isObject()
                        ? mapper.convertValue(object.get("properties"), LinkedHashMap.class)
                        : new LinkedHashMap<>();
        return new Event(
                eventId != null ? eventId : ids.eventId(),
                userId != null ? userId : ids.userId(),
                sessionId,
                eventType != null ? eventType : Event.PAGE_VIEW,
                skewed ? now : eventTime,
                text(object, "page_url"),
                text(object, "referrer"),
                userAgent,
                properties,
                text(object, "element_tag"),
                text(object, "element_id"),
                text(object, "element_class"),
                text(object, "element_text"),
                now,
                IpAnonymizer.anonymize(ClientAddress.of(request)),
                BotDetector.isBot(userAgent),
                skewed);
    }

    private static String text(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    private static Map<String, Object> accepted(List<Event> events) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", events.size());
        body.put("event_ids", events.stream().map(Event::eventId).toList());
        body.put("rejected", List.of());
        if (events.size() == 1) {
            body.put("message", "Event processed successfully");
            body.put("event_id", events.get(0).eventId());
            body.put("session_id", events.get(0).sessionId());
        }
        return body;
    }
}
