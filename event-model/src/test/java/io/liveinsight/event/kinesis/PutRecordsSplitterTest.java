package io.liveinsight.event.kinesis;

import static io.liveinsight.event.kinesis.PutRecordsSplitter.MAX_RECORD_BYTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PutRecordsSplitterTest {

    private static final int MIB = 1024 * 1024;

    /** A record as a caller might hold it: a partition key and the length of its data. */
    private record Entry(String key, int dataBytes) {}

    private static List<List<Entry>> split(List<Entry> entries) {
        return PutRecordsSplitter.split(entries, Entry::key, Entry::dataBytes);
    }

    private static List<Integer> sizes(List<List<Entry>> calls) {
        return calls.stream().map(List::size).toList();
    }

    @Test
    void split_whenNoRecords_makesNoCall() {
        assertThat(split(List.of())).isEmpty();
    }

    @Test
    void split_when500Records_makesOneCallAnd501MakeTwo() {
        assertThat(sizes(split(Collections.nCopies(500, new Entry("k", 10))))).containsExactly(500);
        assertThat(sizes(split(Collections.nCopies(501, new Entry("k", 10))))).containsExactly(500, 1);
        assertThat(sizes(split(Collections.nCopies(1001, new Entry("k", 10))))).containsExactly(500, 500, 1);
    }

    @Test
    void split_whenCallIsExactly5MiB_keepsItWholeAndOneByteMoreStartsAnother() {
        Entry full = new Entry("k", MIB - 1); // 1 MiB with its key
        assertThat(sizes(split(Collections.nCopies(5, full)))).containsExactly(5);

        List<Entry> oneByteOver = new ArrayList<>(Collections.nCopies(5, full));
        oneByteOver.add(new Entry("k", 0)); // its key alone is the byte over
        assertThat(sizes(split(oneByteOver))).containsExactly(5, 1);
    }

    @Test
    void split_whenPartitionKeysAreMultiByte_countsThemInUtf8Bytes() {
        // "€" is one character but three bytes: counted in characters these six records make 5 MiB - 4 bytes and
        // would go in one call; Kinesis counts 5 MiB + 8 bytes.
        List<Entry> entries = new ArrayList<>(Collections.nCopies(5, new Entry("€", MIB - 3)));
        entries.add(new Entry("€", 5));

        assertThat(sizes(split(entries))).containsExactly(5, 1);
    }

    @Test
    void split_whenManyCalls_keepsOrder() {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            entries.add(new Entry("session-" + i, 8 * 1024));
        }

        List<List<Entry>> calls = split(entries);

        assertThat(calls.stream().flatMap(List::stream).toList()).isEqualTo(entries);
        assertThat(calls).allSatisfy(call -> assertThat(call.stream()
                        .mapToLong(e -> PutRecordsSplitter.recordBytes(e.key(), e.dataBytes()))
                        .sum())
                .isLessThanOrEqualTo(PutRecordsSplitter.MAX_BYTES_PER_CALL));
    }

    @Test
    void split_whenRecordIsExactly1MiB_acceptsItAndRefusesOneByteMore() {
        assertThat(sizes(split(List.of(new Entry("🙂", MAX_RECORD_BYTES - 4))))).containsExactly(1);

        assertThatThrownBy(() -> split(List.of(new Entry("🙂", MAX_RECORD_BYTES - 3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1048577 bytes");
    }

    @Test
    void recordBytes_whenKeyHasEmojiOrAccents_countsUtf8Bytes() {
        assertThat(PutRecordsSplitter.recordBytes("🙂", 10)).isEqualTo(14);
        assertThat(PutRecordsSplitter.recordBytes("é", 0)).isEqualTo(2);
        assertThat(PutRecordsSplitter.recordBytes("abc", 1)).isEqualTo(4);
    }
}
