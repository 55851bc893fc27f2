package io.liveinsight.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.archive.ArchiveLayout;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.Ports;
import io.liveinsight.local.engines.WithLocalAws;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * docs/contract/local.md#archive: the local stack with the archive on runs the consumer and the archiver side by
 * side (two KCL applications in one JVM); events posted to the edge, hostile ids and all, are in the archive folder as
 * the stream records that carried them, and {@code /health} and {@code /metrics} say how the archiver is doing.
 */
@WithLocalAws
class LocalArchiveTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** KCL's random start-up wait (up to 30 s) and lease assignment, for each of the two applications. */
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path folder;

    @Test
    void stack_withTheArchiveOn_archivesWhatTheEdgeAcceptedAndReportsIt(LocalAws aws) throws Exception {
        LocalConfig config = new LocalConfig(
                        "127.0.0.1",
                        Ports.resolve(0),
                        0,
                        0,
                        null,
                        null,
                        aws.createStream("local-archive", 1),
                        1,
                        TableNames.withPrefix("LocalArchive"),
                        "local-archive-consumer",
                        null,
                        true)
                .withArchive(folder.resolve("data/archive"), Duration.ofSeconds(1));
        String session = "x~#|<script>alert(1)</script>\uD83D\uDE00".repeat(3);
        String user = "\uD83D\uDC7E".repeat(128); // 128 code points, 256 UTF-16 units
        Map<String, String> sent = new HashMap<>(); // event id -> page
        String last;
        try (LocalPipeline stack = LocalPipeline.start(config, aws.endpoints())) {
            for (int i = 0; i < 3; i++) {
                String page = "https://shop.example/p?q=<script>~#|" + i;
                JsonNode reply = post(stack.edgeAddress(), """
                        {"user_id":%s,"session_id":%s,"event_type":"page_view","page_url":%s}""".formatted(quote(user), quote(session), quote(page)));
                sent.put(reply.path("event_id").asText(), page);
            }

            await(
                    "the events in the archive",
                    () -> archived(config.archiveDirectory()).keySet().containsAll(sent.keySet()));
            Map<String, JsonNode> archived = archived(config.archiveDirectory());
            for (Map.Entry<String, String> event : sent.entrySet()) {
                JsonNode stored = archived.get(event.getKey());
                assertThat(stored.path("session_id").asText()).isEqualTo(session);
                assertThat(stored.path("user_id").asText()).isEqualTo(user);
                assertThat(stored.path("page_url").asText()).isEqualTo(event.getValue());
            }
            await("the session stored by the consumer beside it", () -> !aws.dynamoDb()
                    .getItem(r -> r.tableName(config.tables().sessions())
                            .key(Map.of("session_id", AttributeValue.fromS(session))))
                    .item()
                    .isEmpty());

            await(
                    "/health 200 with the archive up",
                    () -> get(stack.edgeAddress(), "/health").statusCode() == 200);
            JsonNode health = JSON.readTree(get(stack.edgeAddress(), "/health").body());
            assertThat(health.path("dependencies").path("archive").asText()).isEqualTo("up");
            assertThat(health.path("dependencies").path("consumer").asText()).isEqualTo("up");
            assertThat(health.path("archive").path("records_written").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(health.path("archive").path("stuck")).isEmpty();
            JsonNode metrics =
                    JSON.readTree(get(stack.edgeAddress(), "/metrics").body());
            assertThat(metrics.path("ArchiveRecordsWritten").asDouble()).isGreaterThanOrEqualTo(3);
            assertThat(metrics.path("ArchiveBytesWritten").asDouble()).isPositive();
            assertThat(metrics.has("EventsProcessed"))
                    .as("the consumer's figures too")
                    .isTrue();

            // Stopped right after it is accepted: the archiver reads the stream's tail before it stops.
            last = post(
                            stack.edgeAddress(),
                            "{\"session_id\":" + quote(session)
                                    + ",\"event_type\":\"page_view\",\"page_url\":\"/last\"}")
                    .path("event_id")
                    .asText();
        }
        assertThat(archived(config.archiveDirectory()))
                .as("the event accepted just before the stack stopped")
                .containsKey(last);
        try (Stream<Path> files = Files.walk(config.archiveDirectory())) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(path -> path.getFileName().toString()))
                    .as("finished files only, after the stack stopped")
                    .allMatch(name -> name.endsWith(ArchiveLayout.FILE_SUFFIX) && !name.startsWith("."));
        }
    }

    /** Every event of every stream record in the archive, by event id. */
    private static Map<String, JsonNode> archived(Path root) {
        Map<String, JsonNode> events = new HashMap<>();
        for (String line : lines(root)) {
            try {
                JsonNode record = JSON.readTree(line);
                assertThat(record.path("v").asInt()).isEqualTo(1);
                record.path("events")
                        .forEach(event -> events.put(event.path("event_id").asText(), event));
            } catch (IOException e) {
                throw new AssertionError("not a stream record: " + line, e);
            }
        }
        return events;
    }

    private static List<String> lines(Path root) {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(path -> path.toString().endsWith(ArchiveLayout.FILE_SUFFIX)
                            && !path.getFileName().toString().startsWith("."))
                    .toList()) {
                assertThat(ArchiveLayout.hourOf(root.relativize(file).toString()))
                        .isPresent();
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(content).endsWith("\n");
                    lines.addAll(content.lines().toList());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static JsonNode post(URI edge, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(edge.resolve("/events"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(URI edge, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(edge.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String quote(String value) throws IOException {
        return JSON.writeValueAsString(value);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + START);
            }
            Thread.sleep(100);
        }
    }
}
