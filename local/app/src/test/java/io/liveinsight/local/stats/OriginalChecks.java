package io.liveinsight.local.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveinsight.event.traffic.Campaign;
import io.liveinsight.event.traffic.Channel;
import io.liveinsight.event.traffic.TrafficSource;
import io.liveinsight.local.stats.EdgeClient.Answer;
import io.liveinsight.local.stats.Reference.Figures;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The original project's routes (docs/contract/api.md#original-routes) against the reference, in UTC. Their windows
 * follow the clock (the last 24 hours or 7 days in whole UTC hours, 20 slots of 5 minutes), so each check is made
 * again when the clock crosses into another window during the request.
 */
final class OriginalChecks {

    static final long HOUR = Reference.HOUR;
    static final long SLOT = 5 * Reference.MINUTE;
    static final List<String> BUCKETS = List.of("Google", "Facebook", "Twitter", "Direct", "Other");

    private static final DateTimeFormatter HH_MM =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_TIME =
            DateTimeFormatter.ofPattern("MM/dd HH:mm").withZone(ZoneOffset.UTC);

    private final EdgeClient client;
    private final Reference reference;
    private final LongSupplier clock;

    OriginalChecks(EdgeClient client, Reference reference, LongSupplier clock) {
        this.client = client;
        this.reference = reference;
        this.clock = clock;
    }

    /** A check of the answer at {@code now}. */
    @FunctionalInterface
    interface Check {
        List<String> of(Answer answer, long now);
    }

    /** Asks until the request started and ended in one window of {@code step}, then checks that answer. */
    List<String> at(String path, Map<String, String> query, long step, Check check) {
        while (true) {
            long before = clock.getAsLong();
            Answer answer = client.get(path, query);
            long after = clock.getAsLong();
            if (Math.floorDiv(before, step) == Math.floorDiv(after, step)) {
                if (answer.status() != 200) {
                    return List.of(path + " " + query + " status " + answer.status() + " " + answer.body());
                }
                return check.of(answer, before);
            }
        }
    }

    /** The current UTC hour and the {@code hours - 1} before it. */
    static long[] lastHours(long now, int hours) {
        long end = Math.floorDiv(now, HOUR) * HOUR + HOUR;
        return new long[] {end - hours * HOUR, end};
    }

    List<String> summary() {
        return at("/api/statistics/summary/", Map.of(), HOUR, (answer, now) -> {
            long[] day = lastHours(now, 24);
            Figures f = reference.figures(day[0], day[1]);
            Differences d = new Differences("/api/statistics/summary/");
            JsonNode body = answer.body();
            d.equal("total_sessions", f.sessions(), body.path("total_sessions").asLong());
            d.equal("total_events", f.events(), body.path("total_events").asLong());
            d.near(
                    "avg_session_time",
                    round2(NativeChecks.ratio(f.durationMs(), f.ended()) / 1000.0),
                    body.path("avg_session_time").asDouble(),
                    1e-9);
            d.near(
                    "conversion_rate",
                    round2(NativeChecks.ratio(f.converted(), f.sessions()) * 100.0),
                    body.path("conversion_rate").asDouble(),
                    1e-9);
            d.equal(
                    "numbers as numbers",
                    true,
                    body.path("avg_session_time").isNumber()
                            && body.path("total_sessions").isNumber());
            return d.list();
        });
    }

    /** The chart in a zone: its labels are the slots' local {@code HH:mm}. */
    List<String> hourly(ZoneId zone) {
        DateTimeFormatter labels = HH_MM.withZone(zone);
        return at("/api/statistics/hourly/", Map.of("hours", "24", "tz", zone.getId()), SLOT, (answer, now) -> {
            long end = Math.floorDiv(now, SLOT) * SLOT + SLOT;
            List<String> expected = new ArrayList<>();
            for (long slot = end - 20 * SLOT; slot < end; slot += SLOT) {
                expected.add(labels.format(Instant.ofEpochMilli(slot)) + " = "
                        + reference.figures(slot, slot + SLOT).events());
            }
            Differences d = new Differences("/api/statistics/hourly/?tz=" + zone.getId());
            d.equal("slots", expected, NativeChecks.items(answer.body(), "hour", "count"));
            return d.list();
        });
    }

    List<String> pages() {
        return at("/api/statistics/pages/", Map.of(), HOUR, (answer, now) -> {
            long[] day = lastHours(now, 24);
            Differences d = new Differences("/api/statistics/pages/");
            d.equal(
                    "pages",
                    NativeChecks.ranked(reference.breakdown("page", day[0], day[1])),
                    NativeChecks.items(answer.body(), "page", "views"));
            return d.list();
        });
    }

    List<String> referrers() {
        return at("/api/statistics/referrers/", Map.of(), HOUR, (answer, now) -> {
            long[] week = lastHours(now, 7 * 24);
            Map<String, Long> byBucket = new LinkedHashMap<>();
            for (String bucket : BUCKETS) {
                long sessions = reference.sessions(
                        week[0], week[1], v -> bucket(reference.touch(v).source())
                                .equals(bucket));
                if (sessions > 0) {
                    byBucket.put(bucket, sessions);
                }
            }
            List<String> expected = byBucket.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(e -> BUCKETS.indexOf(e.getKey())))
                    .map(e -> e.getKey() + " = " + e.getValue())
                    .toList();
            List<String> answered = new ArrayList<>();
            JsonNode labels = answer.body().path("labels"), data = answer.body().path("data");
            for (int i = 0; i < Math.max(labels.size(), data.size()); i++) {
                answered.add(labels.path(i).asText() + " = " + data.path(i).asLong());
            }
            Differences d = new Differences("/api/statistics/referrers/");
            d.equal("buckets", expected, answered);
            return d.list();
        });
    }

    /** The 5 minutes starting at {@code slot} (within the last day), asked by its {@code HH:MM}. */
    List<String> hourDetails(long slot) {
        String label = HH_MM.format(Instant.ofEpochMilli(slot));
        return at("/api/hourly-details/", Map.of("hour", label), SLOT, (answer, now) -> {
            long start = slot <= now && now - slot < 24 * HOUR ? slot : slot + 24 * HOUR;
            JsonNode body = answer.body();
            Differences d = new Differences("/api/hourly-details/?hour=" + label);
            d.equal("hour", label, body.path("hour").asText());
            d.equal(
                    "start",
                    Instant.ofEpochMilli(start).toString(),
                    body.path("start").asText());
            d.equal(
                    "total_events",
                    reference.figures(start, start + SLOT).events(),
                    body.path("total_events").asLong());
            long hour = Math.floorDiv(start, HOUR) * HOUR;
            List<Map<String, Object>> expected = reference.latestOfHour(hour).stream()
                    .filter(e -> e.time() >= start && e.time() < start + SLOT)
                    .map(e -> {
                        Map<String, Object> row = row(e);
                        row.put("event_type", e.type());
                        row.put("page_url", Reference.page(e.pageUrl()));
                        row.put("formatted_time", TIME.format(Instant.ofEpochMilli(e.time())));
                        return row;
                    })
                    .toList();
            d.equal("events", expected, rows(body.path("events"), "event_type", "page_url", "formatted_time"));
            Map<String, Long> distribution = new LinkedHashMap<>();
            for (long from = hour; from < hour + HOUR; from += SLOT) {
                distribution.put(
                        HH_MM.format(Instant.ofEpochMilli(from)),
                        reference.figures(from, from + SLOT).events());
            }
            d.equal("hourly_distribution", distribution, longs(body.path("hourly_distribution")));
            return d.list();
        });
    }

    List<String> pageDetails(String page) {
        return at("/api/page-details/", Map.of("page", page), HOUR, (answer, now) -> {
            long[] day = lastHours(now, 24);
            Predicate<Sent> viewOfPage =
                    e -> e.isPageView() && Reference.page(e.pageUrl()).equals(page);
            JsonNode body = answer.body();
            Differences d = new Differences("/api/page-details/?page=" + page);
            d.equal("page_url", page, body.path("page_url").asText());
            long total =
                    reference.humans(day[0], day[1]).stream().filter(viewOfPage).count();
            d.equal("total_views", total, body.path("total_views").asLong());
            if (total == 0) {
                d.add("the reference has no view of it: a check that cannot fail");
            }
            List<Map<String, Object>> expected = reference.recent(day[0], day[1], viewOfPage, 10).stream()
                    .map(e -> {
                        Map<String, Object> row = row(e);
                        row.put("formatted_time", TIME.format(Instant.ofEpochMilli(e.time())));
                        row.put("referrer", Reference.source(e));
                        return row;
                    })
                    .toList();
            d.equal("recent_events", expected, rows(body.path("recent_events"), "formatted_time", "referrer"));
            d.equal(
                    "hourly_distribution",
                    byHourOfDay(day, (from, to) -> reference.humans(from, to).stream()
                            .filter(viewOfPage)
                            .count()),
                    longs(body.path("hourly_distribution")));
            return d.list();
        });
    }

    /** {@code referrer} is a bucket name (any case) or one source name as the rollups key it. */
    List<String> referrerDetails(String referrer) {
        String bucket = BUCKETS.stream()
                .filter(b -> b.equalsIgnoreCase(referrer))
                .findFirst()
                .orElse(null);
        Predicate<String> matches = source ->
                bucket == null ? source.equals(referrer) : bucket(source).equals(bucket);
        return at("/api/referrer-details/", Map.of("referrer", referrer), HOUR, (answer, now) -> {
            long[] week = lastHours(now, 7 * 24);
            JsonNode body = answer.body();
            Differences d = new Differences("/api/referrer-details/?referrer=" + referrer);
            d.equal("referrer", referrer, body.path("referrer").asText());
            long total = reference.sessions(
                    week[0], week[1], v -> matches.test(reference.touch(v).source()));
            d.equal("total_visitors", total, body.path("total_visitors").asLong());
            if (total == 0) {
                d.add("the reference has no session from it: a check that cannot fail");
            }
            List<Map<String, Object>> expected =
                    reference
                            .recent(week[0], week[1], e -> e.isPageView() && matches.test(Reference.source(e)), 10)
                            .stream()
                            .map(e -> {
                                Map<String, Object> row = row(e);
                                row.put("formatted_time", DAY_TIME.format(Instant.ofEpochMilli(e.time())));
                                row.put("landing_page", Reference.page(e.pageUrl()));
                                return row;
                            })
                            .toList();
            d.equal("recent_visits", expected, rows(body.path("recent_visits"), "formatted_time", "landing_page"));
            d.equal(
                    "hourly_distribution",
                    byHourOfDay(
                            week,
                            (from, to) -> reference.sessions(
                                    from,
                                    to,
                                    v -> matches.test(reference.touch(v).source()))),
                    longs(body.path("hourly_distribution")));
            return d.list();
        });
    }

    /** The human sessions active now, newest activity first, as the original list. */
    List<String> activeSessions() {
        return at("/api/sessions/active/", Map.of(), Reference.MINUTE, (answer, now) -> {
            List<Map<String, Object>> expected = reference.activeAt(now).stream()
                    .map(v -> {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("session_id", v.id());
                        row.put("user_id", v.first().userId());
                        row.put("last_activity", v.lastActivity());
                        row.put("current_page", v.currentPage() == null ? "" : v.currentPage());
                        row.put("duration", v.lastActivity() - v.start());
                        return row;
                    })
                    .toList();
            List<Map<String, Object>> answered = new ArrayList<>();
            answer.body().forEach(s -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("session_id", s.path("session_id").asText());
                row.put("user_id", s.path("user_id").asText());
                row.put("last_activity", s.path("last_activity").asLong());
                row.put("current_page", s.path("current_page").asText());
                row.put("duration", s.path("duration").asLong());
                answered.add(row);
            });
            Differences d = new Differences("/api/sessions/active/");
            d.equal("sessions", expected, answered);
            if (expected.isEmpty()) {
                d.add("the reference has no active session: a check that cannot fail");
            }
            return d.list();
        });
    }

    /** One session's (segment's) events in time order. */
    List<String> sessionEvents(Visit visit) {
        String path = "/api/sessions/" + EdgeClient.segment(visit.id()) + "/events/";
        Answer answer = client.get(path, Map.of());
        Differences d = new Differences("/api/sessions/<" + visit.id() + ">/events/");
        if (answer.status() != 200) {
            d.add("status " + answer.status() + " " + answer.body());
            return d.list();
        }
        List<String> expected = visit.events().stream()
                .map(e -> e.eventId() + " " + e.time() + " " + e.type() + " " + e.pageUrl() + " " + e.userId())
                .toList();
        List<String> answered = new ArrayList<>();
        answer.body()
                .forEach(e -> answered.add(
                        e.path("event_id").asText() + " " + e.path("timestamp").asLong()
                                + " " + e.path("event_type").asText() + " "
                                + e.path("page_url").asText(null) + " "
                                + e.path("user_id").asText()));
        d.equal("events", expected, answered);
        return d.list();
    }

    List<String> health() {
        Answer answer = client.get("/health/", Map.of());
        Differences d = new Differences("/health/");
        d.equal("status", 200, answer.status());
        d.equal("body status", "healthy", answer.body().path("status").asText());
        d.equal("service", "liveinsight", answer.body().path("service").asText());
        d.equal("database", "connected", answer.body().path("database").asText());
        return d.list();
    }

    // ---- helpers ----

    /** The original's bucket of a source name. */
    static String bucket(String source) {
        return new TrafficSource(source, Channel.REFERRAL, Campaign.NONE).originalBucket();
    }

    @FunctionalInterface
    private interface HourFigure {
        long count(long from, long to);
    }

    /** A figure per UTC hour of the window, added up by the hour's {@code HH:00}. */
    private static Map<String, Long> byHourOfDay(long[] window, HourFigure figure) {
        Map<String, Long> distribution = new TreeMap<>();
        for (long hour = window[0]; hour < window[1]; hour += HOUR) {
            distribution.merge(HH_MM.format(Instant.ofEpochMilli(hour)), figure.count(hour, hour + HOUR), Long::sum);
        }
        return distribution;
    }

    private static Map<String, Long> longs(JsonNode object) {
        Map<String, Long> values = new LinkedHashMap<>();
        object.fields()
                .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asLong()));
        return values;
    }

    private static Map<String, Object> row(Sent e) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("event_id", e.eventId());
        row.put("user_id", e.userId());
        row.put("session_id", e.sessionId());
        row.put("timestamp", e.time());
        return row;
    }

    private static List<Map<String, Object>> rows(JsonNode array, String... more) {
        List<Map<String, Object>> rows = new ArrayList<>();
        array.forEach(e -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("event_id", e.path("event_id").asText());
            row.put("user_id", e.path("user_id").asText());
            row.put("session_id", e.path("session_id").asText());
            row.put("timestamp", e.path("timestamp").asLong());
            for (String name : more) {
                row.put(name, e.path(name).asText());
            }
            rows.add(row);
        });
        return rows;
    }

    static double round2(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
