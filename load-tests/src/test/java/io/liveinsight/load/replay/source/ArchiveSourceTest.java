package io.liveinsight.load.replay.source;

import static io.liveinsight.load.replay.source.ArchiveFiles.gzip;
import static io.liveinsight.load.replay.source.ArchiveFiles.record;
import static io.liveinsight.load.replay.source.ArchiveFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading an archive folder (docs/contract/archive.md#layout): partitions, lines, damage, ranges. */
class ArchiveSourceTest {

    static final long T0 = Instant.parse("2026-12-06T09:59:59Z").toEpochMilli();

    @TempDir
    Path root;

    @Test
    void read_whenRecordsAreWhole_yieldsOneRequestPerRecordAtItsReceivedAt() throws IOException {
        write(
                root,
                "dt=2026-12-06/hour=09/a.ndjson.gz",
                gzip(List.of(record("s1", T0, "e1", "e2"), record("s2", T0 + 500, "e3"))));

        SourceRead read = new ArchiveSource(new FolderArchiveStore(root), TimeRange.ALL).read();

        assertThat(read.requests()).hasSize(2);
        assertThat(read.requests().get(0).receivedAtMs()).isEqualTo(T0);
        assertThat(read.requests().get(0).events())
                .extracting(e -> e.get("event_id").textValue())
                .containsExactly("e1", "e2");
        assertThat(read.requests().get(0).origin()).isEqualTo(new Origin("dt=2026-12-06/hour=09/a.ndjson.gz", 1));
        assertThat(read.skipped()).isEmpty();
    }

    @Test
    void read_whenLinesAreBroken_skipsEachWithItsReasonAndKeepsTheRest() throws IOException {
        byte[] notUtf8 = {'{', '"', 'v', '"', ':', 1, (byte) 0xC3, (byte) 0x28, '}'};
        String text = String.join(
                "\n",
                record("s1", T0, "e1"),
                "{\"v\":1,\"events\":[",
                "[1,2,3]",
                "{\"v\":2,\"events\":[{}]}",
                "{\"v\":1,\"events\":[]}",
                "{\"v\":1,\"v\":1,\"events\":[{}]}",
                "{\"v\":1,\"events\":[{\"event_id\":\"no-time\"}]}",
                "{\"v\":1,\"events\":[42," + record("s2", T0, "e2").substring(17),
                "",
                record("s3", T0, "e3"));
        byte[] lines = (text.substring(0, text.indexOf('\n') + 1)).getBytes(StandardCharsets.UTF_8);
        byte[] rest = text.substring(text.indexOf('\n') + 1).getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[lines.length + notUtf8.length + 1 + rest.length];
        System.arraycopy(lines, 0, all, 0, lines.length);
        System.arraycopy(notUtf8, 0, all, lines.length, notUtf8.length);
        all[lines.length + notUtf8.length] = '\n';
        System.arraycopy(rest, 0, all, lines.length + notUtf8.length + 1, rest.length);
        write(root, "dt=2026-12-06/hour=09/a.ndjson.gz", gzip(all));

        SourceRead read = new ArchiveSource(new FolderArchiveStore(root), TimeRange.ALL).read();

        assertThat(read.requests())
                .flatExtracting(TimedRequest::events)
                .extracting(e -> e.get("event_id").textValue())
                .containsExactly("e1", "e2", "e3");
        assertThat(read.skipped())
                .extracting(Skipped::reason)
                .containsExactly(
                        "not UTF-8 text",
                        read.skipped().get(1).reason(),
                        "not a stream record ({\"v\":1,\"events\":[...]})",
                        "stream record version 2: only version 1 is read",
                        "a stream record's events must be a non-empty array",
                        read.skipped().get(5).reason(),
                        "no event has a received_at (epoch ms, 1970-9999): nothing to pace it by",
                        "event 0 is not a JSON object");
        assertThat(read.skipped().get(1).reason()).startsWith("not JSON (");
        assertThat(read.skipped().get(5).reason()).startsWith("not JSON (").contains("Duplicate field");
        assertThat(read.skipped().get(0).where()).isEqualTo("dt=2026-12-06/hour=09/a.ndjson.gz:2");
    }

    @Test
    void read_whenAFileIsTruncated_keepsTheWholeLinesBeforeTheDamageAndSaysSo() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            lines.add(record("s" + i, T0 + i, "e" + i));
        }
        byte[] whole = gzip(lines);
        write(root, "dt=2026-12-06/hour=09/cut.ndjson.gz", ArchiveFiles.cut(whole, whole.length / 2));
        write(root, "dt=2026-12-06/hour=09/garbage.ndjson.gz", "not gzip at all".getBytes(StandardCharsets.UTF_8));
        write(root, "dt=2026-12-06/hour=09/empty.ndjson.gz", new byte[0]);

        SourceRead read = new ArchiveSource(new FolderArchiveStore(root), TimeRange.ALL).read();

        int kept = read.requests().size();
        assertThat(kept).isBetween(1, 1_999);
        for (int i = 0; i < kept; i++) {
            assertThat(read.requests().get(i).events().get(0).get("event_id").textValue())
                    .isEqualTo("e" + i);
        }
        assertThat(read.skipped()).hasSize(3);
        assertThat(read.skipped())
                .filteredOn(s -> s.where().startsWith("dt=2026-12-06/hour=09/cut"))
                .singleElement()
                .satisfies(s -> assertThat(s.reason())
                        .startsWith("truncated or corrupt gzip")
                        .endsWith("the " + kept + " lines before it are kept"));
        assertThat(read.skipped())
                .filteredOn(s -> s.where().contains("garbage") || s.where().contains("empty"))
                .hasSize(2)
                .allSatisfy(s -> assertThat(s.reason()).startsWith("truncated or corrupt gzip"));
    }

    @Test
    void read_whenARangeIsGiven_listsOnlyItsPartitionsFromTheHourBeforeAndSelectsByReceivedAt() throws IOException {
        long nine = Instant.parse("2026-12-06T09:00:00Z").toEpochMilli();
        write(root, "dt=2026-12-06/hour=08/a.ndjson.gz", gzip(List.of(record("early", nine - 1, "e-early"))));
        // received in the range's first hour but archived in the next partition
        write(root, "dt=2026-12-06/hour=09/a.ndjson.gz", gzip(List.of(record("late", nine + 10, "e-in"))));
        write(root, "dt=2026-12-06/hour=10/a.ndjson.gz", gzip(List.of(record("next", nine + 3_599_999, "e-last"))));
        write(root, "dt=2026-12-06/hour=11/a.ndjson.gz", gzip(List.of(record("after", nine + 7_200_000, "e-out"))));
        write(root, "dt=2026-12-05/hour=23/a.ndjson.gz", gzip(List.of(record("old", nine - 36_000_000, "e-old"))));
        List<String> opened = new ArrayList<>();
        ArchiveStore store = recording(new FolderArchiveStore(root), opened);

        SourceRead read = new ArchiveSource(
                        store, new TimeRange(Instant.ofEpochMilli(nine), Instant.ofEpochMilli(nine + 3_600_000)))
                .read();

        assertThat(read.requests())
                .flatExtracting(TimedRequest::events)
                .extracting(e -> e.get("event_id").textValue())
                .containsExactly("e-in", "e-last");
        assertThat(opened)
                .containsExactly(
                        "dt=2026-12-06/hour=08/a.ndjson.gz",
                        "dt=2026-12-06/hour=09/a.ndjson.gz",
                        "dt=2026-12-06/hour=10/a.ndjson.gz");
    }

    @Test
    void read_whenEventsLackIdsOrCarryHostileText_givesDeterministicIdsAndKeepsTheTextExactly() throws IOException {
        String hostile = "<script>alert(1)</script> ~#| \uD83D\uDE00\uD801\uDC37 \u0000 ";
        String escaped = new String(
                com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(hostile));
        String line = "{\"v\":1,\"events\":[{\"page_url\":\"" + escaped + "\",\"received_at\":" + T0
                + ",\"properties\":{\"n\":1.50,\"big\":12345678901234567890123456789012345678}},"
                + "{\"user_id\":\"u~#|\",\"received_at\":" + T0 + "}]}";
        write(root, "dt=2026-12-06/hour=09/a.ndjson.gz", gzip(List.of(line)));

        List<ObjectNode> first = new ArchiveSource(new FolderArchiveStore(root), TimeRange.ALL)
                .read()
                .requests()
                .get(0)
                .events();
        List<ObjectNode> again = new ArchiveSource(new FolderArchiveStore(root), TimeRange.ALL)
                .read()
                .requests()
                .get(0)
                .events();

        assertThat(first.get(0).get("page_url").textValue()).isEqualTo(hostile);
        assertThat(ReplayJson.write(first.get(0).get("properties")))
                .isEqualTo("{\"n\":1.50,\"big\":12345678901234567890123456789012345678}");
        assertThat(first.get(0).get("event_id").textValue()).matches("rp-[0-9a-f]{8}-1-0");
        assertThat(first.get(1).get("event_id").textValue()).matches("rp-[0-9a-f]{8}-1-1");
        assertThat(first.get(0).get("session_id").textValue())
                .isNotEqualTo(first.get(1).get("session_id").textValue());
        assertThat(first).isEqualTo(again);
    }

    @Test
    void read_whenARecordCarriesTheCodecsDerivedKeys_dropsThemAndKeepsTheEventsFields() throws IOException {
        String line = "{\"v\":1,\"events\":[{\"event_id\":\"e1\",\"user_id\":\"u\",\"session_id\":\"s\","
                + "\"event_type\":\"page_view\",\"timestamp\":1,\"properties\":{\"page_view\":\"kept\"},"
                + "\"received_at\":" + T0 + ",\"ip\":\"127.0.0.0\",\"is_bot\":false,\"clock_skew\":false,"
                + "\"replay\":false,\"page_view\":true}]}";
        write(root, "dt=2026-12-06/hour=09/a.ndjson.gz", gzip(List.of(line)));

        ObjectNode event = new ArchiveSource(new FolderArchiveStore(root), TimeRange.ALL)
                .read()
                .requests()
                .get(0)
                .events()
                .get(0);

        assertThat(ReplayJson.write(event))
                .isEqualTo("{\"event_id\":\"e1\",\"user_id\":\"u\",\"session_id\":\"s\",\"event_type\":\"page_view\","
                        + "\"timestamp\":1,\"properties\":{\"page_view\":\"kept\"},\"received_at\":" + T0
                        + ",\"ip\":\"127.0.0.0\",\"is_bot\":false,\"clock_skew\":false}");
    }

    @Test
    void read_whenARecordHoldsAReplaysEvents_skipsThemSayingWhichRun() throws IOException {
        String replayed = record("s9", T0, "r.run-1.abc")
                .replace("\"clock_skew\":false", "\"clock_skew\":false," + "\"replay_run\":\"run-1\"");
        write(root, "dt=2026-12-06/hour=09/a.ndjson.gz", gzip(List.of(replayed, record("s1", T0, "live"))));

        SourceRead read = new ArchiveSource(new FolderArchiveStore(root), TimeRange.ALL).read();

        assertThat(read.requests())
                .flatExtracting(TimedRequest::events)
                .extracting(e -> e.get("event_id").textValue())
                .containsExactly("live");
        assertThat(read.skipped())
                .singleElement()
                .isEqualTo(new Skipped(
                        "dt=2026-12-06/hour=09/a.ndjson.gz:1",
                        "1 event(s) of replay run run-1: a replay is not replayed again"));
    }

    @Test
    void read_whenTheFolderDoesNotExist_throwsSaying() {
        assertThatThrownBy(() -> new ArchiveSource(new FolderArchiveStore(root.resolve("nope")), TimeRange.ALL).read())
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nope");
    }

    private static ArchiveStore recording(ArchiveStore store, List<String> opened) {
        return new ArchiveStore() {
            @Override
            public String describe() {
                return store.describe();
            }

            @Override
            public List<String> list(String prefix) throws IOException {
                return store.list(prefix);
            }

            @Override
            public InputStream open(String name) throws IOException {
                opened.add(name);
                return store.open(name);
            }
        };
    }
}
