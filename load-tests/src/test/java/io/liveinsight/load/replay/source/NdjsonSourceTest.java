package io.liveinsight.load.replay.source;

import static io.liveinsight.load.replay.source.ArchiveFiles.gzip;
import static io.liveinsight.load.replay.source.ArchiveFiles.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.load.traffic.GeneratorSettings;
import io.liveinsight.load.traffic.RecordedLine;
import io.liveinsight.load.traffic.Recording;
import io.liveinsight.load.traffic.TrafficGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NDJSON recordings: the generator's lines as the tracker batches them, archive lines, and everything broken. */
class NdjsonSourceTest {

    @TempDir
    Path dir;

    @Test
    void read_whenAGeneratorRecording_yieldsEveryEventOnceInTrackerRequestsAndSkipsTheMalformed() throws IOException {
        List<RecordedLine> lines = TrafficGenerator.generate(
                GeneratorSettings.defaults().withSeed(3).withSessions(40).withShares(0.05, 0.05));
        Path file = dir.resolve("recording.ndjson");
        Recording.write(file, lines);
        long events = lines.stream().filter(l -> !l.isMalformed()).count();

        SourceRead read = new NdjsonSource(file, TimeRange.ALL).read();

        assertThat(read.events()).isEqualTo(events);
        assertThat(read.skipped()).hasSize((int) (lines.size() - events));
        assertThat(read.skipped()).allSatisfy(s -> assertThat(s.reason()).contains("malformed request"));
        assertThat(read.requests()).allSatisfy(r -> {
            assertThat(r.events()).hasSizeBetween(1, 10);
            assertThat(r.events())
                    .extracting(e -> e.get("session_id"))
                    .containsOnly(r.events().get(0).get("session_id"));
            assertThat(r.receivedAtMs()).isGreaterThanOrEqualTo(GeneratorSettings.DEFAULT_START_EPOCH_MS);
            r.events().forEach(e -> assertThat(e.get("timestamp").longValue()).isLessThanOrEqualTo(r.receivedAtMs()));
        });
    }

    @Test
    void read_whenLinesAreMixedOrBroken_readsArchiveLinesTooAndSkipsTheRestWithReasons() throws IOException {
        Path file = dir.resolve("mixed.ndjson");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        record("s1", 1_780_000_000_000L, "a1"),
                        "{\"at_ms\":5,\"event\":{\"event_id\":\"g1\",\"session_id\":\"s9\",\"user_id\":\"u\"}}",
                        "not json",
                        "{\"hello\":1}",
                        "{\"at_ms\":-1,\"event\":{}}",
                        "{\"at_ms\":1,\"event\":{\"session_id\":42}}",
                        "{\"at_ms\":1,\"event\":[]}",
                        "\"just a string\"",
                        ""),
                StandardCharsets.UTF_8);

        SourceRead read = new NdjsonSource(file, TimeRange.ALL).read();

        assertThat(read.requests())
                .flatExtracting(TimedRequest::events)
                .extracting(e -> e.get("event_id").textValue())
                .containsExactlyInAnyOrder("a1", "g1");
        assertThat(read.skipped())
                .extracting(Skipped::where)
                .containsExactly(
                        "mixed.ndjson:3",
                        "mixed.ndjson:4",
                        "mixed.ndjson:5",
                        "mixed.ndjson:6",
                        "mixed.ndjson:7",
                        "mixed.ndjson:8");
        assertThat(read.skipped().get(0).reason()).startsWith("not JSON");
        assertThat(read.skipped().get(1).reason()).startsWith("neither a stream record");
        assertThat(read.skipped().get(2).reason()).startsWith("at_ms must be");
        assertThat(read.skipped().get(3).reason()).isEqualTo("session_id is not a string (the edge refuses it)");
    }

    @Test
    void read_whenGzipAndCutShort_keepsWhatCameBefore() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            lines.add(record("s" + i, 1_780_000_000_000L + i, "e" + i));
        }
        byte[] whole = gzip(lines);
        Path file = ArchiveFiles.write(dir, "cut.ndjson.gz", ArchiveFiles.cut(whole, whole.length * 2 / 3));

        SourceRead read = new NdjsonSource(file, TimeRange.ALL).read();

        assertThat(read.requests()).hasSizeBetween(1, 2_999);
        assertThat(read.skipped()).singleElement().satisfies(s -> assertThat(s.reason())
                .startsWith("truncated or corrupt gzip"));
    }
}
