package io.liveinsight.ingest.domain;

import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups a request's events by session into stream records ({@code {"v":1,"events":[...]}}, partition key =
 * session id), each within Kinesis's record limit. Order within a session is kept.
 */
public final class RecordPacker {

    /** Kinesis counts data plus partition key against 1 MiB per record. */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;

    private static final int ENVELOPE_BYTES = "{\"v\":1,\"events\":[]}".length();

    private final EventCodec codec;
    private final int maxRecordBytes;

    public RecordPacker(EventCodec codec) {
        this(codec, MAX_RECORD_BYTES);
    }

    RecordPacker(EventCodec codec, int maxRecordBytes) {
        this.codec = codec;
        this.maxRecordBytes = maxRecordBytes;
    }

    public List<PackedRecord> pack(List<Event> events) {
        Map<String, List<Event>> bySession = new LinkedHashMap<>();
        for (Event event : events) {
            bySession
                    .computeIfAbsent(event.sessionId(), key -> new ArrayList<>())
                    .add(event);
        }
        List<PackedRecord> records = new ArrayList<>();
        bySession.forEach((session, sessionEvents) -> packSession(session, sessionEvents, records));
        return records;
    }

    private void packSession(String session, List<Event> events, List<PackedRecord> out) {
        int budget = maxRecordBytes - session.getBytes(StandardCharsets.UTF_8).length - ENVELOPE_BYTES;
        List<Event> chunk = new ArrayList<>();
        int chunkBytes = 0;
        for (Event event : events) {
            int size = codec.encode(List.of(event)).length - ENVELOPE_BYTES + 1; // + a comma
            if (!chunk.isEmpty() && chunkBytes + size > budget) {
                out.add(record(session, chunk));
                chunk = new ArrayList<>();
                chunkBytes = 0;
            }
            chunk.add(event);
            chunkBytes += size;
        }
        if (!chunk.isEmpty()) {
            out.add(record(session, chunk));
        }
    }

    private PackedRecord record(String session, List<Event> events) {
        return new PackedRecord(session, codec.encode(events), events.size());
    }

    /** One Kinesis record: partition key, data, and how many events it carries. */
    public record PackedRecord(String partitionKey, byte[] data, int eventCount) {}
}
