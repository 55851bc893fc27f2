package io.liveinsight.load.traffic;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recordings as NDJSON, one line each: {@code {"at_ms":1200,"event":{...}}} or {@code {"at_ms":1300,"malformed":"..."}}.
 */
public final class Recording {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private Recording() {}

    public static String toLine(RecordedLine line) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at_ms", line.atMs());
        if (line.isMalformed()) {
            out.put("malformed", line.malformedBody());
        } else {
            out.put("event", line.event());
        }
        try {
            return JSON.writeValueAsString(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static RecordedLine fromLine(String text) {
        try {
            Map<String, Object> in = JSON.readValue(text, MAP);
            long at = ((Number) in.get("at_ms")).longValue();
            Object malformed = in.get("malformed");
            return malformed != null
                    ? RecordedLine.malformed(at, (String) malformed)
                    : RecordedLine.event(at, (Map<String, Object>) in.get("event"));
        } catch (IOException e) {
            throw new UncheckedIOException("not a recording line: " + text, e);
        }
    }

    public static void write(Path file, List<RecordedLine> lines) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (RecordedLine line : lines) {
                writer.write(toLine(line));
                writer.write('\n');
            }
        }
    }

    public static List<RecordedLine> read(Path file) throws IOException {
        List<RecordedLine> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                if (!text.isBlank()) {
                    lines.add(fromLine(text));
                }
            }
        }
        return lines;
    }
}
