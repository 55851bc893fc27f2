package io.liveinsight.ingest.adapter.kinesis;

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
    void pack_whenTwoSitesShareASessionId_keysEachRecordBySiteAndSession_soTheyNeverShareOne() {
        List<RecordPacker.PackedRecord> records = new RecordPacker(codec)
                .pack(List.of(
                        event("1", "a", "/").withSite("shop"),
                        event("2", "a", "/").withSite("blog"),
                        event("3", "a", "/").withSite("default"),
                        event("4", "a", "/")));

        assertThat(records)
                .extracting(RecordPacker.PackedRecord::partitionKey)
                .containsExactly("s~shop~a", "s~blog~a", "a");
        assertThat(records).extracting(RecordPacker.PackedRecord::eventCount).containsExactly(1, 1, 2);
        assertThat(codec.decode(records.get(0).data()))
                .isEqualTo(new DecodeResult.Decoded(List.of(event("1", "a", "/").withSite("shop"))));
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

    @Test
    void pack_whenAssemblingRecords_writesExactlyTheCodecsBytes() {
        List<Event> events = List.of(event("1", "a", "/é"), event("2", "a", "/\"q\""), event("3", "a", null));

        RecordPacker.PackedRecord record = new RecordPacker(codec).pack(events).get(0);

        assertThat(new String(record.data(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(codec.encode(events), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(record.eventCount()).isEqualTo(3);
    }

    @Test
    void pack_whenRecordWouldExceedLimitByOneByte_splitsThere() {
        List<Event> two = List.of(event("1", "s", "/a"), event("2", "s", "/b"));
        int exact = codec.encode(two).length + "s".length();

        assertThat(new RecordPacker(codec, exact).pack(two)).hasSize(1);
        assertThat(new RecordPacker(codec, exact - 1).pack(two)).hasSize(2);
    }
}
