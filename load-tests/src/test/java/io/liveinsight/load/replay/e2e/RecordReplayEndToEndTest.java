package io.liveinsight.load.replay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.event.DecodeResult;
import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.archive.ArchiveLayout;
import io.liveinsight.load.replay.cli.ReplayCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 15's loop on the real local stack, as a load tester runs it (docs/contract/archive.md,
 * docs/contract/replay.md): generated traffic sent to a recording stack that archives it; the archive replayed at 10x
 * into a fresh stack on the replay lane, with {@code bin/replay}'s own command ({@link ReplayCli}); its report says 0
 * missing, 0 duplicated, 0 wrong, and the fresh stack's tables hold as many events and sessions as the recording's;
 * the same archive replayed again as another run gives the same result beside the first. Two stacks in child JVMs, one after the other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecordReplayEndToEndTest {

    static final String KEY = "e2e-replay-key-0123456789";
    private static final TableNames TABLES = TableNames.withPrefix(TableNames.DEFAULT_PREFIX);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WORK = Path.of("target/record-replay");
    private static final Path ARCHIVE = WORK.resolve("archive");

    static long recordedEvents;
    static long recordedSessions;
    static ChildStack fresh;

    @BeforeAll
    static void record() throws Exception {
        assertThat(ChildStack.JAR)
                .as("the local stack's jar, built before this module")
                .isRegularFile();
        deleteRecursively(WORK);
        Files.createDirectories(WORK);
        try (ChildStack recording = ChildStack.start(
                "the recording stack",
                WORK.resolve("recording-stack.log"),
                Map.of(
                        "LIVEINSIGHT_ARCHIVE_DIR",
                        ARCHIVE.toAbsolutePath().toString(),
                        "LIVEINSIGHT_ARCHIVE_FLUSH_S",
                        "2"))) {
            // Real traffic, as visitors sent it: the generator's sessions (bots, clicks, custom events, malformed
            // requests), sent live, checked against the recording stack's own tables.
            int recorded = cli(
                    "--generate",
                    "--seed",
                    "15",
                    "--sessions",
                    "60",
                    "--duration-s",
                    "60",
                    "--url",
                    recording.edge.toString(),
                    "--speed",
                    "max",
                    "--no-lane",
                    "--concurrency",
                    "8",
                    "--dynamodb",
                    recording.dynamoDbEndpoint.toString(),
                    "--settle-s",
                    "120",
                    "--report",
                    WORK.resolve("recording-report").toString(),
                    "--progress",
                    "off");
            assertThat(recorded).as("the recording itself arrived exactly").isZero();
            recordedEvents = recording.count(TABLES.events());
            recordedSessions = recording.count(TABLES.sessions());
            assertThat(recordedEvents).isPositive();
            // The archiver writes what the stream holds at least once, within its flush age.
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (archivedEventIds().size() < recordedEvents && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(archivedEventIds()).hasSize((int) recordedEvents);
        }
        fresh = ChildStack.start(
                "the fresh stack", WORK.resolve("fresh-stack.log"), Map.of("LIVEINSIGHT_REPLAY_KEY", KEY));
    }

    @AfterAll
    static void stop() {
        if (fresh != null) {
            fresh.close();
        }
    }

    @Test
    @Order(1)
    void theArchive_replayedAtTenTimesIntoAFreshStack_arrivesWithNothingMissingDuplicatedOrWrong() throws Exception {
        Path report = WORK.resolve("replay-1");
        int exit = replayArchive(report);

        JsonNode json = JSON.readTree(report.resolve("report.json").toFile());
        assertThat(exit).as(json.path("findings").toString()).isZero();
        assertThat(json.path("verdict").asText()).isEqualTo("PASSED");
        assertThat(json.path("events_planned").asLong()).isEqualTo(recordedEvents);
        JsonNode findings = json.path("findings");
        assertThat(findings.path("missing").path("count").asLong()).isZero();
        assertThat(findings.path("duplicated").path("count").asLong()).isZero();
        assertThat(findings.path("wrong").path("count").asLong()).isZero();
        assertThat(findings.path("stats")).isNotEmpty();
        assertThat(Files.readString(report.resolve("report.html"))).contains("<svg");
        // The tables agree: the fresh stack holds what the recording stack held, under the run's ids.
        assertThat(fresh.count(TABLES.events())).isEqualTo(recordedEvents);
        assertThat(fresh.count(TABLES.sessions())).isEqualTo(recordedSessions);
    }

    @Test
    @Order(2)
    void theSameArchive_replayedAgainAsAnotherRun_givesTheSameResultBesideTheFirst() throws Exception {
        Path report = WORK.resolve("replay-2");
        int exit = replayArchive(report, "e2e-archive-2");

        JsonNode second = JSON.readTree(report.resolve("report.json").toFile());
        JsonNode first = JSON.readTree(WORK.resolve("replay-1/report.json").toFile());
        assertThat(exit).as(second.path("findings").toString()).isZero();
        assertThat(summaryRows(second)).isNotEmpty().isEqualTo(summaryRows(first));
        // Two separate, equal sets of sessions: nothing merged into the first run's.
        assertThat(fresh.count(TABLES.events())).isEqualTo(2 * recordedEvents);
        assertThat(fresh.count(TABLES.sessions())).isEqualTo(2 * recordedSessions);
    }

    /** The run's summary statistics as the report compared them (name, expected, got). */
    private static List<String> summaryRows(JsonNode report) {
        List<String> rows = new ArrayList<>();
        for (JsonNode row : report.path("findings").path("stats")) {
            if (row.path("name").asText().startsWith("summary")) {
                rows.add(row.path("name").asText() + "=" + row.path("expected") + "/" + row.path("got"));
            }
        }
        return rows;
    }

    private static int replayArchive(Path report) throws InterruptedException {
        return replayArchive(report, "e2e-archive");
    }

    private static int replayArchive(Path report, String run) throws InterruptedException {
        return cli(
                "--archive",
                ARCHIVE.toString(),
                "--url",
                fresh.edge.toString(),
                "--speed",
                "10",
                "--concurrency",
                "8",
                "--run",
                run,
                "--replay-key",
                KEY,
                "--dynamodb",
                fresh.dynamoDbEndpoint.toString(),
                "--dashboard",
                fresh.edge.toString(),
                "--settle-s",
                "120",
                "--report",
                report.toString(),
                "--progress",
                "off");
    }

    static int cli(String... args) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            exit = ReplayCli.run(args, Clock.systemUTC(), out);
        }
        System.out.println(bytes.toString(StandardCharsets.UTF_8));
        return exit;
    }

    /** Every distinct event id in the archive folder, read as a replay reads it: every line of every file. */
    private static Set<String> archivedEventIds() throws IOException {
        EventCodec codec = new EventCodec();
        Set<String> ids = new HashSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.exists(ARCHIVE) ? Files.walk(ARCHIVE) : Stream.empty()) {
            files = walk.filter(f -> f.toString().endsWith(ArchiveLayout.FILE_SUFFIX))
                    .toList();
        }
        for (Path file : files) {
            assertThat(ArchiveLayout.hourOf(ARCHIVE.relativize(file).toString()))
                    .as(file.toString())
                    .hasValueSatisfying(hour -> assertThat(hour).isBefore(Instant.now()));
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isEmpty()
                            && codec.decode(line.getBytes(StandardCharsets.UTF_8))
                                    instanceof DecodeResult.Decoded decoded) {
                        decoded.events().stream().map(Event::eventId).forEach(ids::add);
                    }
                }
            }
        }
        return ids;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> paths = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(paths);
            for (Path path : paths) {
                Files.delete(path);
            }
        }
    }
}
