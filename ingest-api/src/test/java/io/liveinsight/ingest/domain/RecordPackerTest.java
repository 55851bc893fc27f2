package io.liveinsight.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.DecodeResult;
import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordPackerTest {

    private final EventCodec codec = new EventCodec();

    private static Event event(String id, String session, String page) {
        return new Event(
                id,
                "u",
                session,
                "page_view",
                1,
                page,
                null,
                null,
                Map.of(),
                null,
                null,
                null,
                null,
                2,
                null,
                false,
                false);
    }

    @Test
    void pack_whenSeveralSessions_makesOneRecordPerSessionInOrder() {
        List<RecordPacker.PackedRecord> records =
                new RecordPacker(codec).pack(List.of(event("1", "a", "/"), event("2", "b", "/"), event("3", "a", "/")));

        assertThat(records).extracting(RecordPacker.PackedRecord::partitionKey).containsExactly("a", "b");
        assertThat(codec.decode(records.get(0).data()))
                .isEqualTo(new DecodeResult.Decoded(List.of(event("1", "a", "/"), event("3", "a", "/"))));
    }

    @Test
    void pack_whenSessionOverRecordLimit_splitsWithoutLosingOrCrossingIt() {
        int limit = 2_000;
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(event("e" + i, "s", "/" + "x".repeat(100)));
        }

        List<RecordPacker.PackedRecord> records = new RecordPacker(codec, limit).pack(events);

        assertThat(records).hasSizeGreaterThan(1);
        List<Event> unpacked = new ArrayList<>();
        for (RecordPacker.PackedRecord record : records) {
            assertThat(record.data().length + record.partitionKey().length()).isLessThanOrEqualTo(limit);
            unpacked.addAll(((DecodeResult.Decoded) codec.decode(record.data())).events());
        }
        assertThat(unpacked).isEqualTo(events);
    }
}
