package io.liveinsight.load.replay.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HAR files as DevTools export them: the POST .../events entries and every way one can be unusable. */
class HarSourceTest {

    static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36";

    @TempDir
    Path dir;

    private final ArrayNode entries = ReplayJson.MAPPER.createArrayNode();

    @Test
    void read_whenEntriesPostEvents_yieldsOneRequestEachPacedByStartedDateTime() throws IOException {
        entry(
                "2026-12-06T09:00:00.000Z",
                "POST",
                "http://127.0.0.1:8080/events",
                "application/json",
                "{\"event_id\":\"a\",\"session_id\":\"s\",\"page_url\":\"<script>x</script>\"}");
        entry(
                "2026-12-06T10:00:00.250+01:00",
                "POST",
                "https://edge.example.com/prod/events?x=1",
                "text/plain;charset=UTF-8",
                "[{\"event_id\":\"b\",\"session_id\":\"s\"},{\"event_id\":\"c\"}]");
        ObjectNode encoded = entry("2026-12-06T09:00:01Z", "POST", "http://h/events", "application/json", null);
        ((ObjectNode) encoded.get("request").get("postData"))
                .put("encoding", "base64")
                .put(
                        "text",
                        Base64.getEncoder()
                                .encodeToString("{\"events\":[{\"event_id\":\"d\",\"session_id\":\"\uD83D\uDE00\"}]}"
                                        .getBytes(StandardCharsets.UTF_8)));
        entry("2026-12-06T09:00:02Z", "GET", "http://127.0.0.1:8080/events", null, null);
        entry("2026-12-06T09:00:02Z", "POST", "http://127.0.0.1:8080/api/other", "application/json", "{}");

        SourceRead read = read();

        assertThat(read.requests()).hasSize(3);
        assertThat(read.requests().get(0).receivedAtMs())
                .isEqualTo(Instant.parse("2026-12-06T09:00:00Z").toEpochMilli());
        assertThat(read.requests().get(1).receivedAtMs())
                .isEqualTo(Instant.parse("2026-12-06T09:00:00.250Z").toEpochMilli());
        assertThat(read.requests().get(0).events().get(0).get("page_url").textValue())
                .isEqualTo("<script>x</script>");
        assertThat(read.requests().get(1).events())
                .extracting(e -> e.get("event_id").textValue())
                .containsExactly("b", "c");
        assertThat(read.requests().get(2).events().get(0).get("session_id").textValue())
                .isEqualTo("\uD83D\uDE00");
        assertThat(read.requests())
                .flatExtracting(TimedRequest::events)
                .allSatisfy(e -> assertThat(e.get("user_agent").textValue()).isEqualTo(CHROME));
        assertThat(read.skipped()).isEmpty();
        assertThat(read.description()).contains("5 entries, 2 not POST .../events");
    }

    @Test
    void read_whenAnEntryCannotBeReplayed_skipsItWithTheReason() throws IOException {
        ObjectNode noBody = entry("2026-12-06T09:00:00Z", "POST", "http://h/events", null, null);
        noBody.withObject("request").remove("postData");
        entry("2026-12-06T09:00:00Z", "POST", "http://h/events", "multipart/form-data", "a=b");
        entry("2026-12-06T09:00:00Z", "POST", "http://h/events", "application/json", "{\"event_id\":");
        entry("2026-12-06T09:00:00Z", "POST", "http://h/events", "application/json", "");
        entry("yesterday", "POST", "http://h/events", "application/json", "{}");
        entry("2026-12-06T09:00:00Z", "POST", "http://h/events", "application/json", "{\"events\":[1,2],\"x\":1}");
        entry("2026-12-06T09:00:00Z", "POST", "http://h/events", "application/json", "[1, \"two\"]");
        entry("+999999999-12-31T23:59:59Z", "POST", "http://h/events", "application/json", "{}");

        SourceRead read = read();

        assertThat(read.requests()).isEmpty();
        assertThat(read.skipped())
                .extracting(Skipped::reason)
                .containsExactly(
                        "no postData: the browser did not keep this request's body",
                        "content type multipart/form-data: the edge takes application/json and text/plain",
                        read.skipped().get(2).reason(),
                        "postData has no text (an empty or unreadable body)",
                        "startedDateTime is not an ISO-8601 date-time in 1970-9999: nothing to pace it by",
                        "{\"events\"} must be an array with no other key beside it",
                        "event 0 is not a JSON object",
                        "event 1 is not a JSON object",
                        "no events in the body",
                        "startedDateTime is not an ISO-8601 date-time in 1970-9999: nothing to pace it by");
        assertThat(read.skipped().get(2).reason()).startsWith("not JSON");
        assertThat(read.skipped().get(0).where()).isEqualTo("demo.har:0");
    }

    @Test
    void read_whenTheFileIsNoHar_reportsItInsteadOfFailing() throws IOException {
        Path truncated = dir.resolve("cut.har");
        Files.writeString(truncated, "{\"log\":{\"entries\":[{\"request\":");
        Path other = dir.resolve("other.har");
        Files.writeString(other, "{\"hello\":\"world\"}");

        assertThat(new HarSource(truncated, TimeRange.ALL).read().skipped())
                .singleElement()
                .satisfies(s -> assertThat(s.reason()).startsWith("not a HAR file"));
        assertThat(new HarSource(other, TimeRange.ALL).read().skipped())
                .singleElement()
                .satisfies(s -> assertThat(s.reason()).isEqualTo("not a HAR file: no log.entries"));
    }

    private SourceRead read() throws IOException {
        ObjectNode har = ReplayJson.MAPPER.createObjectNode();
        har.putObject("log").put("version", "1.2").set("entries", entries);
        Path file = dir.resolve("demo.har");
        Files.writeString(file, ReplayJson.write(har), StandardCharsets.UTF_8);
        return new HarSource(file, TimeRange.ALL).read();
    }

    private ObjectNode entry(String started, String method, String url, String mimeType, String text) {
        ObjectNode entry = entries.addObject().put("startedDateTime", started);
        ObjectNode request = entry.putObject("request").put("method", method).put("url", url);
        request.putArray("headers").addObject().put("name", "User-Agent").put("value", CHROME);
        if (mimeType != null || text != null) {
            ObjectNode postData = request.putObject("postData");
            if (mimeType != null) {
                postData.put("mimeType", mimeType);
            }
            if (text != null) {
                postData.put("text", text);
            }
        }
        return entry;
    }
}
