package io.liveinsight.load.replay.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * An NDJSON file (gzip when its name ends in {@code .gz}): generator recording lines ({@code {"at_ms":...}},
 * {@link TrackerRequests}) and archive lines ({@code {"v":1,"events":[...]}}, {@link StreamRecordLine}), in any mix.
 * Archive lines are selected by {@code received_at} in the range; recording lines by the time the planner gives them.
 */
public final class NdjsonSource implements ReplaySource {

    private final Path file;
    private final TimeRange range;

    public NdjsonSource(Path file, TimeRange range) {
        this.file = file;
        this.range = range;
    }

    @Override
    public SourceRead read() throws IOException {
        String name = file.getFileName().toString();
        List<TimedRequest> requests = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        TrackerRequests recording = new TrackerRequests();
        long lines = 0;
        try (InputStream in = open()) {
            ByteLines reader = new ByteLines(in);
            for (ByteLines.Line line = reader.next(); line != null; line = reader.next()) {
                lines = line.number();
                Origin origin = new Origin(name, line.number());
                if (line.problem() != null) {
                    skipped.add(Skipped.at(origin, line.problem()));
                } else if (!line.text().isBlank()) {
                    readLine(line.text(), origin, requests, recording, skipped);
                }
            }
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            skipped.add(new Skipped(
                    name + ":" + (lines + 1),
                    "truncated or corrupt gzip (" + e.getMessage() + "): the " + lines + " lines before it are kept"));
        }
        if (!recording.isEmpty()) {
            recording.requests(name).stream()
                    .filter(r -> range.contains(r.receivedAtMs()))
                    .forEach(requests::add);
        }
        return new SourceRead("NDJSON " + file + " (" + lines + " lines)", requests, skipped);
    }

    private void readLine(
            String text, Origin origin, List<TimedRequest> requests, TrackerRequests recording, List<Skipped> skipped) {
        JsonNode json = ReplayJson.parse(text);
        if (json == null) {
            skipped.add(Skipped.at(origin, ReplayJson.whyNot(text)));
        } else if (StreamRecordLine.looksLikeRecord(json)) {
            TimedRequest request = StreamRecordLine.read(json, origin, skipped::add);
            if (request != null && range.contains(request.receivedAtMs())) {
                requests.add(request);
            }
        } else if (json.isObject() && json.has("at_ms")) {
            recording.add(json, origin, skipped::add);
        } else {
            skipped.add(Skipped.at(
                    origin,
                    "neither a stream record ({\"v\":1,\"events\":[...]}) nor a recording line ({\"at_ms\":...})"));
        }
    }

    private InputStream open() throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 65536);
        if (!file.getFileName().toString().endsWith(".gz")) {
            return raw;
        }
        try {
            return new BufferedInputStream(new GZIPInputStream(raw, 65536));
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }
}
