package io.liveinsight.load.replay.source;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.load.replay.Beacon;
import io.liveinsight.load.replay.BeaconPlanner;
import io.liveinsight.load.replay.TrackerBatching;
import io.liveinsight.load.traffic.GeneratorSettings;
import io.liveinsight.load.traffic.RecordedLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A generator recording (one event a line, at an offset: {@code {"at_ms":1200,"event":{...}}}) as the requests the
 * tracker would have sent ({@link BeaconPlanner}: per session, 10 events or 5 s), received at
 * {@link GeneratorSettings#DEFAULT_START_EPOCH_MS} + the request's offset, each event's time its own offset. The
 * generator's deliberately malformed requests are skipped: the edge answers them 400 and stores nothing.
 */
final class TrackerRequests {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /** Offsets up to the year 9000 from the recording's start: room for the flush interval, no overflow. */
    static final long MAX_OFFSET_MS = 220_000_000_000_000L;

    private final List<RecordedLine> lines = new ArrayList<>();
    private final Map<Object, Origin> origins = new HashMap<>();

    /** Adds a recording line (parsed JSON with {@code at_ms}), or tells {@code skip} why it cannot be replayed. */
    void add(JsonNode line, Origin origin, Consumer<Skipped> skip) {
        JsonNode at = line.get("at_ms");
        if (at == null
                || !at.isIntegralNumber()
                || !at.canConvertToLong()
                || at.longValue() < 0
                || at.longValue() > MAX_OFFSET_MS) {
            skip.accept(Skipped.at(origin, "at_ms must be a non-negative integer (ms from the recording's start)"));
            return;
        }
        if (line.hasNonNull("malformed")) {
            skip.accept(Skipped.at(
                    origin, "a malformed request the generator made on purpose (the edge answers 400): not replayed"));
            return;
        }
        if (!(line.get("event") instanceof ObjectNode event)) {
            skip.accept(Skipped.at(origin, "a recording line has an event object or a malformed body"));
            return;
        }
        MissingIds.fill(origin, List.of(event));
        if (!event.get("session_id").isTextual()) {
            skip.accept(Skipped.at(origin, "session_id is not a string (the edge refuses it)"));
            return;
        }
        add(RecordedLine.event(at.longValue(), ReplayJson.MAPPER.convertValue(event, MAP)), origin);
    }

    void add(RecordedLine line, Origin origin) {
        lines.add(line);
        origins.putIfAbsent(line.event().get("event_id"), origin);
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    List<TimedRequest> requests(String source) {
        List<RecordedLine> ordered = new ArrayList<>(lines);
        ordered.sort(java.util.Comparator.comparingLong(RecordedLine::atMs)); // stable: file order within a time
        long epoch = GeneratorSettings.DEFAULT_START_EPOCH_MS;
        List<Beacon> beacons = new BeaconPlanner(TrackerBatching.TRACKER_DEFAULTS, 1, epoch).plan(ordered);
        List<TimedRequest> out = new ArrayList<>();
        for (Beacon beacon : beacons) {
            List<ObjectNode> events = beacon.events().stream()
                    .map(e -> (ObjectNode) ReplayJson.MAPPER.valueToTree(e))
                    .toList();
            Origin origin = origins.getOrDefault(beacon.events().get(0).get("event_id"), new Origin(source, 0));
            out.add(new TimedRequest(epoch + beacon.sendAtMs(), origin, events));
        }
        return out;
    }
}
