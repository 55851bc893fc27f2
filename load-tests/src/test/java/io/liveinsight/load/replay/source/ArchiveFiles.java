package io.liveinsight.load.replay.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes archive files (gzip NDJSON) for the source tests, whole or cut short. */
final class ArchiveFiles {

    private ArchiveFiles() {}

    static byte[] gzip(List<String> lines) {
        return gzip(String.join("\n", lines) + "\n");
    }

    static byte[] gzip(String text) {
        return gzip(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path root, String name, byte[] bytes) {
        try {
            Path file = root.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] cut(byte[] bytes, int keep) {
        return Arrays.copyOf(bytes, keep);
    }

    /** A stream record line of one session: {@code {"v":1,"events":[...]}} with the edge's fields. */
    static String record(String session, long receivedAt, String... eventIds) {
        StringBuilder events = new StringBuilder();
        for (String id : eventIds) {
            if (!events.isEmpty()) {
                events.append(',');
            }
            events.append("{\"event_id\":\"")
                    .append(id)
                    .append("\",\"user_id\":\"u-")
                    .append(session)
                    .append("\",\"session_id\":\"")
                    .append(session)
                    .append("\",\"event_type\":\"page_view\",\"timestamp\":")
                    .append(receivedAt - 100)
                    .append(",\"page_url\":\"https://shop.example.com/")
                    .append(id)
                    .append("\",\"user_agent\":\"Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0\",\"properties\":{},")
                    .append("\"received_at\":")
                    .append(receivedAt)
                    .append(",\"ip\":\"203.0.113.0\",\"is_bot\":false,\"clock_skew\":false}");
        }
        return "{\"v\":1,\"events\":[" + events + "]}";
    }
}
