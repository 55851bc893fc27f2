package io.liveinsight.processor.pipeline;

import io.liveinsight.event.DecodeResult;
import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.event.EventValidator;
import io.liveinsight.event.FieldError;
import io.liveinsight.event.replay.ReplayLane;
import io.liveinsight.event.site.SiteId;
import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.domain.RecordPosition;
import io.liveinsight.processor.port.DeadLetters.DeadLetter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns raw stream records into events, setting aside poison: records that are not a known stream record, and
 * records holding an event that breaks the event contract, a replay run id or a site id included (the edge validates,
 * but anything can be put on a stream; a site that is no site id could make two sites' keys meet,
 * docs/contract/sites.md#site-ids). A poison record is set aside whole, with its bytes unchanged, so it can be inspected and replayed.
 */
public final class RecordDecoder {

    private final EventCodec codec;

    public RecordDecoder(EventCodec codec) {
        this.codec = codec;
    }

    /** A raw record as both entry points (KCL, Lambda event source mapping) see it. */
    public record RawRecord(String shardId, String partitionKey, String sequenceNumber, byte[] data) {

        public RecordPosition position() {
            return RecordPosition.of(shardId, sequenceNumber);
        }
    }

    /** The events, each with the record that carried it (in stream order), and the poison records. */
    public record Decoded(List<PositionedEvent> events, List<DeadLetter> poison) {}

    public Decoded decode(List<RawRecord> records) {
        List<PositionedEvent> events = new ArrayList<>();
        List<DeadLetter> poison = new ArrayList<>();
        for (RawRecord record : records) {
            switch (codec.decode(record.data())) {
                case DecodeResult.Decoded decoded -> {
                    String problem = problems(decoded.events());
                    if (problem == null) {
                        RecordPosition position = record.position();
                        List<Event> carried = decoded.events();
                        for (int i = 0; i < carried.size(); i++) {
                            events.add(new PositionedEvent(carried.get(i), position.at(i), false));
                        }
                    } else {
                        poison.add(letter(record, problem));
                    }
                }
                case DecodeResult.Undecodable undecodable -> poison.add(letter(record, undecodable.reason()));
            }
        }
        return new Decoded(events, poison);
    }

    private static String problems(List<Event> events) {
        for (Event event : events) {
            List<FieldError> errors = new ArrayList<>(EventValidator.validate(event));
            String runError = event.isReplay() ? ReplayLane.runError(event.replayRun()) : null;
            if (runError != null) {
                errors.add(
                        new FieldError("replay_run", runError)); // only the edge sets it (docs/contract/replay.md#lane)
            }
            if (event.site() != null && SiteId.error(event.site()) != null) {
                errors.add(new FieldError("site", SiteId.error(event.site()))); // the edge sets it from the registry
            }
            if (!errors.isEmpty()) {
                return "invalid event: "
                        + errors.stream()
                                .map(error -> error.field() + " " + error.message())
                                .collect(Collectors.joining("; "));
            }
        }
        return null;
    }

    private static DeadLetter letter(RawRecord record, String reason) {
        return new DeadLetter(record.partitionKey(), record.sequenceNumber(), reason, record.data());
    }
}
