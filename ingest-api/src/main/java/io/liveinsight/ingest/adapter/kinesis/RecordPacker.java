package io.liveinsight.ingest.adapter.kinesis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.event.StreamRecord;
import io.liveinsight.event.kinesis.PutRecordsSplitter;
import io.liveinsight.event.site.SiteScope;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups a request's events by session into stream records ({@code {"v":1,"events":[...]}}, partition key = the
 * session's key, {@link SiteScope#sessionKey}: the session id for the default site, {@code s~<site>~<session id>}
 * for another, so two sites' sessions never share a record: docs/contract/sites.md#isolation), each within Kinesis's record limit (data plus key). Order within a session is kept. Each event is
 * encoded once; the record bytes are exactly what {@link EventCodec#encode(List)} writes.
 */
public final class RecordPacker {

    private static final byte[] PREFIX =
            ("{\"v\":" + StreamRecord.CURRENT_VERSION + ",\"events\":[").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "]}".getBytes(StandardCharsets.US_ASCII);

    private final ObjectWriter eventWriter;
    private final int maxRecordBytes;

    public RecordPacker(EventCodec codec) {
        this(codec, PutRecordsSplitter.MAX_RECORD_BYTES); // data plus partition key
    }

    RecordPacker(EventCodec codec, int maxRecordBytes) {
        this.eventWriter = codec.mapper().writerFor(Event.class);
        this.maxRecordBytes = maxRecordBytes;
    }

    public List<PackedRecord> pack(List<Event> events) {
        Map<String, List<Event>> bySession = new LinkedHashMap<>();
        for (Event event : events) {
            bySession
                    .computeIfAbsent(SiteScope.sessionKey(event.site(), event.sessionId()), key -> new ArrayList<>())
                    .add(event);
        }
        List<PackedRecord> records = new ArrayList<>(bySession.size());
        bySession.forEach((session, sessionEvents) -> packSession(session, sessionEvents, records));
        return records;
    }

    private void packSession(String session, List<Event> events, List<PackedRecord> out) {
        int budget = maxRecordBytes - (int) PutRecordsSplitter.recordBytes(session, PREFIX.length + SUFFIX.length);
        List<byte[]> chunk = new ArrayList<>(events.size());
        int chunkBytes = 0;
        for (Event event : events) {
            byte[] encoded = encode(event);
            int size = encoded.length + (chunk.isEmpty() ? 0 : 1); // + a comma
            if (!chunk.isEmpty() && chunkBytes + size > budget) {
                out.add(record(session, chunk, chunkBytes));
                chunk = new ArrayList<>();
                chunkBytes = 0;
                size = encoded.length;
            }
            chunk.add(encoded);
            chunkBytes += size;
        }
        if (!chunk.isEmpty()) {
            out.add(record(session, chunk, chunkBytes));
        }
    }

    private byte[] encode(Event event) {
        try {
            return eventWriter.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // our own validated events only: a programming error
        }
    }

    private static PackedRecord record(String session, List<byte[]> events, int eventBytes) {
        ByteArrayOutputStream data = new ByteArrayOutputStream(PREFIX.length + eventBytes + SUFFIX.length);
        data.writeBytes(PREFIX);
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                data.write(',');
            }
            data.writeBytes(events.get(i));
        }
        data.writeBytes(SUFFIX);
        return new PackedRecord(session, data.toByteArray(), events.size());
    }

    /** One Kinesis record: partition key, data, and how many events it carries. */
    public record PackedRecord(String partitionKey, byte[] data, int eventCount) {}
}
