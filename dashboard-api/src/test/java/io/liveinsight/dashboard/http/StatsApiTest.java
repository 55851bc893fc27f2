package io.liveinsight.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.domain.stats.StatsKeys;
import io.liveinsight.dashboard.support.InMemoryDashboardStore;
import io.liveinsight.dashboard.support.InMemoryStatsReader;
import io.liveinsight.dashboard.support.MutableClock;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.RecentEvent;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.lambda.http.HttpRequest;
import io.liveinsight.lambda.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The native statistics routes through the whole application, over in-memory fakes of the store and the Stats table.
 * Cites docs/contract/api.md#statistics and docs/contract/api.md#statistics-400-reasons.
 */
class StatsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 08:20:31 UTC, 17:20 in Seoul. */
    private static final Instant NOW = Instant.parse("2026-12-06T08:20:31Z");

    private final InMemoryDashboardStore store = new InMemoryDashboardStore();
    private final InMemoryStatsReader stats = new InMemoryStatsReader();
    private final DashboardApplication app = new DashboardApplication(
            DashboardConfig.local(TableNames.defaults()), store, stats, new MutableClock(NOW.toEpochMilli()));

    private JsonNode get(String path, Map<String, String> query, int status) throws Exception {
        HttpResponse response = app.handle(new HttpRequest("GET", path, Map.of(), query, null, false, null));
        assertThat(response.status())
                .as(path + " " + query + ": " + response.body())
                .isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private JsonNode get(String path, Map<String, String> query) throws Exception {
        return get(path, query, 200);
    }

    private static Map<String, String> query(String... pairs) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.put(pairs[i], pairs[i + 1]);
        }
        return query;
    }

    private static StatsKey key(String t) {
        return StatsKeys.hour(Instant.parse(t));
    }

    private static Counts counts(long events, long pageViews, long sessions) {
        return new Counts(events, pageViews, sessions, sessions, sessions * 60_000, 0, 0, 0, 0, 0);
    }

    @Test
    void summary_whenNoParameters_summarisesTheLast24HoursFromHourItems() throws Exception {
        stats.add(key("2026-12-05T09:00:00Z"), Rollup.of(counts(10, 5, 2)));
        stats.add(key("2026-12-06T08:00:00Z"), Rollup.of(counts(4, 4, 1)));
        stats.add(key("2026-12-05T08:00:00Z"), Rollup.of(counts(1000, 0, 0))); // before the range

        JsonNode summary = get("/api/stats/summary", Map.of());

        assertThat(summary.path("range").path("from").asText()).isEqualTo("2026-12-05T09:00:00Z");
        assertThat(summary.path("range").path("to").asText()).isEqualTo("2026-12-06T09:00:00Z");
        assertThat(summary.path("range").path("tz").asText()).isEqualTo("UTC");
        assertThat(summary.path("events").isIntegralNumber()).isTrue();
        assertThat(summary.path("events").asLong()).isEqualTo(14);
        assertThat(summary.path("sessions").asLong()).isEqualTo(3);
        assertThat(summary.path("avg_session_seconds").asDouble()).isEqualTo(60.0);
        assertThat(summary.path("users_error").asDouble()).isEqualTo(0.023);
        assertThat(stats.reads).hasSize(24).allMatch(k -> k.resolution() == Resolution.HOUR);
        assertThat(store.pageReads).hasValue(0);
        assertThat(store.activeReads).hasValue(0);
    }

    @Test
    void summary_when30Days_readsItsHourItems() throws Exception {
        get("/api/stats/summary", query("range", "30d"));

        assertThat(stats.reads).hasSize(30 * 24).allMatch(k -> k.resolution() == Resolution.HOUR);
    }

    @Test
    void series_whenTodayInSeoul_answersHourlyPointsLabelledInSeoulTime() throws Exception {
        stats.add(key("2026-12-06T08:00:00Z"), Rollup.of(counts(7, 3, 1)));

        JsonNode series = get("/api/stats/series", query("range", "today", "tz", "Asia/Seoul"));

        assertThat(series.path("resolution").asText()).isEqualTo("hour");
        JsonNode points = series.path("points");
        assertThat(points).hasSize(18);
        assertThat(points.get(0).path("label").asText()).isEqualTo("00:00");
        assertThat(points.get(0).path("start").asText()).isEqualTo("2026-12-05T15:00:00Z");
        assertThat(points.get(17).path("label").asText()).isEqualTo("17:00");
        assertThat(points.get(17).path("start_ms").asLong())
                .isEqualTo(Instant.parse("2026-12-06T08:00:00Z").toEpochMilli());
        assertThat(points.get(17).path("events").asLong()).isEqualTo(7);
        assertThat(points.get(16).path("events").asLong()).isZero();
    }

    @Test
    void series_whenTheRangeIsShort_defaultsToFiveMinutesFromTheMinuteSlots() throws Exception {
        stats.add(
                key("2026-12-06T08:00:00Z"),
                new Rollup(Counts.ZERO, Map.of(16, counts(3, 3, 1), 20, counts(2, 0, 0)), Map.of(), null, List.of()));

        JsonNode series = get(
                "/api/stats/series",
                query("from", "2026-12-06T07:30:00Z", "to", "2026-12-06T08:21:00Z", "tz", "Asia/Kolkata"));

        assertThat(series.path("resolution").asText()).isEqualTo("5m");
        assertThat(series.path("range").path("to").asText()).isEqualTo("2026-12-06T08:25:00Z");
        JsonNode points = series.path("points");
        assertThat(points).hasSize(11);
        assertThat(points.get(9).path("label").asText()).isEqualTo("13:45");
        assertThat(points.get(9).path("events").asLong()).isEqualTo(3);
        assertThat(points.get(10).path("events").asLong()).isEqualTo(2);
        assertThat(stats.reads).containsExactly(key("2026-12-06T07:00:00Z"), key("2026-12-06T08:00:00Z"));
    }

    @Test
    void series_whenDaysInNewYorkAcrossDst_answersA23HourSunday() throws Exception {
        for (Instant t = Instant.parse("2026-03-07T05:00:00Z");
                t.isBefore(Instant.parse("2026-03-10T04:00:00Z"));
                t = t.plusSeconds(3600)) {
            stats.add(StatsKeys.hour(t), Rollup.of(counts(1, 1, 0)));
        }

        JsonNode series = get(
                "/api/stats/series",
                query(
                        "from",
                        "2026-03-07T05:00:00Z",
                        "to",
                        "2026-03-10T04:00:00Z",
                        "tz",
                        "America/New_York",
                        "resolution",
                        "day"));

        JsonNode points = series.path("points");
        assertThat(points).hasSize(3);
        assertThat(points.get(1).path("label").asText()).isEqualTo("2026-03-08");
        assertThat(points.get(1).path("events").asLong()).isEqualTo(23);
    }

    @Test
    void breakdown_whenPages_answersTheTopWithTheRestAsOther() throws Exception {
        stats.add(
                key("2026-12-06T08:00:00Z"),
                new Rollup(
                        counts(9, 9, 1),
                        Map.of(),
                        Map.of(Dimension.PAGE, Map.of("example.com/pricing", 5L, "example.com/", 3L, Rollup.OTHER, 1L)),
                        null,
                        List.of()));

        JsonNode breakdown = get("/api/stats/breakdown", query("dimension", "page", "limit", "1"));

        assertThat(breakdown.path("dimension").asText()).isEqualTo("page");
        assertThat(breakdown.path("total").asLong()).isEqualTo(9);
        assertThat(breakdown.path("items")).hasSize(1);
        assertThat(breakdown.path("items").get(0).path("key").asText()).isEqualTo("example.com/pricing");
        assertThat(breakdown.path("items").get(0).path("count").asLong()).isEqualTo(5);
        assertThat(breakdown.path("other").asLong()).isEqualTo(4);
    }

    @Test
    void details_whenTheKeyHoldsAnyCharacters_matchesItExactlyAndReturnsItAsText() throws Exception {
        String page = "example.com/<script>alert(1)</script>/~#|/\uD83D\uDE00";
        stats.add(
                key("2026-12-06T07:00:00Z"),
                new Rollup(
                        counts(3, 3, 1),
                        Map.of(),
                        Map.of(Dimension.PAGE, Map.of(page, 2L, "example.com/", 1L)),
                        null,
                        List.of(
                                new RecentEvent(
                                        NOW.toEpochMilli() - 3_600_000, "e1", "page_view", "s", "u", page, "direct"),
                                new RecentEvent(
                                        NOW.toEpochMilli() - 3_500_000,
                                        "e2",
                                        "page_view",
                                        "s",
                                        "u",
                                        "example.com/",
                                        "direct"))));

        JsonNode details = get("/api/stats/details", query("dimension", "page", "key", page, "range", "today"));
        HttpResponse raw = app.handle(new HttpRequest(
                "GET", "/api/stats/details", Map.of(), query("dimension", "page", "key", page), null, false, null));

        assertThat(details.path("key").asText()).isEqualTo(page);
        assertThat(details.path("total").asLong()).isEqualTo(2);
        assertThat(details.path("recent")).hasSize(1);
        assertThat(details.path("recent").get(0).path("page").asText()).isEqualTo(page);
        assertThat(details.path("series")).hasSize(9);
        assertThat(raw.headers().get("Content-Type")).startsWith("application/json");
        assertThat(get("/api/stats/details", query("dimension", "page", "key", "example.com/<script>"))
                        .path("total")
                        .asLong())
                .isZero();
    }

    @Test
    void details_whenAnHour_answersItsEventsPerFiveMinutes() throws Exception {
        stats.add(
                key("2026-12-06T07:00:00Z"),
                new Rollup(counts(12, 12, 2), Map.of(7, counts(12, 12, 2)), Map.of(), null, List.of()));

        JsonNode details = get(
                "/api/stats/details",
                query(
                        "dimension",
                        "hour",
                        "key",
                        Long.toString(Instant.parse("2026-12-06T07:00:00Z").toEpochMilli())));

        assertThat(details.path("key").asText()).isEqualTo("2026-12-06T07:00:00Z");
        assertThat(details.path("range").path("to").asText()).isEqualTo("2026-12-06T08:00:00Z");
        assertThat(details.path("total").asLong()).isEqualTo(12);
        assertThat(details.path("series")).hasSize(12);
        assertThat(details.path("series").get(1).path("count").asLong()).isEqualTo(12);
    }

    @Test
    void everyRoute_whenEverythingIsWrong_answers400WithEveryReasonAtOnce() throws Exception {
        JsonNode series = get(
                "/api/stats/series",
                query("range", "forever", "from", "yesterday", "tz", "Mars/Base", "resolution", "week", "x", "1"),
                400);
        JsonNode breakdown = get("/api/stats/breakdown", query("dimension", "country", "limit", "0"), 400);
        JsonNode details = get("/api/stats/details", query("dimension", "hour", "key", "2026-12-06T07:30:00Z"), 400);

        assertThat(series.path("reasons")).hasSize(7);
        assertThat(series.path("error").asText())
                .contains("unknown parameter 'x'")
                .contains("resolution must be one of");
        assertThat(breakdown.path("reasons")).hasSize(2);
        assertThat(details.path("reasons")).hasSize(1);
        assertThat(stats.reads).isEmpty();
    }

    @Test
    void series_whenMinutesOfAnOldHour_readsThemAndTooManyPointsAnswers400() throws Exception {
        stats.add(
                key("2026-11-06T08:00:00Z"),
                new Rollup(Counts.ZERO, Map.of(59, counts(5, 5, 1)), Map.of(), null, List.of()));

        JsonNode old = get(
                "/api/stats/series",
                query("from", "2026-11-06T08:00:00Z", "to", "2026-11-06T09:00:00Z", "resolution", "minute"));
        JsonNode many = get(
                "/api/stats/series",
                query("from", "2026-12-05T06:00:00Z", "to", "2026-12-06T08:00:00Z", "resolution", "minute"),
                400);

        assertThat(old.path("points")).hasSize(60);
        assertThat(old.path("points").get(59).path("events").asLong()).isEqualTo(5);
        assertThat(many.path("reasons").get(0).asText()).contains("1560 points").contains("at most 1500");
    }

    @Test
    void summary_when400Days_readsEveryHourInBoundedChunksAndAddsThem() throws Exception {
        List<Integer> chunks = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.liveinsight.dashboard.port.StatsReader counting = new io.liveinsight.dashboard.port.StatsReader() {
            @Override
            public Rollup read(StatsKey key) {
                return Rollup.of(counts(1, 1, 0));
            }

            @Override
            public Map<StatsKey, Rollup> readAll(List<StatsKey> keys) {
                chunks.add(keys.size());
                return io.liveinsight.dashboard.port.StatsReader.super.readAll(keys);
            }
        };
        DashboardApplication counted = new DashboardApplication(
                DashboardConfig.local(TableNames.defaults()), store, counting, new MutableClock(NOW.toEpochMilli()));

        HttpResponse response = counted.handle(new HttpRequest(
                "GET",
                "/api/stats/summary",
                Map.of(),
                query("from", "2025-11-01T00:00:00Z", "to", "2026-12-06T00:00:00Z"),
                null,
                false,
                null));

        assertThat(response.status()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("events").asLong()).isEqualTo(400 * 24);
        assertThat(chunks.stream().mapToInt(Integer::intValue).sum()).isEqualTo(400 * 24);
        assertThat(chunks).allMatch(size -> size <= 240);
    }
}
