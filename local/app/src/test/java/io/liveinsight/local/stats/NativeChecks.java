package io.liveinsight.local.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveinsight.local.stats.EdgeClient.Answer;
import io.liveinsight.local.stats.Reference.Figures;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The native statistics routes (docs/contract/api.md#statistics) against the reference: each answer's own range
 * (its {@code from}/{@code to}) is what the reference counts over, so the wall clock moving on changes nothing.
 */
final class NativeChecks {

    /** The users sketch's relative standard error (docs/contract/tables.md#unique-users). */
    static final double USERS_ERROR = 1.04 / Math.sqrt(2048);

    static final List<String> DIMENSIONS =
            List.of("page", "type", "source", "channel", "campaign", "device", "browser", "os", "entry");

    private static final DateTimeFormatter HH_MM =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final long FIVE_MINUTES = 5 * Reference.MINUTE;

    private final EdgeClient client;
    private final Reference reference;

    NativeChecks(EdgeClient client, Reference reference) {
        this.client = client;
        this.reference = reference;
    }

    List<String> summary(Map<String, String> query) {
        Differences d = new Differences("/api/stats/summary " + query);
        JsonNode body = answer("/api/stats/summary", query, d);
        if (body == null) {
            return d.list();
        }
        long from = from(body), to = to(body);
        Figures f = reference.figures(from, to);
        d.equal("events", f.events(), body.path("events").asLong());
        d.equal("page_views", f.pageViews(), body.path("page_views").asLong());
        d.equal("sessions", f.sessions(), body.path("sessions").asLong());
        d.equal("sessions_ended", f.ended(), body.path("sessions_ended").asLong());
        d.equal("bounces", f.bounces(), body.path("bounces").asLong());
        d.near(
                "bounce_rate",
                ratio(f.bounces(), f.sessions()),
                body.path("bounce_rate").asDouble(),
                1e-9);
        d.near(
                "avg_session_seconds",
                ratio(f.durationMs(), f.ended()) / 1000.0,
                body.path("avg_session_seconds").asDouble(),
                1e-6);
        d.equal("conversions", f.conversions(), body.path("conversions").asLong());
        d.equal(
                "converted_sessions",
                f.converted(),
                body.path("converted_sessions").asLong());
        d.near(
                "conversion_rate",
                ratio(f.converted(), f.sessions()),
                body.path("conversion_rate").asDouble(),
                1e-9);
        d.equal("bot_events", f.botEvents(), body.path("bot_events").asLong());
        d.equal("bot_sessions", f.botSessions(), body.path("bot_sessions").asLong());
        int users = reference.users(from, to).size();
        d.near("users", users, body.path("users").asLong(), usersTolerance(users));
        System.out.printf(
                "statistics e2e: %s users %d, estimated %d%n",
                query, users, body.path("users").asLong());
        d.near("users_error", USERS_ERROR, body.path("users_error").asDouble(), 0.0005);
        return d.list();
    }

    /**
     * Four standard errors of the sketch, and at least one user: docs/contract/tables.md#unique-users measured a worst
     * case of 7 % (three standard errors) among 200 sketches of 100 ids, so three would fail now and then; four, about
     * once in 16,000 checks.
     */
    static double usersTolerance(long users) {
        return Math.max(1, 4 * USERS_ERROR * users);
    }

    List<String> series(String resolution, long step) {
        Map<String, String> query = Map.of("range", "24h", "resolution", resolution, "tz", "UTC");
        Differences d = new Differences("/api/stats/series " + query);
        JsonNode body = answer("/api/stats/series", query, d);
        if (body == null) {
            return d.list();
        }
        long from = from(body), to = to(body);
        JsonNode points = body.path("points");
        d.equal("points", (to - from) / step, (long) points.size());
        long expectedStart = from;
        for (JsonNode point : points) {
            long start = point.path("start_ms").asLong();
            d.equal("point start", expectedStart, start);
            expectedStart += step;
            Figures f = reference.figures(start, start + step);
            String at = "point " + Instant.ofEpochMilli(start) + " ";
            d.equal(
                    at + "label",
                    HH_MM.format(Instant.ofEpochMilli(start)),
                    point.path("label").asText());
            d.equal(at + "events", f.events(), point.path("events").asLong());
            d.equal(at + "page_views", f.pageViews(), point.path("page_views").asLong());
            d.equal(at + "sessions", f.sessions(), point.path("sessions").asLong());
            d.equal(
                    at + "conversions",
                    f.conversions(),
                    point.path("conversions").asLong());
            d.equal(
                    at + "converted_sessions",
                    f.converted(),
                    point.path("converted_sessions").asLong());
            d.equal(at + "bot_events", f.botEvents(), point.path("bot_events").asLong());
        }
        return d.list();
    }

    List<String> breakdown(String dimension) {
        Map<String, String> query = Map.of("range", "24h", "dimension", dimension, "limit", "100");
        Differences d = new Differences("/api/stats/breakdown " + query);
        JsonNode body = answer("/api/stats/breakdown", query, d);
        if (body == null) {
            return d.list();
        }
        Map<String, Long> expected = reference.breakdown(dimension, from(body), to(body));
        d.equal("items", ranked(expected), items(body.path("items"), "key", "count"));
        d.equal(
                "total",
                expected.values().stream().mapToLong(Long::longValue).sum(),
                body.path("total").asLong());
        d.equal("other", 0L, body.path("other").asLong());
        return d.list();
    }

    /** The details of the UTC hour starting at {@code hour}: its events per 5 minutes and its latest events. */
    List<String> hourDetails(long hour) {
        Map<String, String> query =
                Map.of("dimension", "hour", "key", Instant.ofEpochMilli(hour).toString());
        Differences d = new Differences("/api/stats/details " + query);
        JsonNode body = answer("/api/stats/details", query, d);
        if (body == null) {
            return d.list();
        }
        d.equal("range", List.of(hour, hour + Reference.HOUR), List.of(from(body), to(body)));
        d.equal(
                "total",
                reference.figures(hour, hour + Reference.HOUR).events(),
                body.path("total").asLong());
        List<Long> expected = new ArrayList<>();
        for (long slot = hour; slot < hour + Reference.HOUR; slot += FIVE_MINUTES) {
            expected.add(reference.figures(slot, slot + FIVE_MINUTES).events());
        }
        d.equal("series", expected, counts(body.path("series")));
        d.equal("recent", recentRows(reference.latestOfHour(hour)), recentRows(body.path("recent")));
        return d.list();
    }

    /** A page's views per hour of the last 24 hours, and its latest events (any type on that page). */
    List<String> pageDetails(String page) {
        return keyedDetails(
                "page",
                page,
                e -> Reference.page(e.pageUrl()).equals(page),
                (from, to) -> reference.humans(from, to).stream()
                        .filter(e ->
                                e.isPageView() && Reference.page(e.pageUrl()).equals(page))
                        .count());
    }

    /** A source's sessions per hour of the last 24 hours, and the latest events whose own source it is. */
    List<String> sourceDetails(String source) {
        return keyedDetails(
                "source",
                source,
                e -> Reference.source(e).equals(source),
                (from, to) -> reference.sessions(
                        from, to, v -> reference.touch(v).source().equals(source)));
    }

    private List<String> keyedDetails(String dimension, String key, Predicate<Sent> listed, HourFigure figure) {
        Map<String, String> query = Map.of("range", "24h", "dimension", dimension, "key", key);
        Differences d = new Differences("/api/stats/details " + query);
        JsonNode body = answer("/api/stats/details", query, d);
        if (body == null) {
            return d.list();
        }
        long from = from(body), to = to(body);
        List<Long> expected = new ArrayList<>();
        for (long hour = from; hour < to; hour += Reference.HOUR) {
            expected.add(figure.count(hour, hour + Reference.HOUR));
        }
        d.equal("series", expected, counts(body.path("series")));
        d.equal(
                "total",
                expected.stream().mapToLong(Long::longValue).sum(),
                body.path("total").asLong());
        if (expected.stream().allMatch(count -> count == 0)) {
            d.add("the reference has nothing for " + key + ": a check that cannot fail");
        }
        d.equal(
                "recent",
                recentRows(reference.recent(from, to, e -> !e.bot() && listed.test(e), 20)),
                recentRows(body.path("recent")));
        return d.list();
    }

    @FunctionalInterface
    private interface HourFigure {
        long count(long from, long to);
    }

    /** The live cards at one minute: retried when the minute turns during the request. */
    List<String> realtime(LongSupplier clock) {
        while (true) {
            long before = clock.getAsLong();
            Answer answer = client.get("/api/stats/realtime", Map.of());
            long after = clock.getAsLong();
            if (Math.floorDiv(before, Reference.MINUTE) != Math.floorDiv(after, Reference.MINUTE)) {
                continue;
            }
            Differences d = new Differences("/api/stats/realtime");
            if (answer.status() != 200) {
                d.add("status " + answer.status() + " " + answer.body());
                return d.list();
            }
            JsonNode body = answer.body();
            long minute = Math.floorDiv(before, Reference.MINUTE) * Reference.MINUTE;
            long from = minute - 29 * Reference.MINUTE, to = minute + Reference.MINUTE;
            Figures f = reference.figures(from, to);
            d.equal("active_sessions", f.ended(), body.path("active_sessions").asLong());
            d.equal("bot_sessions", f.botSessions(), body.path("bot_sessions").asLong());
            d.equal(
                    "events_last_30_minutes",
                    f.events(),
                    body.path("events_last_30_minutes").asLong());
            d.equal(
                    "page_views_last_30_minutes",
                    f.pageViews(),
                    body.path("page_views_last_30_minutes").asLong());
            d.equal(
                    "events_current_minute",
                    reference.figures(minute, to).events(),
                    body.path("events_current_minute").asLong());
            d.equal(
                    "events_last_minute",
                    reference.figures(minute - Reference.MINUTE, minute).events(),
                    body.path("events_last_minute").asLong());
            List<Long> perMinute = new ArrayList<>();
            for (long m = from; m < to; m += Reference.MINUTE) {
                perMinute.add(reference.figures(m, m + Reference.MINUTE).events());
            }
            List<Long> answered = new ArrayList<>();
            body.path("events_per_minute")
                    .forEach(m -> answered.add(m.path("events").asLong()));
            d.equal("events_per_minute", perMinute, answered);
            if (f.ended() == 0) {
                d.add("the reference has no active session: a check that cannot fail");
            }
            return d.list();
        }
    }

    // ---- helpers ----

    private JsonNode answer(String path, Map<String, String> query, Differences d) {
        Answer answer = client.get(path, query);
        if (answer.status() != 200) {
            d.add("status " + answer.status() + " " + answer.body());
            return null;
        }
        return answer.body();
    }

    static long from(JsonNode body) {
        return Instant.parse(body.path("range").path("from").asText()).toEpochMilli();
    }

    static long to(JsonNode body) {
        return Instant.parse(body.path("range").path("to").asText()).toEpochMilli();
    }

    static double ratio(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }

    /** Largest first, then by key: how breakdowns and the original pages list their items. */
    static List<String> ranked(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " = " + e.getValue())
                .toList();
    }

    static List<String> items(JsonNode array, String key, String count) {
        List<String> items = new ArrayList<>();
        array.forEach(item ->
                items.add(item.path(key).asText() + " = " + item.path(count).asLong()));
        return items;
    }

    private static List<Long> counts(JsonNode series) {
        List<Long> counts = new ArrayList<>();
        series.forEach(point -> counts.add(point.path("count").asLong()));
        return counts;
    }

    private static List<Map<String, Object>> recentRows(List<Sent> events) {
        return events.stream()
                .map(e -> row(
                        e.time(),
                        e.eventId(),
                        e.type(),
                        e.sessionId(),
                        e.userId(),
                        Reference.page(e.pageUrl()),
                        Reference.source(e)))
                .toList();
    }

    private static List<Map<String, Object>> recentRows(JsonNode recent) {
        List<Map<String, Object>> rows = new ArrayList<>();
        recent.forEach(e -> rows.add(row(
                e.path("timestamp").asLong(),
                e.path("event_id").asText(),
                e.path("event_type").asText(),
                e.path("session_id").asText(),
                e.path("user_id").asText(),
                e.path("page").asText(),
                e.path("source").asText())));
        return rows;
    }

    private static Map<String, Object> row(
            long time, String id, String type, String session, String user, String page, String source) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("timestamp", time);
        row.put("event_id", id);
        row.put("event_type", type);
        row.put("session_id", session);
        row.put("user_id", user);
        row.put("page", page);
        row.put("source", source);
        return row;
    }
}
