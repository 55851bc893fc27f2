package io.liveinsight.load.replay.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveinsight.load.check.Problems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's statistics against a recomputation from the distinct events sent ({@link ExpectedStats}): the dashboard's
 * {@code /api/stats/summary} (events, page views, sessions, bot events and sessions), {@code /api/stats/series} by
 * hour (each hour's events, page views and sessions) and {@code /api/stats/breakdown?dimension=page} (the total and
 * the top pages) over the hours the events fall in, with {@code replay=<run>} on the replay lane
 * (docs/contract/replay.md#where-a-run-shows). A page count may be lower than expected, by at most the answer's {@code other}, when
 * an hour held more pages than a rollup keeps ({@link ExpectedStats#foldable}). Every difference is one {@code wrong};
 * a route that does not answer is one too.
 */
public record StatsCheck(List<StatRow> rows, Problems wrong, boolean refused) {

    static final int TOP_PAGES = 10;
    static final long MAX_SERIES_HOURS = 1_500;
    static final long MAX_RANGE_MS = 400L * 24 * 3_600_000L;

    public boolean passed() {
        return wrong.count() == 0;
    }

    /** Whether another try may give another answer: not when a route refused the request (a 4xx). */
    public boolean worthRetrying() {
        return !passed() && !refused;
    }

    /** {@code run} null: no {@code replay} parameter (a replay without the lane, into a throwaway stack). */
    public static StatsCheck run(DashboardStats dashboard, ExpectedStats expected, String run) {
        List<StatRow> rows = new ArrayList<>();
        Problems wrong = new Problems();
        if (expected.toMs() - expected.fromMs() > MAX_RANGE_MS) {
            wrong.add("statistics not compared: the events span more than the 400 days a statistics range may");
            return new StatsCheck(rows, wrong, true);
        }
        Map<String, String> range = new LinkedHashMap<>();
        range.put("from", Instant.ofEpochMilli(expected.fromMs()).toString());
        range.put("to", Instant.ofEpochMilli(expected.toMs()).toString());
        range.put("tz", "UTC");
        if (run != null) {
            range.put("replay", run);
        }
        Checker check = new Checker(rows, wrong);
        check.route("summary", () -> summary(dashboard.get("/api/stats/summary", range), expected, check));
        check.route("series", () -> series(dashboard, range, expected, check));
        check.route("breakdown", () -> pages(dashboard, range, expected, check));
        return new StatsCheck(rows, wrong, check.refused);
    }

    private static void summary(JsonNode answer, ExpectedStats expected, Checker check) {
        check.equal("summary events", expected.events(), answer.get("events"));
        check.equal("summary page_views", expected.pageViews(), answer.get("page_views"));
        check.equal("summary sessions", expected.sessions(), answer.get("sessions"));
        check.equal("summary bot_events", expected.botEvents(), answer.get("bot_events"));
        check.equal("summary bot_sessions", expected.botSessions(), answer.get("bot_sessions"));
    }

    private static void series(
            DashboardStats dashboard, Map<String, String> range, ExpectedStats expected, Checker check) {
        long hours = (expected.toMs() - expected.fromMs()) / ExpectedStats.HOUR_MS;
        if (hours > MAX_SERIES_HOURS) {
            check.rows.add(new StatRow("series", 0, null, true, "not compared: " + hours + " hours, at most 1500"));
            return;
        }
        Map<String, String> query = new LinkedHashMap<>(range);
        query.put("resolution", "hour");
        JsonNode points = dashboard.get("/api/stats/series", query).path("points");
        Map<Long, JsonNode> byStart = new HashMap<>();
        points.forEach(point -> byStart.put(point.path("start_ms").asLong(), point));
        for (long hour = expected.fromMs(); hour < expected.toMs(); hour += ExpectedStats.HOUR_MS) {
            ExpectedStats.Hour want = expected.at(hour);
            JsonNode point = byStart.get(hour);
            String name = "series " + Instant.ofEpochMilli(hour);
            check.equal(name + " events", want.events(), point == null ? null : point.get("events"));
            check.equal(name + " page_views", want.pageViews(), point == null ? null : point.get("page_views"));
            check.equal(name + " sessions", want.sessions(), point == null ? null : point.get("sessions"));
        }
    }

    private static void pages(
            DashboardStats dashboard, Map<String, String> range, ExpectedStats expected, Checker check) {
        Map<String, String> query = new LinkedHashMap<>(range);
        query.put("dimension", "page");
        query.put("limit", Integer.toString(TOP_PAGES));
        JsonNode answer = dashboard.get("/api/stats/breakdown", query);
        check.equal("page views by page: total", expected.pageViews(), answer.get("total"));
        Map<String, Long> got = new HashMap<>();
        answer.path("items")
                .forEach(item ->
                        got.put(item.path("key").asText(), item.path("count").asLong()));
        long other = answer.path("other").asLong(0);
        for (Map.Entry<String, Long> page : expected.topPages(TOP_PAGES)) {
            long count = got.getOrDefault(page.getKey(), 0L);
            String name = "page views of " + page.getKey();
            if (expected.foldable() && count < page.getValue() && page.getValue() - count <= other) {
                check.rows.add(
                        new StatRow(name, page.getValue(), count, true, "a lower bound: an hour held over 100 pages"));
            } else {
                check.equal(name, page.getValue(), got.containsKey(page.getKey()) ? (Long) count : null);
            }
        }
    }

    /** Collects rows and wrongs; a route that fails is one wrong with the dashboard's answer. */
    private static final class Checker {
        final List<StatRow> rows;
        final Problems wrong;
        boolean refused;

        Checker(List<StatRow> rows, Problems wrong) {
            this.rows = rows;
            this.wrong = wrong;
        }

        void route(String name, Runnable read) {
            try {
                read.run();
            } catch (DashboardStats.DashboardException e) {
                refused |= e.isFinal();
                rows.add(new StatRow(name, 0, null, false, e.getMessage()));
                wrong.add("statistics " + name + " not read: " + e.getMessage());
            }
        }

        void equal(String name, long expected, JsonNode got) {
            equal(name, expected, got == null || !got.isNumber() ? null : (Long) got.asLong());
        }

        void equal(String name, long expected, Long value) {
            boolean ok = value != null && value == expected;
            rows.add(new StatRow(name, expected, value, ok, value == null ? "not in the answer" : ""));
            if (!ok) {
                wrong.add(name + ": expected " + expected + ", got " + (value == null ? "nothing" : value));
            }
        }
    }
}
