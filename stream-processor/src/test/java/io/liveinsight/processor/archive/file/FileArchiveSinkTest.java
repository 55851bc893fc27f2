package io.liveinsight.processor.archive.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.archive.ArchiveLayout;
import io.liveinsight.processor.ManualClock;
import io.liveinsight.processor.archive.ArchiveFile;
import io.liveinsight.processor.archive.ArchiveRecord;
import io.liveinsight.processor.archive.ArchiveSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/contract/archive.md#layout on a real file system: each record's data byte for byte, then a newline, gzip, in
 * the partition's folder under a name ending {@code .ndjson.gz}, nothing visible of a file that failed.
 */
class FileArchiveSinkTest {

    private static final Instant ARRIVAL = Instant.parse("2026-12-06T09:12:00Z");
    private static final String PARTITION = "dt=2026-12-06/hour=09/";

    @TempDir
    Path root;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T10:00:07Z"));

    private FileArchiveSink sink() {
        return new FileArchiveSink(root, "LiveInsight-Events", clock);
    }

    private static ArchiveRecord record(String sequenceNumber, byte[] data) {
        return new ArchiveRecord(sequenceNumber, 0, ARRIVAL, data);
    }

    /** Hostile data as the stream may hold it: astral characters, markup, {@code ~ # |}, a megabyte, nothing at all. */
    static List<byte[]> hostile() {
        List<byte[]> data = new ArrayList<>();
        data.add("{\"v\":1,\"events\":[{\"session_id\":\"s~1#2|3\",\"page_url\":\"/<script>alert(1)</script>\"}]}"
                .getBytes(StandardCharsets.UTF_8));
        data.add("{\"v\":1,\"events\":[{\"user_id\":\"\uD83D\uDE00\uD834\uDD1E\u0000\u2028\"}]}"
                .getBytes(StandardCharsets.UTF_8));
        byte[] big = new byte[1_000_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        data.add(big);
        data.add(new byte[0]);
        data.add(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x7f}); // not even UTF-8
        return data;
    }

    @Test
    void write_whenDataIsHostile_readsBackByteForByteOneRecordALine() throws IOException {
        List<byte[]> data = hostile();
        List<ArchiveRecord> records = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            records.add(record(Integer.toString(i), data.get(i)));
        }

        ArchiveSink.Written written = sink().write(new ArchiveFile("shardId-000000000000", PARTITION, records));

        Path file = root.resolve(written.name());
        assertThat(written.name())
                .startsWith(PARTITION + "LiveInsight-Events-shardId-000000000000-2026-12-06-10-00-07-")
                .endsWith(ArchiveLayout.FILE_SUFFIX);
        assertThat(ArchiveLayout.hourOf(written.name())).contains(Instant.parse("2026-12-06T09:00:00Z"));
        assertThat(written.bytes()).isEqualTo(Files.size(file)).isLessThan(100_000);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (byte[] line : data) {
            expected.write(line);
            expected.write('\n');
        }
        assertThat(gunzip(file)).isEqualTo(expected.toByteArray());
        assertThat(listAll()).as("no temporary file left").containsExactly(file);
    }

    @Test
    void write_whenCalledTwiceInOneSecond_neverOverwrites() throws IOException {
        FileArchiveSink sink = sink();
        ArchiveFile file = new ArchiveFile("shardId-1", PARTITION, List.of(record("1", new byte[] {'x'})));

        String first = sink.write(file).name();
        String second = sink.write(file).name();

        assertThat(first).isNotEqualTo(second);
        assertThat(listAll()).hasSize(2);
    }

    @Test
    void write_whenThePartitionCannotBeCreated_failsAndLeavesNothingVisible() throws IOException {
        Files.createDirectories(root.resolve("dt=2026-12-06"));
        Files.writeString(root.resolve("dt=2026-12-06/hour=09"), "a file where the folder should be");

        assertThatThrownBy(() ->
                        sink().write(new ArchiveFile("shardId-1", PARTITION, List.of(record("1", new byte[] {'x'})))))
                .isInstanceOf(IOException.class);

        assertThat(listAll()).noneMatch(path -> path.toString().endsWith(ArchiveLayout.FILE_SUFFIX));
    }

    @Test
    void write_whenThePartitionOrShardIsNotOurs_refusesIt() {
        FileArchiveSink sink = sink();
        List<ArchiveRecord> one = List.of(record("1", new byte[] {'x'}));

        assertThatThrownBy(() -> sink.write(new ArchiveFile("shardId-1", "../dt=2026-12-06/hour=09/", one)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sink.write(new ArchiveFile("shardId-1", "dt=2026-12-06/hour=9/", one)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sink.write(new ArchiveFile("../../x", PARTITION, one)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileArchiveSink(root, "a/b", clock)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removeLeftovers_deletesOldTemporaryFilesOnly() throws IOException {
        Path folder = Files.createDirectories(root.resolve(PARTITION));
        Path old = Files.writeString(folder.resolve(".a.ndjson.gz.tmp"), "half");
        Path recent = Files.writeString(folder.resolve(".b.ndjson.gz.tmp"), "being written");
        Path done = Files.writeString(folder.resolve("c.ndjson.gz"), "whole");
        Instant now = Instant.now();
        Files.setLastModifiedTime(old, FileTime.from(now.minusSeconds(120)));
        Files.setLastModifiedTime(done, FileTime.from(now.minusSeconds(120)));

        assertThat(FileArchiveSink.removeLeftovers(root, now.minusSeconds(60))).isEqualTo(1);

        assertThat(old).doesNotExist();
        assertThat(recent).exists();
        assertThat(done).exists();
        assertThat(FileArchiveSink.removeLeftovers(root.resolve("absent"), now)).isZero();
    }

    @Test
    void prepare_createsTheFolder_andRefusesAFile() throws IOException {
        Path nested = root.resolve("data/archive");

        assertThat(FileArchiveSink.prepare(nested))
                .isEqualTo(nested.toAbsolutePath())
                .isDirectory();

        Path file = Files.writeString(root.resolve("file"), "x");
        assertThatThrownBy(() -> FileArchiveSink.prepare(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a folder");
    }

    private List<Path> listAll() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }
}
