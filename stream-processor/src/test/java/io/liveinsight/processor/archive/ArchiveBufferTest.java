package io.liveinsight.processor.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/contract/archive.md#layout: when a shard's records go to a file, and into which hour's folder. */
class ArchiveBufferTest {

    private static final Instant T0 = Instant.parse("2026-12-06T09:59:58Z");
    private static final ArchivePolicy POLICY = new ArchivePolicy(100, Duration.ofSeconds(60));

    private final ArchiveBuffer buffer = new ArchiveBuffer("shardId-000000000000", POLICY);

    static ArchiveRecord record(String sequenceNumber, Instant arrival, String data) {
        return new ArchiveRecord(sequenceNumber, 0, arrival, data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void isDue_whenEmpty_isNeverDue() {
        assertThat(buffer.isDue(T0.plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void isDue_whenTheFirstRecordHasWaitedTheFlushAge_isDueAndNotBefore() {
        buffer.add(record("1", T0, "a"), T0);
        buffer.add(record("2", T0, "b"), T0.plusSeconds(30));

        assertThat(buffer.isDue(T0.plusSeconds(59))).isFalse();
        assertThat(buffer.isDue(T0.plusSeconds(60))).isTrue();
    }

    @Test
    void isDue_whenTheDataWithNewlinesReachesTheSize_isDueAtOnce() {
        buffer.add(record("1", T0, "x".repeat(98)), T0);
        assertThat(buffer.bytes()).isEqualTo(99);
        assertThat(buffer.isDue(T0)).isFalse();

        buffer.add(record("2", T0, ""), T0); // an empty record is still a line: one byte

        assertThat(buffer.bytes()).isEqualTo(100);
        assertThat(buffer.isDue(T0)).isTrue();
    }

    @Test
    void drain_whenRecordsSpanAnHour_writesOneFilePerArrivalHourInStreamOrder() {
        buffer.add(record("1", T0, "a"), T0);
        buffer.add(record("2", T0.plusSeconds(3), "b"), T0); // 10:00:01
        buffer.add(record("3", T0.plusSeconds(1), "c"), T0); // 09:59:59: arrival times are approximate
        buffer.add(record("4", T0.plusSeconds(4), "d"), T0);

        ArchiveBuffer.Flush flush = buffer.drain();

        assertThat(flush.files())
                .extracting(ArchiveFile::partition)
                .containsExactly("dt=2026-12-06/hour=09/", "dt=2026-12-06/hour=10/");
        assertThat(flush.files().get(0).records())
                .extracting(ArchiveRecord::sequenceNumber)
                .containsExactly("1", "3");
        assertThat(flush.files().get(1).records())
                .extracting(ArchiveRecord::sequenceNumber)
                .containsExactly("2", "4");
        assertThat(flush.files()).allSatisfy(file -> assertThat(file.shardId()).isEqualTo("shardId-000000000000"));
        assertThat(flush.last().sequenceNumber())
                .as("the checkpoint goes after the last in stream order")
                .isEqualTo("4");
        assertThat(flush.records()).isEqualTo(4);
        assertThat(flush.bytes()).isEqualTo(8);
    }

    @Test
    void drain_empties_theBufferAndItsAge() {
        buffer.add(record("1", T0, "a"), T0);
        buffer.drain();

        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.bytes()).isZero();
        assertThat(buffer.oldestArrival()).isNull();
        buffer.add(record("2", T0, "b"), T0.plusSeconds(100));
        assertThat(buffer.isDue(T0.plusSeconds(159)))
                .as("the age counts from the first record of the new buffer")
                .isFalse();
        assertThatThrownBy(() -> new ArchiveBuffer("s", POLICY).drain()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void oldestArrival_isTheEarliestHeld() {
        buffer.add(record("1", T0.plusSeconds(5), "a"), T0);
        buffer.add(record("2", T0, "b"), T0);

        assertThat(buffer.oldestArrival()).isEqualTo(T0);
        assertThat(buffer.size()).isEqualTo(2);
    }

    @Test
    void discard_forgetsEverything() {
        buffer.add(record("1", T0, "a"), T0);
        buffer.discard();

        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.isDue(T0.plusSeconds(600))).isFalse();
    }

    @Test
    void policy_whenOutOfRange_failsNamingTheSetting() {
        assertThatThrownBy(() -> new ArchivePolicy(0, Duration.ofSeconds(1))).hasMessageContaining("buffer size");
        assertThatThrownBy(() -> new ArchivePolicy(1, Duration.ofMillis(99))).hasMessageContaining("flush age");
        assertThat(ArchivePolicy.flushedEvery(Duration.ofSeconds(1)).maxBytes()).isEqualTo(5L * 1024 * 1024);
        assertThatThrownBy(() -> new ArchiveFile("s", "dt=2026-12-06/hour=09/", List.of()))
                .hasMessageContaining("at least one record");
    }
}
