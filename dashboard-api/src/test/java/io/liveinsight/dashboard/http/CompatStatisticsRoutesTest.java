package io.liveinsight.dashboard.http;

import static io.liveinsight.dashboard.http.CompatFixture.NOW;
import static io.liveinsight.dashboard.http.CompatFixture.at;
import static io.liveinsight.dashboard.http.CompatFixture.names;
import static io.liveinsight.dashboard.support.Rollups.bots;
import static io.liveinsight.dashboard.support.Rollups.breakdown;
import static io.liveinsight.dashboard.support.Rollups.event;
import static io.liveinsight.dashboard.support.Rollups.events;
import static io.liveinsight.dashboard.support.Rollups.key;
import static io.liveinsight.dashboard.support.Rollups.minute;
import static io.liveinsight.dashboard.support.Rollups.pageView;
import static io.liveinsight.dashboard.support.Rollups.recent;
import static io.liveinsight.dashboard.support.Rollups.sessions;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The original statistics routes over an in-memory Stats table: shapes, numbers, order, windows, 400s. */
class CompatStatisticsRoutesTest {

    private static final String HOSTILE_PAGE = "shop.example/<script>alert(1)</script>/../😀";
    private static final String HOSTILE_SOURCE = "<img src=x onerror=alert(1)>.example";

    private final CompatFixture fixture = new CompatFixture();

    private void hour(String instant, Rollup rollup) {
        fixture.stats.add(key(Resolution.HOUR, at(instant)), rollup);
    }

    private void minuteOf(String instant, Counts counts) {
        long millis = at(instant);
        fixture.stats.add(key(Resolution.MINUTE, millis), minute(millis, counts));
    }

    @Test
    void summary_whenHoursInAndOutOfTheDay_addsTheLast24HoursAsNumbers() {
        Counts inside = events(30, 20).plus(sessions(4, 4 * 150_000, 1)).plus(bots(99, 9));
        hour("2026-12-06T08:00:00Z", Rollup.of(inside));
        hour("2026-12-05T09:00:00Z", Rollup.of(events(10, 5).plus(sessions(1, 30_000, 0))));
        hour("2026-12-05T08:00:00Z", Rollup.of(events(1000, 1000).plus(sessions(100, 0, 100)))); // 25 hours ago
        fixture.stats.add(key(Resolution.DAY, NOW), Rollup.of(events(5000, 0))); // never read here

        JsonNode summary = fixture.get("/api/statistics/summary/");

        assertThat(names(summary))
                .containsExactly("total_sessions", "total_events", "avg_session_time", "conversion_rate");
        assertThat(summary.path("total_sessions").isIntegralNumber()).isTrue();
        assertThat(summary.path("total_sessions").asLong()).isEqualTo(5);
        assertThat(summary.path("total_events").asLong()).isEqualTo(40);
        assertThat(summary.path("avg_session_time").isNumber()).isTrue();
        assertThat(summary.path("avg_session_time").asDouble()).isEqualTo(126.0);
        assertThat(summary.path("conversion_rate").isNumber()).isTrue();
        assertThat(summary.path("conversion_rate").asDouble()).isEqualTo(20.0);
        assertThat(fixture.stats.reads).hasSize(24).allMatch(k -> k.resolution() == Resolution.HOUR);
    }

    @Test
    void summary_whenNoRollups_isZeros() {
        JsonNode summary = fixture.get("/api/statistics/summary/", Map.of("tz", "Asia/Seoul"));

        assertThat(summary.path("total_sessions").asLong()).isZero();
        assertThat(summary.path("total_events").asLong()).isZero();
        assertThat(summary.path("avg_session_time").asDouble()).isZero();
        assertThat(summary.path("conversion_rate").asDouble()).isZero();
    }

    @Test
    void hourly_whenMinuteRollups_countsEventsPer5MinutesOfTheLast100() {
        minuteOf("2026-12-06T07:04:00Z", events(100, 0));
        minuteOf("2026-12-06T07:05:00Z", events(2, 2));
        minuteOf("2026-12-06T08:41:00Z", events(3, 0));
        minuteOf("2026-12-06T08:42:00Z", bots(7, 1));

        JsonNode chart = fixture.get("/api/statistics/hourly/", Map.of("hours", "24"));

        assertThat(chart.isArray()).isTrue();
        assertThat(chart).hasSize(20);
        assertThat(names(chart.get(0))).containsExactly("hour", "count");
        assertThat(chart.get(0).path("hour").asText()).isEqualTo("07:05");
        assertThat(chart.get(0).path("count").isIntegralNumber()).isTrue();
        assertThat(chart.get(0).path("count").asLong()).isEqualTo(2);
        assertThat(chart.get(19).path("hour").asText()).isEqualTo("08:40");
        assertThat(chart.get(19).path("count").asLong()).isEqualTo(3);
        assertThat(fixture.stats.reads).hasSize(2).allMatch(k -> k.resolution() == Resolution.MINUTE);
    }

    @Test
    void hourly_whenAZoneIsConfiguredOrAsked_labelsInIt() {
        CompatFixture seoul = new CompatFixture(null, ZoneId.of("Asia/Seoul"));

        assertThat(seoul.get("/api/statistics/hourly/").get(19).path("hour").asText())
                .isEqualTo("17:40");
        assertThat(seoul.get("/api/statistics/hourly/", Map.of("tz", "UTC"))
                        .get(19)
                        .path("hour")
                        .asText())
                .isEqualTo("08:40");
        assertThat(fixture.get("/api/statistics/hourly/", Map.of("tz", "Asia/Kolkata"))
                        .get(19)
                        .path("hour")
                        .asText())
                .isEqualTo("14:10");
    }

    @Test
    void hourly_whenBadHoursOrZone_answers400WithEveryReason() {
        for (String hours : List.of("0", "169", "-1", "abc", "1.5", " 2", "99999999999")) {
            assertThat(fixture.reasons("/api/statistics/hourly/", Map.of("hours", hours)))
                    .as(hours)
                    .containsExactly("hours must be a whole number from 1 to 168, was '" + hours + "'");
        }
        assertThat(fixture.reasons("/api/statistics/hourly/", Map.of("hours", "x", "tz", "KST", "range", "7d")))
                .hasSize(3);
        assertThat(fixture.reasons("/api/statistics/hourly/", Map.of("tz", "+09:00")))
                .containsExactly("tz must be an IANA time zone id such as Asia/Seoul or UTC, was '+09:00'");
    }

    @Test
    void pages_whenViewsInTheDay_listsMostViewedFirstWithHostileKeysAsText() {
        hour(
                "2026-12-06T08:00:00Z",
                breakdown(
                        events(0, 9), Dimension.PAGE, Map.of(HOSTILE_PAGE, 5L, "shop.example/", 3L, Rollup.OTHER, 1L)));
        hour("2026-12-05T10:00:00Z", breakdown(events(0, 2), Dimension.PAGE, Map.of("shop.example/", 2L)));
        hour("2026-12-05T08:00:00Z", breakdown(events(0, 50), Dimension.PAGE, Map.of("old.example/", 50L)));

        JsonNode pages = fixture.get("/api/statistics/pages/");

        assertThat(pages).hasSize(2);
        assertThat(names(pages.get(0))).containsExactly("page", "views");
        assertThat(pages.get(0).path("page").asText()).isEqualTo("shop.example/");
        assertThat(pages.get(0).path("views").isIntegralNumber()).isTrue();
        assertThat(pages.get(0).path("views").asLong()).isEqualTo(5);
        assertThat(pages.get(1).path("page").asText()).isEqualTo(HOSTILE_PAGE);
        assertThat(fixture.get("/api/statistics/pages/", Map.of("limit", "1"))).hasSize(1);
        assertThat(fixture.reasons("/api/statistics/pages/", Map.of("limit", "101")))
                .containsExactly("limit must be a whole number from 1 to 100, was '101'");
    }

    @Test
    void referrers_whenSessionsBySourceOverTheWeek_givesTheOriginalBucketsAsLabelsAndData() {
        hour(
                "2026-12-06T08:00:00Z",
                breakdown(sessions(6, 0, 0), Dimension.SOURCE, Map.of("google", 2L, "direct", 1L, HOSTILE_SOURCE, 3L)));
        fixture.stats.add(
                key(Resolution.DAY, at("2026-12-01T00:00:00Z")),
                breakdown(sessions(5, 0, 0), Dimension.SOURCE, Map.of("facebook", 4L, "internal", 1L)));
        hour("2026-11-29T08:00:00Z", breakdown(sessions(50, 0, 0), Dimension.SOURCE, Map.of("twitter", 50L)));

        JsonNode referrers = fixture.get("/api/statistics/referrers/");

        assertThat(names(referrers)).containsExactly("labels", "data");
        assertThat(referrers.path("labels"))
                .extracting(JsonNode::asText)
                .containsExactly("Facebook", "Other", "Google", "Direct");
        assertThat(referrers.path("data")).extracting(JsonNode::asLong).containsExactly(4L, 3L, 2L, 2L);
        assertThat(referrers.path("data").get(0).isIntegralNumber()).isTrue();
        assertThat(fixture.stats.reads).hasSize(30);
    }

    @Test
    void referrers_whenNoRollups_isEmptyLists() {
        JsonNode referrers = fixture.get("/api/statistics/referrers/");

        assertThat(referrers.path("labels").isArray()).isTrue();
        assertThat(referrers.path("labels")).isEmpty();
        assertThat(referrers.path("data")).isEmpty();
    }

    @Test
    void hourlyDetails_whenASlotIsAsked_givesItsEventsLatestAndItsHourPer5Minutes() {
        minuteOf("2026-12-06T08:05:00Z", events(2, 1));
        minuteOf("2026-12-06T08:09:00Z", events(1, 0));
        minuteOf("2026-12-06T08:30:00Z", events(4, 0));
        hour(
                "2026-12-06T08:00:00Z",
                recent(
                        event("late", "click", at("2026-12-06T08:09:59Z"), HOSTILE_PAGE, "direct"),
                        pageView("early", at("2026-12-06T08:05:00Z"), "shop.example/", "google"),
                        pageView("outside", at("2026-12-06T08:10:00Z"), "shop.example/", "google")));

        JsonNode details = fixture.get("/api/hourly-details/", Map.of("hour", "17:05", "tz", "Asia/Seoul"));

        assertThat(details.path("hour").asText()).isEqualTo("17:05");
        assertThat(details.path("start").asText()).isEqualTo("2026-12-06T08:05:00Z");
        assertThat(details.path("total_events").asLong()).isEqualTo(3);
        assertThat(details.path("total_events").isIntegralNumber()).isTrue();
        assertThat(details.path("events"))
                .extracting(e -> e.path("event_id").asText())
                .containsExactly("late", "early");
        JsonNode late = details.path("events").get(0);
        assertThat(names(late))
                .containsExactly(
                        "event_id", "user_id", "session_id", "timestamp", "event_type", "page_url", "formatted_time");
        assertThat(late.path("page_url").asText()).isEqualTo(HOSTILE_PAGE);
        assertThat(late.path("formatted_time").asText()).isEqualTo("17:09:59");
        assertThat(late.path("timestamp").isIntegralNumber()).isTrue();
        JsonNode distribution = details.path("hourly_distribution");
        assertThat(names(distribution)).hasSize(12).startsWith("17:00", "17:05");
        assertThat(distribution.path("17:05").asLong()).isEqualTo(3);
        assertThat(distribution.path("17:30").asLong()).isEqualTo(4);
    }

    @Test
    void hourlyDetails_whenHourMissingOrBad_answers400() {
        assertThat(fixture.reasons("/api/hourly-details/", Map.of()))
                .containsExactly("hour is required: a local time HH:MM");
        for (String hour : List.of("24:00", "8:05", "08:5", "08:05:00", "<script>", "０８:05", "")) {
            assertThat(fixture.reasons("/api/hourly-details/", Map.of("hour", hour)))
                    .as(hour)
                    .hasSize(1);
        }
        assertThat(fixture.reasons("/api/hourly-details/", Map.of("hour", "25:00", "tz", "Nowhere/City")))
                .hasSize(2);
    }

    @Test
    void pageDetails_whenAHostilePage_givesItsViewsLatestAndHourlyDistribution() {
        hour(
                "2026-12-06T08:00:00Z",
                breakdown(events(0, 7), Dimension.PAGE, Map.of(HOSTILE_PAGE, 4L, "b", 3L))
                        .plus(recent(
                                pageView("v1", at("2026-12-06T08:10:00Z"), HOSTILE_PAGE, "google"),
                                event("c1", "click", at("2026-12-06T08:11:00Z"), HOSTILE_PAGE, "google"),
                                pageView("v2", at("2026-12-06T08:12:00Z"), "b", "google"))));
        hour("2026-12-05T23:00:00Z", breakdown(events(0, 1), Dimension.PAGE, Map.of(HOSTILE_PAGE, 1L)));

        JsonNode details = fixture.get("/api/page-details/", Map.of("page", HOSTILE_PAGE));

        assertThat(names(details)).containsExactly("page_url", "total_views", "recent_events", "hourly_distribution");
        assertThat(details.path("page_url").asText()).isEqualTo(HOSTILE_PAGE);
        assertThat(details.path("total_views").asLong()).isEqualTo(5);
        assertThat(details.path("recent_events")).hasSize(1);
        JsonNode view = details.path("recent_events").get(0);
        assertThat(names(view))
                .containsExactly("event_id", "user_id", "session_id", "timestamp", "formatted_time", "referrer");
        assertThat(view.path("formatted_time").asText()).isEqualTo("08:10:00");
        assertThat(view.path("referrer").asText()).isEqualTo("google");
        assertThat(names(details.path("hourly_distribution"))).hasSize(24);
        assertThat(details.path("hourly_distribution").path("08:00").asLong()).isEqualTo(4);
        assertThat(details.path("hourly_distribution").path("23:00").asLong()).isEqualTo(1);
    }

    @Test
    void pageDetails_whenAWholeUrlOrBadParameter_readsItsKeyOrAnswers400() {
        hour("2026-12-06T08:00:00Z", breakdown(events(0, 2), Dimension.PAGE, Map.of("shop.example/a", 2L)));

        JsonNode details = fixture.get("/api/page-details/", Map.of("page", "https://shop.example/a?utm_source=x"));

        assertThat(details.path("page_url").asText()).isEqualTo("shop.example/a");
        assertThat(details.path("total_views").asLong()).isEqualTo(2);
        assertThat(fixture.get("/api/page-details/", Map.of("page", "😀".repeat(2048)))
                        .path("total_views")
                        .asLong())
                .isZero();
        assertThat(fixture.reasons("/api/page-details/", Map.of("page", "😀".repeat(2049))))
                .containsExactly("page must be at most 2048 characters, was '" + "😀".repeat(40) + "...'");
        assertThat(fixture.reasons("/api/page-details/", Map.of("tz", "x"))).hasSize(2);
    }

    @Test
    void referrerDetails_whenABucketOrASource_givesItsVisitorsLatestVisitsAndHourlyDistribution() {
        hour(
                "2026-12-06T08:00:00Z",
                breakdown(sessions(4, 0, 0), Dimension.SOURCE, Map.of("direct", 2L, "internal", 1L, HOSTILE_SOURCE, 1L))
                        .plus(recent(
                                pageView("d1", at("2026-12-06T08:01:00Z"), HOSTILE_PAGE, "direct"),
                                pageView("x1", at("2026-12-06T08:02:00Z"), "shop.example/", HOSTILE_SOURCE))));
        hour("2026-12-01T03:00:00Z", breakdown(sessions(1, 0, 0), Dimension.SOURCE, Map.of("internal", 1L)));

        JsonNode direct = fixture.get("/api/referrer-details/", Map.of("referrer", "직접 접속", "tz", "Asia/Seoul"));

        assertThat(names(direct)).containsExactly("referrer", "total_visitors", "recent_visits", "hourly_distribution");
        assertThat(direct.path("referrer").asText()).isEqualTo("직접 접속");
        assertThat(direct.path("total_visitors").asLong()).isEqualTo(4);
        JsonNode visit = direct.path("recent_visits").get(0);
        assertThat(names(visit))
                .containsExactly("event_id", "user_id", "session_id", "timestamp", "formatted_time", "landing_page");
        assertThat(visit.path("formatted_time").asText()).isEqualTo("12/06 17:01");
        assertThat(visit.path("landing_page").asText()).isEqualTo(HOSTILE_PAGE);
        assertThat(direct.path("hourly_distribution").path("17:00").asLong()).isEqualTo(3);
        assertThat(direct.path("hourly_distribution").path("12:00").asLong()).isEqualTo(1);

        JsonNode hostile = fixture.get("/api/referrer-details/", Map.of("referrer", HOSTILE_SOURCE));
        assertThat(hostile.path("total_visitors").asLong()).isEqualTo(1);
        assertThat(hostile.path("recent_visits"))
                .extracting(v -> v.path("event_id").asText())
                .containsExactly("x1");
        assertThat(fixture.stats.reads.subList(fixture.stats.reads.size() - 168, fixture.stats.reads.size()))
                .allMatch(k -> k.resolution() == Resolution.HOUR);
    }

    @Test
    void referrerDetails_whenReferrerMissing_answers400() {
        assertThat(fixture.reasons("/api/referrer-details/", Map.of("referrer", "")))
                .containsExactly(
                        "referrer is required: a bucket (Google, Facebook, Twitter, Direct, Other) or a source name");
    }

    @Test
    void everyStatisticsRoute_whenTheStatsTableFails_answers503() {
        fixture.stats.down = true;
        List<Integer> statuses = new ArrayList<>();
        for (String path : List.of(
                "/api/statistics/summary/",
                "/api/statistics/hourly/",
                "/api/statistics/pages/",
                "/api/statistics/referrers/")) {
            statuses.add(fixture.handle(path, Map.of(), Map.of()).status());
        }
        statuses.add(fixture.handle("/api/hourly-details/", Map.of("hour", "08:00"), Map.of())
                .status());
        statuses.add(fixture.handle("/api/page-details/", Map.of("page", "a"), Map.of())
                .status());
        statuses.add(fixture.handle("/api/referrer-details/", Map.of("referrer", "a"), Map.of())
                .status());

        assertThat(statuses).containsOnly(503);
    }
}
