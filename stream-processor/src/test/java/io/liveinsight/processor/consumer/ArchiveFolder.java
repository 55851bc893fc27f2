package io.liveinsight.processor.consumer;

import io.liveinsight.event.archive.ArchiveLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** An archive folder read back as a replay would: every {@code *.ndjson.gz} under a partition, line by line. */
final class ArchiveFolder {

    private ArchiveFolder() {}

    /** One line of one file: the partition the file is in, and the line's bytes (without its newline). */
    record Line(String file, String partition, byte[] data) {
        String key() {
            return ArchiveFolder.key(data);
        }
    }

    static List<Line> lines(Path root) {
        List<Line> lines = new ArrayList<>();
        for (Path file : files(root)) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            String partition = ArchiveLayout.hourOf(relative)
                    .map(ArchiveLayout::partition)
                    .orElseThrow(() -> new AssertionError("file outside any partition: " + relative));
            if (!relative.equals(partition + file.getFileName())) {
                throw new AssertionError("file not directly in its partition: " + relative);
            }
            byte[] content = gunzip(file);
            if (content.length == 0 || content[content.length - 1] != '\n') {
                throw new AssertionError("file does not end with a newline: " + relative);
            }
            int start = 0;
            for (int i = 0; i < content.length; i++) {
                if (content[i] == '\n') {
                    lines.add(new Line(relative, partition, Arrays.copyOfRange(content, start, i)));
                    start = i + 1;
                }
            }
        }
        return lines;
    }

    /** How many times each line (by its bytes) appears. */
    static Map<String, Integer> counts(List<Line> lines) {
        Map<String, Integer> counts = new HashMap<>();
        lines.forEach(line -> counts.merge(line.key(), 1, Integer::sum));
        return counts;
    }

    /** The finished files (what a reader takes), not the temporary ones being written. */
    static List<Path> files(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().endsWith(ArchiveLayout.FILE_SUFFIX))
                    .filter(path -> !path.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything in the folder that is not a finished file. */
    static List<Path> others(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> finished = files(root);
            return all.filter(Files::isRegularFile)
                    .filter(path -> !finished.contains(path))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gunzip(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A map key for bytes. */
    static String key(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
