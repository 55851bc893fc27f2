package io.liveinsight.load.replay.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.event.EventLimits;
import io.liveinsight.event.EventValidator;
import io.liveinsight.event.FieldError;
import io.liveinsight.event.ValidationResult;
import io.liveinsight.load.replay.source.ReplayJson;
import io.liveinsight.load.replay.source.TimedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the edge would take: the fields only the edge sets are removed from recorded events (a client sending them is
 * refused: docs/contract/events.md#fields-the-edge-sets), then each event goes through the edge's own rules
 * ({@link EventValidator}) and its size limit; an event that breaks one is not sent but listed with every reason, so
 * the comparison counts exactly what the edge accepts. Requests are then cut to the edge's limits (500 events, 1 MiB).
 * Pure; edits the events in place.
 */
public final class EdgeScreen {

    /** The requests the edge will take, and what it would refuse. */
    public record Result(List<TimedRequest> requests, List<Refused> refused) {}

    /** Room for the brackets and commas of a body, under the edge's 1 MiB. */
    static final int MAX_BODY_BYTES = EventLimits.MAX_BODY_BYTES - 1024;

    private EdgeScreen() {}

    public static Result of(List<TimedRequest> requests) {
        List<TimedRequest> out = new ArrayList<>(requests.size());
        List<Refused> refused = new ArrayList<>();
        for (TimedRequest request : requests) {
            List<ObjectNode> kept = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            for (int i = 0; i < request.events().size(); i++) {
                ObjectNode event = request.events().get(i);
                EventValidator.EDGE_FIELDS.forEach(event::remove);
                String where = request.origin() + " event " + i;
                ValidationResult result = EventValidator.validate(event);
                int bytes = ReplayJson.write(event).getBytes(StandardCharsets.UTF_8).length;
                if (result instanceof ValidationResult.Invalid invalid) {
                    refused.add(new Refused(where, id(event), reasons(invalid.errors())));
                } else if (bytes > EventLimits.MAX_EVENT_BYTES) {
                    refused.add(new Refused(
                            where,
                            id(event),
                            "event: must be at most " + EventLimits.MAX_EVENT_BYTES + " bytes of JSON (is " + bytes
                                    + ")"));
                } else {
                    kept.add(event);
                    sizes.add(bytes);
                }
            }
            cut(request, kept, sizes, out);
        }
        return new Result(out, refused);
    }

    /** Splits the kept events into requests of at most 500 events and {@link #MAX_BODY_BYTES}. */
    private static void cut(TimedRequest request, List<ObjectNode> kept, List<Integer> sizes, List<TimedRequest> out) {
        List<ObjectNode> part = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < kept.size(); i++) {
            if (!part.isEmpty()
                    && (part.size() == EventLimits.MAX_EVENTS_PER_REQUEST
                            || bytes + sizes.get(i) + 1 > MAX_BODY_BYTES)) {
                out.add(new TimedRequest(request.receivedAtMs(), request.origin(), part));
                part = new ArrayList<>();
                bytes = 0;
            }
            part.add(kept.get(i));
            bytes += sizes.get(i) + 1;
        }
        if (!part.isEmpty()) {
            out.add(new TimedRequest(request.receivedAtMs(), request.origin(), part));
        }
    }

    private static String id(ObjectNode event) {
        JsonNode id = event.get("event_id");
        return id != null && id.isTextual() ? id.textValue() : null;
    }

    static String reasons(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }
}
