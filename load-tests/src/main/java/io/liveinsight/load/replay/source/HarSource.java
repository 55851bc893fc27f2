package io.liveinsight.load.replay.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A HAR 1.2 file as a browser's DevTools export it: the {@code POST .../events} entries, each one request paced by its
 * {@code startedDateTime}, its body the entry's {@code postData.text} in any shape and content type the edge takes
 * (JSON object, array, {@code {"events"}}, {@code text/plain} beacons; base64 when {@code postData.encoding} says so).
 * Other entries are ignored (counted); an entry without a body is skipped with the reason. An event without
 * {@code user_agent} gets the entry's {@code User-Agent} header, which the edge would have stored for it.
 */
public final class HarSource implements ReplaySource {

    private final Path file;
    private final TimeRange range;

    public HarSource(Path file, TimeRange range) {
        this.file = file;
        this.range = range;
    }

    @Override
    public SourceRead read() throws IOException {
        String name = file.getFileName().toString();
        JsonNode har;
        try (InputStream in = Files.newInputStream(file)) {
            har = ReplayJson.MAPPER.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new SourceRead(
                    "HAR " + file, List.of(), List.of(new Skipped(name, "not a HAR file: " + e.getOriginalMessage())));
        }
        JsonNode entries = har == null ? null : har.path("log").get("entries");
        if (entries == null || !entries.isArray()) {
            return new SourceRead(
                    "HAR " + file, List.of(), List.of(new Skipped(name, "not a HAR file: no log.entries")));
        }
        List<TimedRequest> requests = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        int ignored = 0;
        for (int i = 0; i < entries.size(); i++) {
            JsonNode request = entries.get(i).path("request");
            if (!isEventsPost(request)) {
                ignored++;
                continue;
            }
            TimedRequest read = entry(entries.get(i), request, new Origin(name, i), skipped);
            if (read != null && range.contains(read.receivedAtMs())) {
                requests.add(read);
            }
        }
        return new SourceRead(
                "HAR " + file + " (" + entries.size() + " entries, " + ignored + " not POST .../events)",
                requests,
                skipped);
    }

    private static TimedRequest entry(JsonNode entry, JsonNode request, Origin origin, List<Skipped> skipped) {
        Instant started = instant(entry.path("startedDateTime").asText(""));
        if (started == null
                || started.isBefore(Instant.EPOCH)
                || started.isAfter(Instant.ofEpochMilli(TimedRequest.LATEST_MS))) {
            skipped.add(Skipped.at(
                    origin, "startedDateTime is not an ISO-8601 date-time in 1970-9999: nothing to pace it by"));
            return null;
        }
        JsonNode postData = request.get("postData");
        if (postData == null || !postData.isObject()) {
            skipped.add(Skipped.at(origin, "no postData: the browser did not keep this request's body"));
            return null;
        }
        String mimeType = postData.path("mimeType").asText("").toLowerCase(Locale.ROOT);
        if (!mimeType.isEmpty() && !mimeType.contains("json") && !mimeType.startsWith("text/plain")) {
            skipped.add(Skipped.at(
                    origin, "content type " + mimeType + ": the edge takes application/json and text/plain"));
            return null;
        }
        String body = body(postData);
        if (body == null || body.isBlank()) {
            skipped.add(Skipped.at(origin, "postData has no text (an empty or unreadable body)"));
            return null;
        }
        List<ObjectNode> events = EdgeBodies.events(body, origin, skipped::add);
        if (events == null) {
            return null;
        }
        String userAgent = header(request, "user-agent");
        if (userAgent != null) {
            events.stream().filter(e -> !e.hasNonNull("user_agent")).forEach(e -> e.put("user_agent", userAgent));
        }
        MissingIds.fill(origin, events);
        return new TimedRequest(started.toEpochMilli(), origin, events);
    }

    static boolean isEventsPost(JsonNode request) {
        if (!"POST".equalsIgnoreCase(request.path("method").asText(""))) {
            return false;
        }
        try {
            String path = URI.create(request.path("url").asText("")).getPath();
            return path != null && (path.endsWith("/events") || path.endsWith("/events/"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String body(JsonNode postData) {
        JsonNode text = postData.get("text");
        if (text == null || !text.isTextual()) {
            return null;
        }
        if (!"base64".equalsIgnoreCase(postData.path("encoding").asText(""))) {
            return text.textValue();
        }
        try {
            return new String(Base64.getMimeDecoder().decode(text.textValue()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String header(JsonNode request, String name) {
        for (JsonNode header : request.path("headers")) {
            if (name.equalsIgnoreCase(header.path("name").asText(""))
                    && header.path("value").isTextual()) {
                return header.path("value").textValue();
            }
        }
        return null;
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
