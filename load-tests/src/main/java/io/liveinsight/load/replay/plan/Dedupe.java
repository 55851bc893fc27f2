package io.liveinsight.load.replay.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.load.replay.source.TimedRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Each event id once (docs/contract/archive.md#duplicates): requests taken in order of {@code received_at} (the order
 * read within one time), an event whose id was already taken is dropped, a request left without events too. What is
 * sent is then exactly the distinct events, which is what the pipeline counted. An id that is not a string is left for
 * the edge's rules to refuse. Pure.
 */
public final class Dedupe {

    /** The requests in time order, each event id once, and how many events were dropped as repeats. */
    public record Result(List<TimedRequest> requests, long dropped) {}

    private Dedupe() {}

    public static Result of(List<TimedRequest> read) {
        List<TimedRequest> ordered = new ArrayList<>(read);
        ordered.sort(Comparator.comparingLong(TimedRequest::receivedAtMs)); // stable
        Set<String> seen = new HashSet<>();
        List<TimedRequest> out = new ArrayList<>(ordered.size());
        long dropped = 0;
        for (TimedRequest request : ordered) {
            List<ObjectNode> kept = new ArrayList<>(request.events().size());
            for (ObjectNode event : request.events()) {
                JsonNode id = event.get("event_id");
                if (id != null && id.isTextual() && !seen.add(id.textValue())) {
                    dropped++;
                } else {
                    kept.add(event);
                }
            }
            if (!kept.isEmpty()) {
                out.add(
                        kept.size() == request.events().size()
                                ? request
                                : new TimedRequest(request.receivedAtMs(), request.origin(), kept));
            }
        }
        return new Result(out, dropped);
    }
}
