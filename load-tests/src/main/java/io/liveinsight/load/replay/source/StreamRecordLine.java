package io.liveinsight.load.replay.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.event.EventValidator;
import io.liveinsight.event.StreamRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One archive line (docs/contract/archive.md#layout): a stream record {@code {"v":1,"events":[...]}}, the events of one
 * session from one request, each carrying the edge's {@code received_at}. Read into one {@link TimedRequest} at the
 * earliest {@code received_at} of its events; an event that is not an object is skipped (the edge would refuse it),
 * the rest kept. A stored event's unknown keys are already in its {@code properties}, so any other top-level key of a
 * record's event is the codec's, not the client's ({@code page_view} and {@code replay}, which {@code EventCodec}
 * writes from {@code Event.isPageView()} and {@code isReplay()}): dropped, or the edge would file them under
 * {@code properties}. Events a replay sent (with {@code replay_run}) are skipped: replaying an archive replays what
 * visitors sent, not an earlier replay of it. Pure.
 */
final class StreamRecordLine {

    /** What a stored event holds: the client's fields and the edge's. */
    static final Set<String> RECORD_FIELDS = union(EventValidator.CLIENT_FIELDS, EventValidator.EDGE_FIELDS);

    private StreamRecordLine() {}

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    static boolean looksLikeRecord(JsonNode line) {
        return line instanceof ObjectNode && line.has("v");
    }

    /** The request, or null when the line is no readable record ({@code skip} is told why). */
    static TimedRequest read(JsonNode line, Origin origin, Consumer<Skipped> skip) {
        JsonNode version = line.get("v");
        if (version == null || !version.isIntegralNumber() || version.asLong() != StreamRecord.CURRENT_VERSION) {
            skip.accept(Skipped.at(origin, "stream record version " + version + ": only version 1 is read"));
            return null;
        }
        JsonNode events = line.get("events");
        if (events == null || !events.isArray() || events.isEmpty()) {
            skip.accept(Skipped.at(origin, "a stream record's events must be a non-empty array"));
            return null;
        }
        List<ObjectNode> kept = new ArrayList<>();
        long receivedAt = Long.MAX_VALUE;
        int replayed = 0;
        String run = null;
        for (int i = 0; i < events.size(); i++) {
            if (!(events.get(i) instanceof ObjectNode event)) {
                skip.accept(Skipped.at(origin, "event " + i + " is not a JSON object"));
                continue;
            }
            if (event.hasNonNull("replay_run")) {
                replayed++;
                run = event.get("replay_run").asText();
                continue;
            }
            event.retain(RECORD_FIELDS);
            JsonNode received = event.get("received_at");
            if (received != null
                    && received.isIntegralNumber()
                    && received.canConvertToLong()
                    && TimedRequest.isTime(received.longValue())) {
                receivedAt = Math.min(receivedAt, received.longValue());
            }
            kept.add(event);
        }
        if (replayed > 0) {
            skip.accept(Skipped.at(
                    origin, replayed + " event(s) of replay run " + run + ": a replay is not replayed again"));
        }
        if (kept.isEmpty()) {
            return null;
        }
        if (receivedAt == Long.MAX_VALUE) {
            skip.accept(Skipped.at(origin, "no event has a received_at (epoch ms, 1970-9999): nothing to pace it by"));
            return null;
        }
        MissingIds.fill(origin, kept);
        return new TimedRequest(receivedAt, origin, kept);
    }
}
