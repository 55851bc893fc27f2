package io.liveinsight.processor.archive;

import static io.liveinsight.processor.archive.ArchiveBufferTest.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A flush is written whole before anything may be checkpointed; no test sleeps (waits are recorded). */
class ArchiveWriterTest {

    private static final Instant T0 = Instant.parse("2026-12-06T09:59:59Z");

    private final InMemoryArchiveSink sink = new InMemoryArchiveSink();
    private final ArchiveMetrics metrics = new ArchiveMetrics();
    private final List<Duration> waits = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ArchiveWriter writer = new ArchiveWriter(sink, metrics, waits::add, stopping::get);

    private static ArchiveBuffer.Flush twoHours() {
        ArchiveBuffer buffer = new ArchiveBuffer("shardId-1", new ArchivePolicy(1_000, Duration.ofSeconds(1)));
        buffer.add(record("1", T0, "a"), T0);
        buffer.add(record("2", T0.plusSeconds(2), "bb"), T0);
        return buffer.drain();
    }

    @Test
    void write_whenTheSinkTakesEveryFile_isWrittenAndCounted() {
        assertThat(writer.write(twoHours())).isEqualTo(ArchiveWriter.Outcome.WRITTEN);

        assertThat(sink.sequenceNumbers()).containsExactly("1", "2");
        assertThat(waits).isEmpty();
        assertThat(metrics.totals())
                .containsEntry(ArchiveMetrics.RECORDS_WRITTEN, 2.0)
                .containsEntry(ArchiveMetrics.FILES_WRITTEN, 2.0)
                .containsEntry(ArchiveMetrics.DATA_BYTES_WRITTEN, 5.0)
                .containsEntry(ArchiveMetrics.BYTES_WRITTEN, 2.0) // the sink's sizes: 2/2 and 3/2
                .containsEntry(ArchiveMetrics.WRITE_FAILURES, 0.0);
    }

    @Test
    void write_whenTheSinkFailsForAWhile_triesTheSameFileAgainWithBackoffAndNeverSkipsIt() {
        sink.failNext = 12;

        assertThat(writer.write(twoHours())).isEqualTo(ArchiveWriter.Outcome.WRITTEN);

        assertThat(sink.sequenceNumbers()).containsExactly("1", "2");
        assertThat(sink.attempts).hasValue(14);
        assertThat(waits)
                .startsWith(
                        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800))
                .hasSize(12);
        assertThat(waits.getLast()).isEqualTo(Duration.ofSeconds(5));
        assertThat(metrics.writeFailures()).isEqualTo(12);
    }

    @Test
    void write_whenTheSecondFileFailsOnce_writesTheFirstOnlyOnce() {
        ArchiveSink failingSecond = new ArchiveSink() {
            private int calls;

            @Override
            public Written write(ArchiveFile file) throws IOException {
                if (++calls == 2) {
                    throw new IOException("disk full");
                }
                return sink.write(file);
            }
        };

        ArchiveWriter.Outcome outcome =
                new ArchiveWriter(failingSecond, metrics, waits::add, stopping::get).write(twoHours());

        assertThat(outcome).isEqualTo(ArchiveWriter.Outcome.WRITTEN);
        assertThat(sink.sequenceNumbers()).containsExactly("1", "2");
    }

    @Test
    void write_whenStopping_triesOnceAndGivesUp() {
        sink.failNext = -1;
        stopping.set(true);

        assertThat(writer.write(twoHours())).isEqualTo(ArchiveWriter.Outcome.STOPPED);

        assertThat(sink.attempts).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void write_whenStoppingBeginsDuringRetries_stopsRetrying() {
        sink.failNext = -1;
        ArchiveWriter stoppingLater = new ArchiveWriter(
                sink,
                metrics,
                wait -> {
                    waits.add(wait);
                    if (waits.size() == 3) {
                        stopping.set(true);
                    }
                },
                stopping::get);

        assertThat(stoppingLater.write(twoHours())).isEqualTo(ArchiveWriter.Outcome.STOPPED);

        assertThat(sink.attempts).hasValue(4);
        assertThat(sink.files).isEmpty();
    }

    @Test
    void write_whenTheSinkHasABug_retriesItToo_soNoRecordIsSkipped() {
        ArchiveSink buggy = new ArchiveSink() {
            private int calls;

            @Override
            public Written write(ArchiveFile file) throws IOException {
                if (++calls <= 2) {
                    throw new IllegalStateException("a bug somewhere");
                }
                return sink.write(file);
            }
        };

        assertThat(new ArchiveWriter(buggy, metrics, waits::add, stopping::get).write(twoHours()))
                .isEqualTo(ArchiveWriter.Outcome.WRITTEN);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(sink.sequenceNumbers()).containsExactly("1", "2");
    }

    @Test
    void write_whenTheThreadIsInterrupted_givesUpLikeAStop() {
        sink.failNext = -1;
        Thread.currentThread().interrupt();
        try {
            assertThat(writer.write(twoHours())).isEqualTo(ArchiveWriter.Outcome.STOPPED);
        } finally {
            Thread.interrupted();
        }
        assertThat(sink.attempts).hasValue(1);
    }
}
