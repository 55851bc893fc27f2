package io.liveinsight.dashboard.adapter.dynamodb;

import static io.liveinsight.dashboard.support.Fixtures.active;
import static io.liveinsight.dashboard.support.Fixtures.event;
import static io.liveinsight.dashboard.support.Fixtures.n;
import static io.liveinsight.dashboard.support.Fixtures.putAll;
import static io.liveinsight.dashboard.support.Fixtures.replayed;
import static io.liveinsight.dashboard.support.Fixtures.run;
import static io.liveinsight.dashboard.support.Fixtures.s;
import static io.liveinsight.dashboard.support.Fixtures.session;
import static io.liveinsight.dashboard.support.Fixtures.stats;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.http.DashboardApplication;
import io.liveinsight.dashboard.port.ReadMetrics;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.replay.ReplayIds;
import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.event.replay.ReplayLane;
import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Hll;
import io.liveinsight.event.stats.RecentEvent;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.lambda.http.HttpRequest;
import io.liveinsight.lambda.http.HttpResponse;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The replay lane on the dashboard (docs/contract/replay.md#where-a-run-shows), against DynamoDB Local with the items
 * written as the processor writes them: live traffic beside two replay runs. Every live and statistics route answers
 * by default exactly what it answers over the live items alone; {@code replay=<run>} answers that run only; the runs
 * are listed newest first; a replayed session's mapped id opens as any id; the original routes show no replay.
 */
@WithLocalAws
class ReplayLaneOnDynamoDbTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 3 hours ahead of the real clock, on a minute boundary plus 30 s (DynamoDB Local's TTL deletes by the real one). */
    private static final long NOW = (System.currentTimeMillis() + 3 * 3600_000L) / 60_000 * 60_000 + 30_000;

    private static final long MINUTE = NOW / 60_000;
    private static final String RUN_A = "run-a";
    private static final String RUN_B = "2026-12-06-b";
    private static final ReplayKey KEY = ReplayKey.of("replay-key-for-the-dashboard-tests");

    private LocalAws aws;

    @BeforeEach
    void engines(LocalAws aws) {
        this.aws = aws;
    }

    private DashboardApplication app(TableNames tables) {
        DashboardConfig config = new DashboardConfig(tables, "us-east-1", null, null, List.of(), 2, Duration.ZERO);
        Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
        return new DashboardApplication(
                config,
                new DynamoDbDashboardStore(aws.dynamoDb(), tables, 2, ReadMetrics.NONE),
                new DynamoDbStatsReader(aws.dynamoDb(), tables.stats(), ReadMetrics.NONE, clock),
                clock);
    }

    /** Items of one replay run: {@code active} sessions active now (one a bot), two ended long ago, and their rollup. */
    private void writeRun(TableNames tables, String run, int active, long events) {
        ReplayIds ids = new ReplayIds(KEY, run);
        List<Map<String, AttributeValue>> sessions = new ArrayList<>();
        List<Map<String, AttributeValue>> activeItems = new ArrayList<>();
        for (int i = 0; i < active; i++) {
            String id = ids.sessionId("visit-" + i);
            // pairs share a last activity: ties are paged through too
            long last = NOW - 10_000L * (i / 2) - 1_000;
            sessions.add(replayed(id, run, ids.userId("user-" + i % 5), last - 60_000, last, 3, i == 1));
            // what a processor that still wrote replayed ActiveSessions items would write: the live view ignores it
            Map<String, AttributeValue> stray = new LinkedHashMap<>(
                    active(id, ids.userId("user-" + i), last, "/replayed-" + i, false, Map.of(MINUTE, 3L)));
            stray.put("replay_run", s(run));
            activeItems.add(stray);
        }
        for (int i = 0; i < 2; i++) {
            String id = ids.sessionId("ended-" + i);
            sessions.add(replayed(id, run, ids.userId("ended"), NOW - 7200_000L, NOW - 3600_000L - i, 2, false));
        }
        putAll(aws.dynamoDb(), tables.sessions(), sessions);
        putAll(aws.dynamoDb(), tables.activeSessions(), activeItems);
        String first = ids.sessionId("visit-0");
        putAll(
                aws.dynamoDb(),
                tables.events(),
                List.of(withRun(event(ids.eventId("e0"), first, ids.userId("user-0"), NOW - 2_000, "/" + run), run)));
        StatsKey hour = StatsKey.of(ReplayLane.statsSite(StatsKey.DEFAULT_SITE, run), Resolution.HOUR, NOW);
        putAll(
                aws.dynamoDb(),
                tables.stats(),
                List.of(stats(hour, "shardId-000000000000", rollup(events, active - 1, 1, "shop.example/" + run))));
    }

    private static Map<String, AttributeValue> withRun(Map<String, AttributeValue> item, String run) {
        Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
        copy.put("replay_run", s(run));
        return copy;
    }

    /** The live site's items: active sessions (one a bot), their Sessions items and events, this hour's rollup. */
    private void writeLive(TableNames tables) {
        List<Map<String, AttributeValue>> activeItems = new ArrayList<>();
        List<Map<String, AttributeValue>> sessions = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = "live-" + i;
            long last = NOW - 7_000L * i - 500;
            activeItems.add(active(id, "visitor-" + i % 4, last, "/live/" + i % 3, i == 3, Map.of(MINUTE, 2L)));
            sessions.add(session(id, "visitor-" + i % 4, last - 60_000, last, 2));
        }
        putAll(aws.dynamoDb(), tables.activeSessions(), activeItems);
        putAll(aws.dynamoDb(), tables.sessions(), sessions);
        putAll(aws.dynamoDb(), tables.events(), List.of(event("live-e0", "live-0", "visitor-0", NOW - 900, "/live/0")));
        StatsKey hour = StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.HOUR, NOW);
        putAll(
                aws.dynamoDb(),
                tables.stats(),
                List.of(stats(hour, "shardId-000000000000", rollup(60, 29, 1, "shop.example/live"))));
    }

    /** One shard's rollup of the current hour: {@code events} in the current minute, the sessions last active in it. */
    private static Rollup rollup(long events, long lastActive, long botSessions, String page) {
        Counts counts = new Counts(events, events / 2, lastActive, lastActive, 0, 0, 0, 0, 0, botSessions);
        Hll users = new Hll();
        users.add(page);
        return new Rollup(
                counts,
                Map.of((int) (MINUTE % 60), counts),
                Map.of(Dimension.PAGE, Map.of(page, events / 2)),
                users,
                List.of(new RecentEvent(NOW - 5_000, "e-" + page, "page_view", "s-" + page, "u", page, "direct")));
    }

    private static long hourOf(long millis) {
        return Math.floorDiv(millis, 3600_000L) * 3600_000L;
    }

    private TableNames liveOnly() {
        TableNames tables = aws.createTables("ReplayLive");
        writeLive(tables);
        return tables;
    }

    private TableNames liveAndRuns() {
        TableNames tables = aws.createTables("ReplayMixed");
        writeLive(tables);
        writeRun(tables, RUN_A, 28, 500);
        writeRun(tables, RUN_B, 3, 7);
        putAll(
                aws.dynamoDb(),
                tables.stats(),
                List.of(
                        run(RUN_A, NOW - 600_000, NOW - 1_000),
                        run(RUN_B, NOW - 900_000, NOW - 120_000),
                        run("older-run", NOW - 90_000_000, NOW - 86_400_000)));
        return tables;
    }

    private static JsonNode get(DashboardApplication app, String path, Map<String, String> query, int status)
            throws Exception {
        HttpResponse response = app.handle(new HttpRequest("GET", path, Map.of(), query, null, false, null));
        assertThat(response.status())
                .as(path + " " + query + ": " + response.body())
                .isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static JsonNode get(DashboardApplication app, String path, Map<String, String> query) throws Exception {
        return get(app, path, query, 200);
    }

    /**
     * An answer with its cursors replaced by whether there is one: a page of ActiveSessions may stop on an item left
     * out (here a replayed item written by mistake), so the position differs while the pages hold the same sessions.
     */
    private static JsonNode withoutCursor(JsonNode answer) {
        JsonNode copy = answer.deepCopy();
        for (JsonNode node : List.of(copy, copy.path("active_sessions"))) {
            if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object && object.has("next_cursor")) {
                object.put("next_cursor", !object.get("next_cursor").isNull());
            }
        }
        return copy;
    }

    /** Every page of the active list, in order, as session ids. */
    private static List<String> allActive(DashboardApplication app, Map<String, String> query) throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> asked = new LinkedHashMap<>(query);
            asked.put("limit", "10");
            if (cursor != null) {
                asked.put("cursor", cursor);
            }
            JsonNode page = get(app, "/api/sessions/active", asked);
            page.path("sessions").forEach(s -> ids.add(s.path("session_id").asText()));
            cursor = page.path("next_cursor").isNull()
                    ? null
                    : page.path("next_cursor").asText();
            assertThat(++pages).as("pages").isLessThan(20);
        } while (cursor != null);
        return ids;
    }

    @Test
    void byDefault_everyLiveAndStatisticsRoute_answersWhatItAnswersOverTheLiveItemsAlone() throws Exception {
        DashboardApplication live = app(liveOnly());
        DashboardApplication mixed = app(liveAndRuns());
        List<Map.Entry<String, Map<String, String>>> requests = List.of(
                Map.entry("/api/live", Map.of()),
                Map.entry("/api/live", Map.of("include_bots", "true", "limit", "200")),
                Map.entry("/api/sessions/active", Map.of("limit", "7")),
                Map.entry("/api/stats/realtime", Map.of()),
                Map.entry("/api/stats/summary", Map.of()),
                Map.entry("/api/stats/series", Map.of("range", "today", "resolution", "5m")),
                Map.entry("/api/stats/breakdown", Map.of("dimension", "page")),
                Map.entry("/api/stats/details", Map.of("dimension", "hour", "key", Long.toString(hourOf(NOW)))),
                Map.entry("/api/sessions/active/", Map.of()),
                Map.entry("/api/statistics/summary/", Map.of()),
                Map.entry("/api/statistics/pages/", Map.of()));

        for (Map.Entry<String, Map<String, String>> request : requests) {
            assertThat(withoutCursor(get(mixed, request.getKey(), request.getValue())))
                    .as(request.getKey() + " " + request.getValue())
                    .isEqualTo(withoutCursor(get(live, request.getKey(), request.getValue())));
        }
        assertThat(allActive(mixed, Map.of()))
                .isEqualTo(allActive(live, Map.of()))
                .hasSize(29);
        JsonNode stats = get(mixed, "/api/stats/realtime", Map.of());
        assertThat(stats.path("active_sessions").asLong()).isEqualTo(29);
        assertThat(stats.path("sample_sessions").asInt()).isEqualTo(29);
        assertThat(stats.path("sample_complete").asBoolean()).isTrue();
        assertThat(stats.path("top_pages").toString()).doesNotContain("replayed");
    }

    @Test
    void replay_whenARunIsNamed_answersThatRunOnly() throws Exception {
        DashboardApplication app = app(liveAndRuns());
        ReplayIds a = new ReplayIds(KEY, RUN_A);

        List<String> listed = allActive(app, Map.of("replay", RUN_A));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            if (i != 1) { // the bot
                expected.add(a.sessionId("visit-" + i));
            }
        }
        assertThat(listed).as("every active human session of the run, once").hasSameElementsAs(expected);
        assertThat(listed).doesNotHaveDuplicates().hasSize(27);
        assertThat(allActive(app, Map.of("replay", RUN_A, "include_bots", "true")))
                .contains(a.sessionId("visit-1"))
                .hasSize(28);

        JsonNode page = get(app, "/api/live", Map.of("replay", RUN_B, "limit", "25"));
        JsonNode sessions = page.path("active_sessions");
        assertThat(sessions.path("replay").asText()).isEqualTo(RUN_B);
        assertThat(sessions.path("sessions")).hasSize(2); // 3 active, one of them a bot
        sessions.path("sessions").forEach(s -> {
            assertThat(s.path("session_id").asText()).startsWith("r~" + RUN_B + "~");
            assertThat(s.path("current_page").asText()).startsWith("https://shop.example/" + RUN_B + "/");
            assertThat(s.path("expires_at").asLong()).isGreaterThan(NOW / 1000);
        });
        assertThat(sessions.path("total").asLong())
                .as("the whole run in one page: counted exactly")
                .isEqualTo(2);
        JsonNode stats = page.path("stats");
        assertThat(stats.path("replay").asText()).isEqualTo(RUN_B);
        assertThat(stats.path("events_current_minute").asLong()).isEqualTo(7);
        assertThat(stats.path("active_users").asLong()).isEqualTo(2);
        assertThat(stats.path("sample_complete").asBoolean()).isTrue();

        JsonNode summaryA = get(app, "/api/stats/summary", Map.of("replay", RUN_A));
        JsonNode summaryB = get(app, "/api/stats/summary", Map.of("replay", RUN_B));
        JsonNode summaryLive = get(app, "/api/stats/summary", Map.of());
        assertThat(summaryA.path("events").asLong()).isEqualTo(500);
        assertThat(summaryB.path("events").asLong()).isEqualTo(7);
        assertThat(summaryLive.path("events").asLong()).isEqualTo(60);
        JsonNode pages = get(app, "/api/stats/breakdown", Map.of("dimension", "page", "replay", RUN_A));
        assertThat(pages.path("items")).hasSize(1);
        assertThat(pages.path("items").get(0).path("key").asText()).isEqualTo("shop.example/" + RUN_A);
        JsonNode series = get(app, "/api/stats/series", Map.of("range", "24h", "replay", RUN_B));
        long sum = 0;
        for (JsonNode point : series.path("points")) {
            sum += point.path("events").asLong();
        }
        assertThat(sum).isEqualTo(7);
        JsonNode details = get(
                app,
                "/api/stats/details",
                Map.of("dimension", "page", "key", "shop.example/" + RUN_A, "replay", RUN_A));
        assertThat(details.path("total").asLong()).isEqualTo(250);
        assertThat(get(app, "/api/stats/realtime", Map.of("replay", "no-such-run"))
                        .path("active_sessions")
                        .asLong())
                .as("a run with nothing stored is empty, not an error")
                .isZero();
    }

    @Test
    void replay_whenBad_refusesWithTheReasonAsEveryParameter() throws Exception {
        DashboardApplication app = app(liveAndRuns());
        String reason = "replay must be 1-40 characters of a-z 0-9 -, not starting with -, was ";
        for (String bad : List.of("Run-A", "-run", "a".repeat(41), "run~a", "<script>alert(1)</script>", "", "run a")) {
            for (String path : List.of(
                    "/api/live",
                    "/api/sessions/active",
                    "/api/stats/realtime",
                    "/api/stats/summary",
                    "/api/stats/series",
                    "/api/stats/breakdown",
                    "/api/stats/details")) {
                Map<String, String> query = new LinkedHashMap<>(Map.of("replay", bad));
                if (path.equals("/api/stats/breakdown")) {
                    query.put("dimension", "page");
                }
                if (path.equals("/api/stats/details")) {
                    query.putAll(Map.of("dimension", "page", "key", "x"));
                }
                JsonNode body = get(app, path, query, 400);
                assertThat(body.path("reasons").toString()).as(path + " " + bad).contains(reason);
            }
        }

        String cursorOfA = get(app, "/api/sessions/active", Map.of("replay", RUN_A, "limit", "5"))
                .path("next_cursor")
                .asText();
        String liveCursor = get(app, "/api/sessions/active", Map.of("limit", "5"))
                .path("next_cursor")
                .asText();
        assertThat(get(app, "/api/sessions/active", Map.of("replay", RUN_B, "cursor", cursorOfA), 400)
                        .path("reasons")
                        .toString())
                .contains("cursor belongs to another replay run");
        assertThat(get(app, "/api/live", Map.of("replay", RUN_A, "cursor", liveCursor), 400)
                        .path("reasons")
                        .toString())
                .contains("cursor is not one this route returned");
        assertThat(get(app, "/api/live", Map.of("cursor", cursorOfA), 400)
                        .path("reasons")
                        .toString())
                .contains("cursor is not one this route returned");
        assertThat(get(app, "/api/replay/runs", Map.of("limit", "5"), 400)
                        .path("reasons")
                        .toString())
                .contains("unknown parameter 'limit'");
        // the original routes take no replay parameter
        assertThat(get(app, "/api/statistics/summary/", Map.of("replay", RUN_A), 400)
                        .path("reasons")
                        .toString())
                .contains("unknown parameter 'replay'");
    }

    @Test
    void replayRuns_areListedNewestLastActivityFirst_expiredAndMalformedLeftOut() throws Exception {
        TableNames tables = liveAndRuns();
        Map<String, AttributeValue> expired = run("expired-run", NOW - 9_000_000, NOW - 8_000_000);
        expired.put("expires_at", n(NOW / 1000 - 60));
        Map<String, AttributeValue> malformed = run("fine", NOW, NOW);
        malformed.put("sk", s("Not A Run"));
        Map<String, AttributeValue> noTime = run("no-time", NOW, NOW);
        noTime.remove("last_at");
        putAll(aws.dynamoDb(), tables.stats(), List.of(expired, malformed, noTime));

        JsonNode runs = get(app(tables), "/api/replay/runs", Map.of()).path("runs");

        List<String> order = new ArrayList<>();
        runs.forEach(r -> order.add(r.path("run").asText()));
        assertThat(order).containsExactly(RUN_A, RUN_B, "older-run");
        assertThat(runs.get(0).path("first_at").asText())
                .isEqualTo(Instant.ofEpochMilli(NOW - 600_000).toString());
        assertThat(runs.get(0).path("last_at").asText())
                .isEqualTo(Instant.ofEpochMilli(NOW - 1_000).toString());
        assertThat(get(app(liveOnly()), "/api/replay/runs", Map.of()).path("runs"))
                .isEmpty();
    }

    @Test
    void replayRuns_whenMoreThanAHundred_listsTheNewestHundred() throws Exception {
        TableNames tables = aws.createTables("ReplayMany");
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            items.add(run("run-" + i, NOW - 1_000_000, NOW - 1_000L * ((i * 37) % 130)));
        }
        putAll(aws.dynamoDb(), tables.stats(), items);

        JsonNode runs = get(app(tables), "/api/replay/runs", Map.of()).path("runs");

        assertThat(runs).hasSize(100);
        long previous = Long.MAX_VALUE;
        for (JsonNode r : runs) {
            long last = Instant.parse(r.path("last_at").asText()).toEpochMilli();
            assertThat(last).isLessThanOrEqualTo(previous).isGreaterThan(NOW - 1_000L * 100 - 1);
            previous = last;
        }
    }

    @Test
    void sessionRoutes_openAReplayedSessionsMappedIdAsAnyId_theOriginalRoutesShowNoReplay() throws Exception {
        DashboardApplication app = app(liveAndRuns());
        ReplayIds a = new ReplayIds(KEY, RUN_A);
        String id = a.sessionId("visit-0");

        JsonNode session = get(app, "/api/sessions/" + id, Map.of());
        JsonNode events = get(app, "/api/sessions/" + id + "/events", Map.of());
        JsonNode original = get(app, "/api/sessions/" + id + "/events/", Map.of());

        assertThat(session.path("session_id").asText()).isEqualTo(id);
        assertThat(session.path("replay_run").asText()).isEqualTo(RUN_A);
        assertThat(session.path("active").asBoolean()).isTrue();
        assertThat(events.path("events")).hasSize(1);
        assertThat(events.path("events").get(0).path("replay_run").asText()).isEqualTo(RUN_A);
        assertThat(events.path("events").get(0).path("event_id").asText()).isEqualTo(a.eventId("e0"));
        assertThat(original).as("the original routes never show replays").isEmpty();
        assertThat(get(app, "/api/sessions/live-0/events/", Map.of())).hasSize(1);
        assertThat(get(app, "/api/sessions/live-0", Map.of()).has("replay_run")).isFalse();
    }
}
