package io.liveinsight.dashboard.adapter.dynamodb;

import static io.liveinsight.dashboard.support.Fixtures.active;
import static io.liveinsight.dashboard.support.Fixtures.event;
import static io.liveinsight.dashboard.support.Fixtures.putAll;
import static io.liveinsight.dashboard.support.Fixtures.segment;
import static io.liveinsight.dashboard.support.Fixtures.session;
import static io.liveinsight.dashboard.support.Fixtures.stats;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.http.DashboardApplication;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.stats.Counts;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.DoubleAdder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Every route of the read API against DynamoDB Local, with items written as the consumer writes them. */
@WithLocalAws
class DashboardApiOnDynamoDbTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The API's fixed "now": 3 hours ahead of the real clock (on a minute boundary plus 30 s). DynamoDB Local's TTL
     * really deletes items expired by the real clock, so "expired but not yet deleted" items must expire between the
     * real now and this one.
     */
    private static final long NOW = (System.currentTimeMillis() + 3 * 3600_000L) / 60_000 * 60_000 + 30_000;

    private static final long MINUTE = NOW / 60_000;

    private LocalAws aws;
    private TableNames tables;
    private final DoubleAdder readUnits = new DoubleAdder();

    @BeforeEach
    void tables(LocalAws aws) {
        this.aws = aws;
        this.tables = aws.createTables("Dash");
    }

    private DashboardApplication app(int segments) {
        DashboardConfig config =
                new DashboardConfig(tables, "us-east-1", null, null, List.of(), segments, Duration.ZERO);
        Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
        return new DashboardApplication(
                config,
                new DynamoDbDashboardStore(aws.dynamoDb(), tables, segments, (t, u) -> readUnits.add(u)),
                new DynamoDbStatsReader(aws.dynamoDb(), tables.stats(), (t, u) -> readUnits.add(u), clock),
                clock);
    }

    /**
     * The rollup of the current hour as one shard's processor writes it, holding these counts in the current minute's
     * slot (events, page views, last active, bot events, bot sessions).
     */
    private void currentMinute(long events, long pageViews, long lastActive, long botEvents, long botSessions) {
        StatsKey key = StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.HOUR, NOW);
        Counts counts = new Counts(events, pageViews, 0, lastActive, 0, 0, 0, 0, botEvents, botSessions);
        int minute = (int) (MINUTE % 60);
        aws.dynamoDb().putItem(r -> r.tableName(tables.stats())
                .item(stats(
                        key,
                        "shardId-000000000001",
                        new Rollup(counts, Map.of(minute, counts), Map.of(), null, List.of()))));
    }

    private JsonNode get(DashboardApplication app, String path, Map<String, String> query, int status)
            throws Exception {
        HttpResponse response = app.handle(new HttpRequest("GET", path, Map.of(), query, null, false, null));
        assertThat(response.status())
                .as(path + " " + query + ": " + response.body())
                .isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private JsonNode get(String path, Map<String, String> query) throws Exception {
        return get(app(4), path, query, 200);
    }

    @Test
    void activeSessions_whenMoreThanOnePage_returnsEachSessionOnceNewestActivityFirstWithinAPage() throws Exception {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // pairs share a last_activity, so the tie-break by id is exercised within a page
            items.add(active("s" + i, "u" + (i % 7), NOW - (i / 2) * 1000L, "/p" + (i % 3), false, Map.of(MINUTE, 1L)));
        }
        putAll(aws.dynamoDb(), tables.activeSessions(), items);
        currentMinute(60, 60, 60, 0, 0);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = new LinkedHashMap<>(Map.of("limit", "25"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = get("/api/sessions/active", query);
            assertThat(page.path("total").asInt()).isEqualTo(60);
            List<Long> activity = new ArrayList<>();
            page.path("sessions").forEach(s -> {
                seen.add(s.path("session_id").asText());
                activity.add(s.path("last_activity").asLong());
            });
            assertThat(activity).isSortedAccordingTo((a, b) -> Long.compare(b, a));
            cursor = page.path("next_cursor").isNull()
                    ? null
                    : page.path("next_cursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(60).doesNotHaveDuplicates();
    }

    @Test
    void activeSessions_whenExpiredButNotYetDeleted_excludesThem() throws Exception {
        putAll(
                aws.dynamoDb(),
                tables.activeSessions(),
                List.of(
                        active("live", "u1", NOW - 60_000, NOW - 1000, NOW / 1000 + 1, "/a", false, Map.of(MINUTE, 2L)),
                        // expires exactly now: no longer active
                        active("edge", "u2", NOW - 60_000, NOW - 1800_000, NOW / 1000, "/b", false, Map.of()),
                        // TTL has not deleted it yet, 2 hours after expiry
                        active(
                                "stale",
                                "u3",
                                NOW - 9000_000,
                                NOW - 9000_000,
                                NOW / 1000 - 7200,
                                "/c",
                                false,
                                Map.of(MINUTE - 150, 5L))));

        JsonNode page = get("/api/sessions/active", Map.of());
        JsonNode stats = get("/api/stats/realtime", Map.of());

        assertThat(page.path("total").asInt())
                .as("the whole table in one page: counted exactly")
                .isEqualTo(1);
        assertThat(page.path("sessions")).hasSize(1);
        assertThat(page.path("sessions").get(0).path("session_id").asText()).isEqualTo("live");
        assertThat(stats.path("active_users").asInt()).isEqualTo(1);
        assertThat(stats.path("sample_sessions").asInt()).isEqualTo(1);
        assertThat(stats.path("sample_complete").asBoolean()).isTrue();
    }

    @Test
    void activeSessions_whenBots_excludesThemUnlessAsked() throws Exception {
        putAll(
                aws.dynamoDb(),
                tables.activeSessions(),
                List.of(
                        active("human", "u1", NOW - 1000, "/a", false, Map.of(MINUTE, 3L)),
                        active("crawler", "bot", NOW - 2000, "/a", true, Map.of(MINUTE, 40L))));
        currentMinute(3, 3, 1, 40, 1);

        JsonNode humans = get("/api/sessions/active", Map.of());
        JsonNode all = get("/api/sessions/active", Map.of("include_bots", "true"));
        JsonNode stats = get("/api/stats/realtime", Map.of());
        JsonNode statsWithBots = get("/api/stats/realtime", Map.of("include_bots", "true"));

        assertThat(humans.path("total").asInt()).isEqualTo(1);
        assertThat(humans.path("sessions").get(0).path("session_id").asText()).isEqualTo("human");
        assertThat(all.path("total").asInt()).isEqualTo(2);
        assertThat(stats.path("active_sessions").asInt()).isEqualTo(1);
        assertThat(stats.path("bot_sessions").asInt()).isEqualTo(1);
        assertThat(stats.path("events_current_minute").asLong()).isEqualTo(3);
        assertThat(statsWithBots.path("active_sessions").asInt()).isEqualTo(2);
        assertThat(statsWithBots.path("events_current_minute").asLong()).isEqualTo(43);
    }

    @Test
    void live_whenAsked_answersStatsAndATablePageFollowedByTheNext() throws Exception {
        putAll(
                aws.dynamoDb(),
                tables.activeSessions(),
                List.of(
                        active("one", "u1", NOW - 1000, "/a", false, Map.of(MINUTE, 2L)),
                        active("two", "u2", NOW - 2000, "/b", false, Map.of(MINUTE, 1L)),
                        active("bot", "b", NOW - 500, "/a", true, Map.of(MINUTE, 9L))));
        currentMinute(3, 3, 2, 9, 1);
        DashboardApplication app = app(4);

        JsonNode live = get(app, "/api/live", Map.of("limit", "1"), 200);
        JsonNode next = get(
                app,
                "/api/live",
                Map.of(
                        "limit",
                        "1",
                        "cursor",
                        live.path("active_sessions").path("next_cursor").asText()),
                200);

        assertThat(live.path("stats").path("active_sessions").asInt()).isEqualTo(2);
        assertThat(live.path("stats").path("events_current_minute").asLong()).isEqualTo(3);
        assertThat(live.path("stats").path("active_users").asInt()).isEqualTo(2);
        assertThat(live.path("active_sessions").path("total").asInt()).isEqualTo(2);
        assertThat(live.path("active_sessions").path("sessions")).hasSize(1);
        assertThat(next.path("active_sessions").path("sessions")).hasSize(1);
        assertThat(List.of(
                        live.path("active_sessions")
                                .path("sessions")
                                .get(0)
                                .path("session_id")
                                .asText(),
                        next.path("active_sessions")
                                .path("sessions")
                                .get(0)
                                .path("session_id")
                                .asText()))
                .containsExactlyInAnyOrder("one", "two");
        assertThat(next.path("active_sessions").path("next_cursor").isNull()).isTrue();
        get(app, "/api/live", Map.of("limit", "x"), 400);
    }

    @Test
    void everyRoute_whenTablesEmpty_answersEmptyNotError() throws Exception {
        JsonNode page = get("/api/sessions/active", Map.of());
        JsonNode stats = get("/api/stats/realtime", Map.of());

        assertThat(page.path("total").asInt()).isZero();
        assertThat(page.path("sessions")).isEmpty();
        assertThat(page.path("next_cursor").isNull()).isTrue();
        assertThat(stats.path("active_sessions").asInt()).isZero();
        assertThat(stats.path("median_session_duration_ms").asLong()).isZero();
        assertThat(stats.path("events_per_minute")).hasSize(30);
        assertThat(stats.path("top_pages")).isEmpty();
        assertThat(get("/api/users/nobody/sessions", Map.of()).path("sessions")).isEmpty();
        assertThat(get("/api/users/nobody/events", Map.of()).path("events")).isEmpty();
        get(app(4), "/api/sessions/none", Map.of(), 404);
        get(app(4), "/api/sessions/none/events", Map.of(), 404);
    }

    @Test
    void stats_whenRollupsAndSessions_countFromRollupsAndRankTheSample() throws Exception {
        putAll(
                aws.dynamoDb(),
                tables.activeSessions(),
                List.of(
                        active("a", "u1", NOW - 120_000, NOW - 1000, NOW / 1000 + 1799, "/cart", false, Map.of()),
                        active("b", "u1", NOW - 600_000, NOW - 5000, NOW / 1000 + 1795, "/cart", false, Map.of()),
                        active("c", "u2", NOW - 60_000, NOW - 2000, NOW / 1000 + 1798, "/home", false, Map.of())));
        // two shards' items of the current hour, and the previous hour's (the window reaches into it or not)
        StatsKey current = StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.HOUR, NOW);
        StatsKey previous = StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.HOUR, NOW - 3600_000);
        int minute = (int) (MINUTE % 60);
        Map<Integer, Counts> first = new java.util.HashMap<>();
        first.put(minute, new Counts(2, 1, 0, 2, 0, 0, 0, 0, 0, 0));
        Map<Integer, Counts> second = new java.util.HashMap<>();
        second.put(minute, new Counts(1, 1, 0, 1, 0, 0, 0, 0, 0, 0));
        Map<Integer, Counts> before = new java.util.HashMap<>();
        for (int m = 0; m < 60; m++) {
            before.put(m, new Counts(1, 1, 0, 0, 0, 0, 0, 0, 0, 0));
        }
        putAll(
                aws.dynamoDb(),
                tables.stats(),
                List.of(
                        stats(
                                current,
                                "shardId-000000000001",
                                new Rollup(Counts.ZERO, first, Map.of(), null, List.of())),
                        stats(
                                current,
                                "shardId-000000000002",
                                new Rollup(Counts.ZERO, second, Map.of(), null, List.of())),
                        stats(
                                previous,
                                "shardId-000000000001",
                                new Rollup(Counts.ZERO, before, Map.of(), null, List.of()))));

        JsonNode stats = get("/api/stats/realtime", Map.of());

        long inPreviousHour = Math.max(0, 30 - 1 - minute);
        assertThat(stats.path("active_sessions").asInt()).isEqualTo(3);
        assertThat(stats.path("events_current_minute").asLong()).isEqualTo(3);
        assertThat(stats.path("events_last_30_minutes").asLong()).isEqualTo(3 + inPreviousHour);
        assertThat(stats.path("page_views_last_30_minutes").asLong()).isEqualTo(2 + inPreviousHour);
        JsonNode perMinute = stats.path("events_per_minute");
        assertThat(perMinute.get(0).path("minute").asLong()).isEqualTo((MINUTE - 29) * 60_000);
        assertThat(perMinute.get(29).path("events").asLong()).isEqualTo(3);
        assertThat(stats.path("active_users").asInt()).isEqualTo(2);
        // durations 119 s, 595 s, 58 s
        assertThat(stats.path("median_session_duration_ms").asLong()).isEqualTo(119_000);
        assertThat(stats.path("top_pages").get(0).path("page_url").asText()).isEqualTo("/cart");
        assertThat(stats.path("top_pages").get(0).path("sessions").asInt()).isEqualTo(2);
        assertThat(stats.path("top_referrers").get(0).path("sessions").asInt()).isEqualTo(3);
    }

    @Test
    void live_whenTableOverOneMegabyte_readsABoundedSampleAndPagesThroughTheRest() throws Exception {
        String longPage = "https://shop.example/" + "x".repeat(900);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            items.add(active("big" + i, "u" + i, NOW - i, longPage, false, Map.of(MINUTE, 1L)));
        }
        putAll(aws.dynamoDb(), tables.activeSessions(), items);
        currentMinute(1500, 0, 1500, 0, 0);

        readUnits.reset();
        JsonNode live = get("/api/live", Map.of("limit", "25"));
        double refresh = readUnits.sum();
        Set<String> seen = new HashSet<>();
        int pages = 0;
        String cursor = null;
        do {
            Map<String, String> query = new LinkedHashMap<>(Map.of("limit", "200"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = get("/api/sessions/active", query);
            page.path("sessions")
                    .forEach(s ->
                            assertThat(seen.add(s.path("session_id").asText())).isTrue());
            cursor = page.path("next_cursor").isNull()
                    ? null
                    : page.path("next_cursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(live.path("stats").path("active_sessions").asInt()).isEqualTo(1500);
        assertThat(live.path("stats").path("sample_sessions").asInt()).isEqualTo(200);
        assertThat(live.path("stats").path("sample_complete").asBoolean()).isFalse();
        assertThat(live.path("stats").path("active_users").asInt()).isEqualTo(1500);
        assertThat(live.path("active_sessions").path("total").asInt()).isEqualTo(1500);
        assertThat(live.path("active_sessions").path("sessions")).hasSize(25);
        // ~1 KB items: the sample and the page read ~225 of them by key from the site's keys-only index
        // (BatchGetItem: half a unit each, however small: ~113 units, measured 116); the site's 1,500 would be 750
        assertThat(refresh).isLessThan(150);
        assertThat(seen).hasSize(1500);
        assertThat(pages).isEqualTo(8);
    }

    @Test
    void statistics_whenShardsWroteRollups_everyRouteAnswersTheirSum() throws Exception {
        long hour = NOW / 3_600_000 * 3_600_000;
        String page = "shop.example/<script>alert(1)</script>\uD83D\uDE00~#|";
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int shard = 1; shard <= 3; shard++) {
            io.liveinsight.event.stats.Hll users = new io.liveinsight.event.stats.Hll();
            users.add("user-" + shard);
            users.add("user-shared");
            Counts counts = new Counts(10, 6, 2, 1, 45_000, 1, 1, 1, 4, 1);
            Rollup rollup = new Rollup(
                    counts,
                    Map.of(0, counts),
                    Map.of(io.liveinsight.event.stats.Dimension.PAGE, Map.of(page, 4L, "shop.example/", 2L)),
                    users,
                    List.of(new io.liveinsight.event.stats.RecentEvent(
                            hour + shard * 1000L, "e" + shard, "page_view", "s" + shard, "u" + shard, page, "direct")));
            String sk = "shardId-00000000000" + shard;
            items.add(stats(StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.HOUR, hour), sk, rollup));
        }
        putAll(aws.dynamoDb(), tables.stats(), items);
        String hourStart = Instant.ofEpochMilli(hour).toString();

        JsonNode summary = get("/api/stats/summary", Map.of());
        JsonNode series = get("/api/stats/series", Map.of("range", "today", "tz", "Asia/Seoul", "resolution", "hour"));
        JsonNode fiveMinutes = get(
                "/api/stats/series",
                Map.of(
                        "from",
                        hourStart,
                        "to",
                        Instant.ofEpochMilli(hour + 600_000).toString()));
        JsonNode breakdown = get("/api/stats/breakdown", Map.of("dimension", "page"));
        JsonNode details = get("/api/stats/details", Map.of("dimension", "page", "key", page));
        JsonNode hourDetails = get("/api/stats/details", Map.of("dimension", "hour", "key", hourStart));

        assertThat(summary.path("events").asLong()).isEqualTo(30);
        assertThat(summary.path("sessions").asLong()).isEqualTo(6);
        assertThat(summary.path("users").asLong()).isEqualTo(4);
        assertThat(summary.path("bot_events").asLong()).isEqualTo(12);
        assertThat(summary.path("avg_session_seconds").asDouble()).isEqualTo(45.0);
        JsonNode last = series.path("points").get(series.path("points").size() - 1);
        assertThat(last.path("start_ms").asLong()).isEqualTo(hour);
        assertThat(last.path("events").asLong()).isEqualTo(30);
        assertThat(fiveMinutes.path("resolution").asText()).isEqualTo("5m");
        assertThat(fiveMinutes.path("points").get(0).path("events").asLong()).isEqualTo(30);
        assertThat(breakdown.path("items").get(0).path("key").asText()).isEqualTo(page);
        assertThat(breakdown.path("items").get(0).path("count").asLong()).isEqualTo(12);
        assertThat(breakdown.path("total").asLong()).isEqualTo(18);
        assertThat(details.path("key").asText()).isEqualTo(page);
        assertThat(details.path("total").asLong()).isEqualTo(12);
        assertThat(details.path("recent")).hasSize(3);
        assertThat(details.path("recent").get(0).path("event_id").asText()).isEqualTo("e3");
        assertThat(hourDetails.path("total").asLong()).isEqualTo(30);
        assertThat(hourDetails.path("series").get(0).path("count").asLong()).isEqualTo(30);
    }

    @Test
    void session_whenPresent_returnsItsPublicAttributesOnly() throws Exception {
        aws.dynamoDb()
                .putItem(r -> r.tableName(tables.sessions()).item(session("s1", "u1", NOW - 60_000, NOW - 1000, 4)));
        aws.dynamoDb().putItem(r -> r.tableName(tables.sessions()).item(segment("s~1", "s", "u1", NOW - 5000, NOW, 1)));

        JsonNode session = get("/api/sessions/s1", Map.of());

        assertThat(session.path("session_id").asText()).isEqualTo("s1");
        assertThat(session.path("total_events").asInt()).isEqualTo(4);
        assertThat(session.path("event_types").path("page_view").asInt()).isEqualTo(4);
        assertThat(session.path("active").asBoolean()).isTrue();
        assertThat(session.path("client_session_id").asText()).isEqualTo("s1");
        assertThat(get("/api/sessions/s~1", Map.of()).path("client_session_id").asText())
                .isEqualTo("s");
        Set<String> fields = new HashSet<>();
        session.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .doesNotContain("fingerprints", "stamps", "segments", "applied_events", "root_session_id", "minutes");
    }

    @Test
    void sessionEvents_whenSessionWasSplit_returnsOnlyThatSegmentsEventsInTimeOrderAcrossPages() throws Exception {
        long firstStart = NOW - 3 * 3600_000L;
        long secondStart = NOW - 600_000;
        aws.dynamoDb().putItem(r -> r.tableName(tables.sessions())
                .item(session("s", "u", firstStart, firstStart + 50_000, 6)));
        aws.dynamoDb().putItem(r -> r.tableName(tables.sessions())
                .item(segment("s~1", "s", "u", secondStart, secondStart + 40_000, 5)));
        List<Map<String, AttributeValue>> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(event("e0-" + i, "s", "u", firstStart + i * 10_000L, "/first"));
        }
        for (int i = 4; i >= 0; i--) {
            events.add(event("e1-" + i, "s", "u", secondStart + i * 10_000L, "/second"));
        }
        events.add(event("other", "t", "u", secondStart + 1, "/elsewhere"));
        putAll(aws.dynamoDb(), tables.events(), events);

        List<String> ids = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = new LinkedHashMap<>(Map.of("limit", "2"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = get("/api/sessions/s~1/events", query);
            page.path("events").forEach(e -> {
                ids.add(e.path("event_id").asText());
                times.add(e.path("timestamp").asLong());
                assertThat(e.has("ip")).isFalse();
                assertThat(e.path("properties").path("items").asInt()).isEqualTo(3);
            });
            cursor = page.path("next_cursor").isNull()
                    ? null
                    : page.path("next_cursor").asText();
        } while (cursor != null);

        assertThat(ids).containsExactly("e1-0", "e1-1", "e1-2", "e1-3", "e1-4");
        assertThat(times).isSorted();
        assertThat(get("/api/sessions/s/events", Map.of()).path("events")).hasSize(6);
        assertThat(get("/api/sessions/s/events", Map.of("order", "desc"))
                        .path("events")
                        .get(0)
                        .path("event_id")
                        .asText())
                .isEqualTo("e0-5");
    }

    @Test
    void sessionEvents_whenClientsOwnIdContainsTilde_readsItsOwnEvents() throws Exception {
        aws.dynamoDb().putItem(r -> r.tableName(tables.sessions()).item(session("client~7", "u", NOW - 5000, NOW, 1)));
        putAll(aws.dynamoDb(), tables.events(), List.of(event("own", "client~7", "u", NOW - 5000, "/x")));

        JsonNode events = get("/api/sessions/client~7/events", Map.of());
        JsonNode session = get("/api/sessions/client~7", Map.of());

        assertThat(events.path("events")).hasSize(1);
        assertThat(session.path("client_session_id").asText()).isEqualTo("client~7");
    }

    @Test
    void userRoutes_whenUserHasSessionsAndEvents_pageThroughThemNewestFirst() throws Exception {
        for (int i = 0; i < 5; i++) {
            long start = NOW - (10 - i) * 3600_000L;
            String id = "us" + i;
            aws.dynamoDb().putItem(r -> r.tableName(tables.sessions())
                    .item(session(id, "user/with slash", start, start + 1000, 1)));
        }
        aws.dynamoDb()
                .putItem(r -> r.tableName(tables.sessions()).item(session("someone-else", "u2", NOW - 1, NOW, 1)));
        List<Map<String, AttributeValue>> events = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            events.add(event("ue" + i, "us0", "user/with slash", NOW - (10 - i) * 60_000L, "/p" + i));
        }
        putAll(aws.dynamoDb(), tables.events(), events);

        List<String> sessions = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = new LinkedHashMap<>(Map.of("limit", "2"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = get("/api/users/user/with slash/sessions", query);
            page.path("sessions").forEach(s -> sessions.add(s.path("session_id").asText()));
            cursor = page.path("next_cursor").isNull()
                    ? null
                    : page.path("next_cursor").asText();
        } while (cursor != null);
        JsonNode first = get("/api/users/user/with slash/events", Map.of("limit", "4"));
        JsonNode second = get(
                "/api/users/user/with slash/events",
                Map.of("limit", "4", "cursor", first.path("next_cursor").asText()));

        assertThat(sessions).containsExactly("us4", "us3", "us2", "us1", "us0");
        assertThat(first.path("events").get(0).path("event_id").asText()).isEqualTo("ue6");
        assertThat(first.path("events")).hasSize(4);
        assertThat(second.path("events")).hasSize(3);
        assertThat(second.path("next_cursor").isNull()).isTrue();
    }

    @Test
    void badParameters_whenGiven_answer400WithTheReason() throws Exception {
        aws.dynamoDb()
                .putItem(r -> r.tableName(tables.sessions()).item(session("s1", "u1", NOW - 60_000, NOW - 1000, 4)));
        DashboardApplication app = app(4);
        String otherSessionsCursor =
                get("/api/sessions/s1/events", Map.of()).path("next_cursor").asText(); // null on one page
        assertThat(otherSessionsCursor).isEqualTo("null");
        String forged = io.liveinsight.dashboard.http.Cursor.encode(
                Map.of("event_id", "e", "session_id", "another", "timestamp", 1L));

        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put("limit", Map.of("limit", "0"));
        cases.put("limit must be an integer", Map.of("limit", "many"));
        cases.put("include_bots must be true or false", Map.of("include_bots", "yes"));
        cases.put("cursor is not one this route returned", Map.of("cursor", "%%%not-base64"));
        cases.put("unknown parameter 'page'", Map.of("page", "2"));
        for (var c : cases.entrySet()) {
            JsonNode body = get(app, "/api/sessions/active", c.getValue(), 400);
            assertThat(body.path("error").asText()).contains(c.getKey());
        }
        assertThat(get(app, "/api/sessions/active", Map.of("limit", "201"), 400)
                        .path("error")
                        .asText())
                .contains("1 to 200");
        assertThat(get(app, "/api/sessions/s1/events", Map.of("order", "sideways"), 400)
                        .path("error")
                        .asText())
                .contains("order must be asc or desc");
        assertThat(get(app, "/api/sessions/s1/events", Map.of("cursor", forged), 400)
                        .path("error")
                        .asText())
                .contains("another session");
        assertThat(get(app, "/api/users/u1/events", Map.of("cursor", forged), 400)
                        .path("error")
                        .asText())
                .contains("cursor");
        assertThat(get(app, "/api/stats/realtime", Map.of("include_bots", "1"), 400)
                        .path("reasons"))
                .hasSize(1);
        assertThat(get(app, "/api/sessions/" + "x".repeat(200), Map.of(), 400)
                        .path("error")
                        .asText())
                .contains("session id must be 1 to 160 characters");
        get(app, "/api/nothing", Map.of(), 404);
    }

    @Test
    void health_whenTablesExist_isOkAndOtherwise503() throws Exception {
        JsonNode ok = get("/api/health", Map.of());
        assertThat(ok.path("status").asText()).isEqualTo("ok");
        assertThat(ok.path("dependencies").path("active_sessions").asText()).isEqualTo("up");
        assertThat(ok.path("dependencies").path("stats").asText()).isEqualTo("up");

        TableNames missing = TableNames.withPrefix("Missing");
        DashboardApplication broken = new DashboardApplication(
                DashboardConfig.local(missing),
                new DynamoDbDashboardStore(aws.dynamoDb(), missing, 2, (t, u) -> {}),
                new DynamoDbStatsReader(aws.dynamoDb(), missing.stats(), (t, u) -> {}, Clock.systemUTC()),
                Clock.systemUTC());
        assertThat(get(broken, "/api/health", Map.of(), 503)
                        .path("dependencies")
                        .path("events")
                        .asText())
                .isEqualTo("down");
        assertThat(get(broken, "/api/stats/realtime", Map.of(), 503)
                        .path("error")
                        .asText())
                .contains("try again");
        get(broken, "/api/stats/summary", Map.of("range", "30d"), 503);
        get(broken, "/api/stats/series", Map.of(), 503);
    }

    @Test
    void reads_whenServed_reportTheReadUnitsDynamoDbConsumed() throws Exception {
        putAll(aws.dynamoDb(), tables.activeSessions(), List.of(active("a", "u", NOW - 1, "/", false, Map.of())));

        get("/api/sessions/active", Map.of());

        assertThat(readUnits.sum()).isGreaterThan(0);
    }
}
