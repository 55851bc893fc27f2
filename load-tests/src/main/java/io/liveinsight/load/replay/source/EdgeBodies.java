package io.liveinsight.load.replay.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A request body as the edge reads it (docs/contract/events.md#body-shapes): one event object, an array of them, or
 * {@code {"events": [...]}} with no other key. Items that are not objects are skipped (the edge would refuse them).
 * Pure.
 */
final class EdgeBodies {

    private EdgeBodies() {}

    /** The body's events, or null when it has no known shape ({@code skip} is told why). */
    static List<ObjectNode> events(String body, Origin origin, Consumer<Skipped> skip) {
        JsonNode json = ReplayJson.parse(body);
        if (json == null) {
            skip.accept(Skipped.at(origin, ReplayJson.whyNot(body)));
            return null;
        }
        JsonNode items = json;
        if (json.isObject() && json.has("events")) {
            if (json.size() != 1 || !json.get("events").isArray()) {
                skip.accept(Skipped.at(origin, "{\"events\"} must be an array with no other key beside it"));
                return null;
            }
            items = json.get("events");
        }
        if (items.isObject()) {
            return new ArrayList<>(List.of((ObjectNode) items));
        }
        if (!items.isArray()) {
            skip.accept(Skipped.at(origin, "a body is an event object, an array of them, or {\"events\":[...]}"));
            return null;
        }
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof ObjectNode event) {
                events.add(event);
            } else {
                skip.accept(Skipped.at(origin, "event " + i + " is not a JSON object"));
            }
        }
        if (events.isEmpty()) {
            skip.accept(Skipped.at(origin, "no events in the body"));
            return null;
        }
        return events;
    }
}
