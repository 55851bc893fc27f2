package io.liveinsight.load.replay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.replay.ReplayIds;
import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.load.check.StoredAsExpected;
import io.liveinsight.load.replay.StubEdge;
import io.liveinsight.load.replay.source.ReplayJson;
import io.liveinsight.local.engines.DynamoDbLocalEngine;
import io.liveinsight.local.engines.LiveInsightResources;
import io.liveinsight.local.engines.LocalAwsClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole command in-process ({@link ReplayCli#run}) against a stub edge that answers as the replay lane does and
 * stands in for the pipeline by writing what it accepts to DynamoDB Local as store format 2 would. The real stack's
 * acceptance (generate, archive, replay into a fresh stack at 10x, 0/0/0) runs once the lane and the archiver are in.
 */
class ReplayCliTest {

    static final String KEY = "cli-test-replay-key-0001";
    static final String HOSTILE = "<script>alert(1)</script>~#|\uD83D\uDE00";

    private static DynamoDbLocalEngine engine;
    private static DynamoDbClient dynamoDb;
    private static int round;

    @TempDir
    Path dir;

    private StubEdge edge;
    private String prefix;
    private TableNames tables;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeAll
    static void startDynamoDb() {
        engine = DynamoDbLocalEngine.start(0, null);
        dynamoDb = LocalAwsClients.dynamoDb(engine.endpoint());
    }

    @AfterAll
    static void stopDynamoDb() {
        dynamoDb.close();
        engine.close();
    }

    @BeforeEach
    void start() {
        edge = new StubEdge(KEY);
        prefix = "Cli" + round++;
        tables = TableNames.withPrefix(prefix);
        LiveInsightResources.createTables(dynamoDb, tables);
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    @Test
    void run_whenAHarIsReplayedOnTheLane_sendsEveryEventOnceWithTheRunAndExits0() throws Exception {
        Path har = har();
        edge.unavailableFirst.set(1);

        int exit = run(
                "--har",
                har.toString(),
                "--url",
                edge.url().toString(),
                "--replay-key",
                KEY,
                "--run",
                "cli-1",
                "--speed",
                "max",
                "--report",
                dir.resolve("report").toString(),
                "--progress",
                "off");

        assertThat(exit).as(text()).isZero();
        assertThat(edge.received).hasSize(3); // two entries, one of them resent after a 503
        assertThat(edge.received).allSatisfy(r -> {
            assertThat(r.header("X-LiveInsight-Replay-Run")).isEqualTo("cli-1");
            assertThat(r.header("X-LiveInsight-Replay-Key")).isEqualTo(KEY);
            assertThat(r.header("User-Agent")).isEqualTo("Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0");
        });
        assertThat(sentIds()).containsExactlyInAnyOrder("h1", "h2", "h3");
        assertThat(edge.received.get(edge.received.size() - 1).body()
                        + edge.received.get(1).body())
                .contains(HOSTILE);
        JsonNode report = ReplayJson.MAPPER.readTree(Files.readString(dir.resolve("report/report.json")));
        assertThat(report.path("sending").path("accepted").asLong()).isEqualTo(3);
        assertThat(report.path("sending").path("resends").asLong()).isEqualTo(1);
        assertThat(report.path("sending").path("unavailable").asLong()).isEqualTo(1);
        assertThat(report.path("findings").path("tables").asText()).startsWith("not read");
        assertThat(Files.readString(dir.resolve("report/report.html"))).doesNotContain("<script>alert");
        assertThat(text()).contains("replay cli-1: PASSED").contains("0 missing, 0 duplicated, 0 wrong");
        assertThat(text()).doesNotContain(KEY);
    }

    @Test
    void run_whenTheTablesHoldWhatWasSent_reports000AndExits0() throws Exception {
        pipeline(e -> true);

        int exit = run(archiveArgs("cli-2"));

        assertThat(exit).as(text()).isZero();
        assertThat(text()).contains("0 missing, 0 duplicated, 0 wrong").contains("3 events, 2 sessions, 2 segments");
        ReplayIds ids = new ReplayIds(ReplayKey.of(KEY), "cli-2");
        assertThat(sentIds()).containsExactlyInAnyOrder("a1", "a2", "b1"); // a1 twice in the archive: sent once
        assertThat(dynamoDb.getItem(r -> r.tableName(tables.sessions())
                                .key(Map.of(
                                        "session_id",
                                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                                ids.sessionId("sa")))))
                        .hasItem())
                .isTrue();
        JsonNode report = ReplayJson.MAPPER.readTree(Files.readString(dir.resolve("report/report.json")));
        assertThat(report.path("duplicates_dropped").asLong()).isEqualTo(1);
        assertThat(report.path("refused_count").asLong()).isEqualTo(1);
        assertThat(report.path("skipped_count").asLong()).isEqualTo(1);
        assertThat(report.path("lag")).isNotEmpty();
    }

    @Test
    void run_whenTheEdgeAcknowledgesAnEventItNeverStores_reportsItMissingAndExits1() throws Exception {
        pipeline(e -> !"/lost".equals(e.get("page_url")));

        int exit = run(archiveArgs("cli-3"));

        assertThat(exit).isEqualTo(1);
        assertThat(text()).contains("replay cli-3: FAILED").contains("1 missing, 0 duplicated,");
        String lost = new ReplayIds(ReplayKey.of(KEY), "cli-3").eventId("b1");
        assertThat(text()).contains("event " + lost + " (session ");
    }

    @Test
    void run_whenTheTablesCannotBeRead_reportsItWrongAndExits1() throws Exception {
        String[] args = archiveArgs("cli-4");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--table-prefix")) {
                args[i + 1] = "NoSuchPrefix";
            }
        }

        int exit = run(args);

        assertThat(exit).isEqualTo(1);
        assertThat(text())
                .contains("tables    not read: table NoSuchPrefix-Events not found (is --table-prefix right?)")
                .contains("0 missing, 0 duplicated, 1 wrong");
    }

    @Test
    void run_whenTheKeyIsWrong_stopsAtTheFirstAnswerAndExits1() throws Exception {
        int exit = run(
                "--har",
                har().toString(),
                "--url",
                edge.url().toString(),
                "--replay-key",
                "not-the-key-0000000000",
                "--speed",
                "max",
                "--concurrency",
                "1",
                "--report",
                dir.resolve("r").toString(),
                "--progress",
                "off");

        assertThat(exit).isEqualTo(1);
        assertThat(edge.received).hasSize(1);
        assertThat(text()).contains("STOPPED: the edge refused the replay lane: 403 replay key missing or wrong");
    }

    @Test
    void run_whenArgumentsOrTheSourceAreBad_exits2WithTheReason() throws Exception {
        assertThat(run("--har", "x.har")).isEqualTo(2);
        assertThat(text()).contains("bin/replay: the replay lane needs the deployment's replay key");
        output.reset();

        assertThat(run("--har", dir.resolve("nope.har").toString(), "--no-lane", "--progress", "off"))
                .isEqualTo(2);
        assertThat(text()).contains("bin/replay: cannot read the source: ").contains("nope.har");
        output.reset();

        assertThat(run("--help")).isZero();
        assertThat(text())
                .contains("--archive DIR")
                .contains("--replay-key KEY")
                .contains("Exit code");
    }

    private String[] archiveArgs(String run) throws IOException {
        long now = System.currentTimeMillis();
        String a1 = "{\"event_id\":\"a1\",\"session_id\":\"sa\",\"user_id\":\"ua\",\"timestamp\":" + (now - 9_000)
                + ",\"page_url\":\"https://shop.example.com/" + HOSTILE.replace("\"", "") + "\",\"received_at\":"
                + (now - 9_000) + ",\"ip\":\"203.0.113.0\",\"is_bot\":false,\"clock_skew\":false}";
        String a2 = "{\"event_id\":\"a2\",\"session_id\":\"sa\",\"user_id\":\"ua\",\"event_type\":\"click\","
                + "\"timestamp\":" + (now - 8_000) + ",\"received_at\":" + (now - 8_000) + "}";
        String b1 = "{\"event_id\":\"b1\",\"session_id\":\"sb\",\"user_id\":\"ub\",\"page_url\":\"/lost\","
                + "\"timestamp\":" + (now - 7_000) + ",\"received_at\":" + (now - 7_000) + "}";
        String bad = "{\"event_id\":\"bad\",\"session_id\":\"sb\",\"event_type\":\"Not A Type\",\"received_at\":"
                + (now - 7_000) + "}";
        Path file = dir.resolve("archive.ndjson");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "{\"v\":1,\"events\":[" + a1 + "]}",
                        "{\"v\":1,\"events\":[" + a2 + "]}",
                        "{\"v\":1,\"events\":[" + b1 + "," + bad + "]}",
                        "{\"v\":1,\"events\":[" + a1 + "]}",
                        "{broken"),
                StandardCharsets.UTF_8);
        return new String[] {
            "--ndjson",
            file.toString(),
            "--url",
            edge.url().toString(),
            "--replay-key",
            KEY,
            "--run",
            run,
            "--speed",
            "10",
            "--dynamodb",
            engine.endpoint().toString(),
            "--table-prefix",
            prefix,
            "--settle-s",
            "3",
            "--report",
            dir.resolve("report").toString(),
            "--progress",
            "off"
        };
    }

    private Path har() throws IOException {
        String entry = "{\"startedDateTime\":\"%s\",\"request\":{\"method\":\"POST\",\"url\":\"http://x/events\","
                + "\"headers\":[{\"name\":\"User-Agent\",\"value\":\"Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0\"}],"
                + "\"postData\":{\"mimeType\":\"text/plain;charset=UTF-8\",\"text\":%s}}}";
        String first = ReplayJson.write("[{\"event_id\":\"h1\",\"session_id\":\"s\",\"page_url\":\"/a\"},"
                + "{\"event_id\":\"h2\",\"session_id\":\"s\"}]");
        String second = ReplayJson.write(
                "{\"event_id\":\"h3\",\"session_id\":\"s\",\"page_url\":" + ReplayJson.write(HOSTILE) + "}");
        Path file = dir.resolve("demo.har");
        Files.writeString(
                file,
                "{\"log\":{\"version\":\"1.2\",\"entries\":[" + String.format(entry, "2026-12-06T09:00:00Z", first)
                        + "," + String.format(entry, "2026-12-06T09:00:01Z", second) + "]}}",
                StandardCharsets.UTF_8);
        return file;
    }

    /** The ids the edge was sent (unmapped), once each. */
    private Set<String> sentIds() {
        return edge.received.stream()
                .map(r -> ReplayJson.parse(r.body()))
                .filter(json -> json != null && json.isArray())
                .flatMap(json -> {
                    List<String> ids = new ArrayList<>();
                    json.forEach(e -> ids.add(e.get("event_id").textValue()));
                    return ids.stream();
                })
                .collect(Collectors.toSet());
    }

    /**
     * The stub edge's accepted events into the tables as the pipeline would hold them: every event kept so far
     * (those {@code keep} lets through), the sessions recomputed from all of them.
     */
    private void pipeline(java.util.function.Predicate<Map<String, Object>> keep) {
        List<Map<String, Object>> all = new ArrayList<>();
        edge.onAccepted = events -> {
            synchronized (all) {
                stored(events).stream().filter(keep).forEach(all::add);
                StoredAsExpected.store(dynamoDb, tables, all);
            }
        };
    }

    /** Accepted events as the Events table's fields. */
    private static List<Map<String, Object>> stored(List<ObjectNode> events) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ObjectNode event : events) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("event_id", event.get("event_id").textValue());
            map.put("session_id", event.get("session_id").textValue());
            map.put("user_id", event.get("user_id").textValue());
            map.put(
                    "event_type",
                    event.hasNonNull("event_type") ? event.get("event_type").textValue() : "page_view");
            map.put(
                    "page_url",
                    event.hasNonNull("page_url") ? event.get("page_url").textValue() : null);
            map.put("timestamp", event.get("timestamp").longValue());
            if (event.hasNonNull("replay_run")) {
                map.put("replay_run", event.get("replay_run").textValue());
            }
            out.add(map);
        }
        return out;
    }

    private int run(String... argv) throws InterruptedException {
        return ReplayCli.run(argv, Clock.systemUTC(), new PrintStream(output, true, StandardCharsets.UTF_8), Map.of());
    }

    private String text() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
