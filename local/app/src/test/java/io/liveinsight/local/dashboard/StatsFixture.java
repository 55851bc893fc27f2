package io.liveinsight.local.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Canned answers of the native statistics API in its specified shapes (issue 14), for the statistics view's browser
 * test: a day-shaped traffic curve per minute, breakdowns whose keys carry markup, astral characters and {@code ~ # |}
 * payloads, and drill-downs whose latest events carry them in every text field. Each payload, if it ever ran, would set
 * a window flag of {@link #FLAGS}.
 */
final class StatsFixture {

    static final String XSS_PAGE = "shop.example/q/😀~#|<img src=x onerror=\"window.__xssPage=1\">";
    /** A page key that is no host: the view must not make a link of it. */
    static final String SCRIPT_URL_PAGE = "javascript:window.__xssLink=1//shop.example";

    static final String XSS_SOURCE = "<img src=x onerror=\"window.__xssSource=1\">";
    /** 128 code points, most of them astral (two UTF-16 units each). */
    static final String LONG_SOURCE = "ref-" + "𝔏".repeat(119) + "~#|<>";

    static final String XSS_CAMPAIGN = "<script>window.__xssCampaign=1</script>";
    static final String XSS_USER = "<svg onload=\"window.__xssUser=1\">";
    static final String XSS_SESSION = "s-🦄~#|<img src=x onerror=\"window.__xssSession=1\">";
    static final List<String> FLAGS =
            List.of("__xssPage", "__xssLink", "__xssSource", "__xssCampaign", "__xssUser", "__xssSession");

    static final Map<String, Object> SUMMARY = summaryFigures();

    /** Each dimension's stored counts, sorted by count then key, and its stored {@code ~other}. */
    static final Map<String, List<Map.Entry<String, Long>>> BREAKDOWNS = Map.of(
            "page",
            List.of(
                    Map.entry("shop.example/", 9120L),
                    Map.entry("shop.example/products/trail-shoes", 4210L),
                    Map.entry("shop.example/cart", 2210L),
                    Map.entry("shop.example/checkout", 1304L),
                    Map.entry(XSS_PAGE, 377L),
                    Map.entry(SCRIPT_URL_PAGE, 42L)),
            "source",
            List.of(
                    Map.entry("google", 2210L),
                    Map.entry("direct", 1804L),
                    Map.entry("facebook", 640L),
                    Map.entry("news.example", 310L),
                    Map.entry(XSS_SOURCE, 44L),
                    Map.entry(LONG_SOURCE, 12L)),
            "channel",
            List.of(
                    Map.entry("organic_search", 2300L),
                    Map.entry("direct", 1804L),
                    Map.entry("organic_social", 700L),
                    Map.entry("referral", 354L),
                    Map.entry("paid_search", 120L),
                    Map.entry("email", 63L)),
            "campaign",
            List.of(Map.entry("spring-sale", 420L), Map.entry("newsletter-12", 90L), Map.entry(XSS_CAMPAIGN, 37L)),
            "device",
            List.of(Map.entry("desktop", 3900L), Map.entry("phone", 2100L), Map.entry("tablet", 342L)),
            "browser",
            List.of(
                    Map.entry("Chrome", 3300L),
                    Map.entry("Safari", 1900L),
                    Map.entry("Firefox", 700L),
                    Map.entry("Edge", 342L)));

    static final Map<String, Long> STORED_OTHER = Map.of("page", 5120L, "source", 90L, "campaign", 3L, "browser", 100L);

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final Duration HOUR = Duration.ofHours(1);

    private StatsFixture() {}

    private static Map<String, Object> summaryFigures() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", 48213);
        body.put("page_views", 30125);
        body.put("sessions", 6342);
        body.put("sessions_ended", 6101);
        body.put("bounces", 2519);
        body.put("bounce_rate", 0.4129);
        body.put("avg_session_seconds", 183.6);
        body.put("users", 4870);
        body.put("users_error", 1.04 / Math.sqrt(2048));
        body.put("conversions", 301);
        body.put("converted_sessions", 240);
        body.put("conversion_rate", 0.0378);
        body.put("bot_events", 1290);
        body.put("bot_sessions", 85);
        return body;
    }

    static Map<String, Object> summary(StatsQuery query) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("range", range(query.from(), query.to(), query.tz()));
        body.putAll(SUMMARY);
        return body;
    }

    /** The series, or the reasons it cannot be given (too many points, minutes older than 48 hours). */
    static Answer series(StatsQuery query, Instant now) {
        String resolution = query.resolutionOrDefault();
        List<String> reasons = new ArrayList<>();
        if (slotCount(query, resolution) > StatsQuery.MAX_POINTS) {
            reasons.add("at most " + StatsQuery.MAX_POINTS + " points: choose a coarser resolution");
        }
        if (resolution.equals("minute") || resolution.equals("5m")) {
            if (query.from().isBefore(now.minus(StatsQuery.MINUTES_KEPT))) {
                reasons.add("minute and 5m resolutions reach back 48 hours only");
            }
        }
        if (!reasons.isEmpty()) {
            return Answer.refused(reasons);
        }
        List<Instant> slots = slots(query.from(), query.to(), resolution, query.tz());
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < slots.size() - 1; i++) {
            long events = events(slots.get(i), slots.get(i + 1));
            Map<String, Object> point = point(slots.get(i), resolution, query.tz());
            point.put("events", events);
            point.put("page_views", events * 62 / 100);
            point.put("sessions", events * 14 / 100);
            point.put("conversions", events / 90);
            point.put("converted_sessions", events / 110);
            point.put("bot_events", events / 40);
            points.add(point);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("range", range(slots.get(0), slots.get(slots.size() - 1), query.tz()));
        body.put("resolution", resolution);
        body.put("points", points);
        return Answer.ok(body);
    }

    static Map<String, Object> breakdown(StatsQuery query) {
        List<Map.Entry<String, Long>> stored = BREAKDOWNS.getOrDefault(query.dimension(), List.of());
        long other = STORED_OTHER.getOrDefault(query.dimension(), 0L);
        List<Map<String, Object>> items = new ArrayList<>();
        long total = other;
        for (int i = 0; i < stored.size(); i++) {
            total += stored.get(i).getValue();
            if (i < query.limit()) {
                items.add(Map.of(
                        "key", stored.get(i).getKey(), "count", stored.get(i).getValue()));
            } else {
                other += stored.get(i).getValue();
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("range", range(query.from(), query.to(), query.tz()));
        body.put("dimension", query.dimension());
        body.put("total", total);
        body.put("items", items);
        body.put("other", other);
        return body;
    }

    /** An hour's events per 5 minutes, or a page's or source's count per hour of the range; with latest events. */
    static Answer details(StatsQuery query) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("range", range(query.from(), query.to(), query.tz()));
        body.put("dimension", query.dimension());
        body.put("key", query.key());
        List<Map<String, Object>> series = new ArrayList<>();
        List<Map<String, Object>> recent = new ArrayList<>();
        long total = 0;
        if (query.dimension().equals("hour")) {
            Instant hour;
            try {
                hour = Instant.parse(query.key());
            } catch (RuntimeException e) {
                return Answer.refused(
                        List.of("key must be the hour's start as an ISO instant, was '" + query.key() + "'"));
            }
            if (!hour.equals(hour.truncatedTo(ChronoUnit.HOURS))) {
                return Answer.refused(List.of("key must be the start of an hour, was '" + query.key() + "'"));
            }
            for (Instant slot : slots(hour, hour.plus(HOUR), "5m", query.tz()).subList(0, 12)) {
                long count = events(slot, slot.plus(Duration.ofMinutes(5)));
                series.add(withCount(point(slot, "5m", query.tz()), count));
                total += count;
            }
            for (int i = 0; i < 20; i++) {
                Instant at = hour.plus(Duration.ofMinutes(58 - 3L * i)).plusSeconds(i);
                String pageKey = BREAKDOWNS.get("page").get(i % 6).getKey();
                String source = BREAKDOWNS.get("source").get(i % 5).getKey();
                recent.add(event(at, i, pageKey, source));
            }
        } else {
            long weight = BREAKDOWNS.get(query.dimension()).stream()
                    .filter(entry -> entry.getKey().equals(query.key()))
                    .mapToLong(Map.Entry::getValue)
                    .findFirst()
                    .orElse(0L);
            List<Instant> hours = slots(query.from(), query.to(), "hour", query.tz());
            for (int i = 0; i < hours.size() - 1; i++) {
                long count = events(hours.get(i), hours.get(i + 1)) * weight / 10_000;
                series.add(withCount(point(hours.get(i), "hour", query.tz()), count));
                total += count;
            }
            for (int i = 0; weight > 0 && i < 6; i++) {
                Instant at = query.to().minus(Duration.ofMinutes(7L * i + 3));
                boolean page = query.dimension().equals("page");
                recent.add(event(at, i, page ? query.key() : "shop.example/", page ? "google" : query.key()));
            }
        }
        body.put("total", total);
        body.put("series", series);
        body.put("recent", recent);
        return Answer.ok(body);
    }

    /** A JSON body, or the reasons for a 400. */
    record Answer(Map<String, Object> body, List<String> reasons) {
        static Answer ok(Map<String, Object> body) {
            return new Answer(body, List.of());
        }

        static Answer refused(List<String> reasons) {
            return new Answer(null, reasons);
        }
    }

    /** Events in [from, to): 2 to 8 a minute, busiest in the UTC afternoon. */
    static long events(Instant from, Instant to) {
        long total = 0;
        for (Instant minute = from; minute.isBefore(to); minute = minute.plus(Duration.ofMinutes(1))) {
            int hour = minute.atZone(ZoneId.of("UTC")).getHour();
            total += 2
                    + Math.round(3 * (1 + Math.sin(2 * Math.PI * (hour - 9) / 24.0)))
                    + (minute.getEpochSecond() / 60) % 3;
        }
        return total;
    }

    /** The slot starts covering [from, to), and the end of the last slot. */
    static List<Instant> slots(Instant from, Instant to, String resolution, ZoneId tz) {
        List<Instant> starts = new ArrayList<>();
        if (resolution.equals("day")) {
            ZonedDateTime day = from.atZone(tz).toLocalDate().atStartOfDay(tz);
            for (; day.toInstant().isBefore(to); day = day.plusDays(1)) {
                starts.add(day.toInstant());
            }
            starts.add(day.toInstant());
            return starts;
        }
        Duration step = step(resolution);
        Instant slot = Instant.ofEpochSecond(from.getEpochSecond() / step.toSeconds() * step.toSeconds());
        for (; slot.isBefore(to); slot = slot.plus(step)) {
            starts.add(slot);
        }
        starts.add(slot);
        return starts;
    }

    private static long slotCount(StatsQuery query, String resolution) {
        long span = Duration.between(query.from(), query.to()).toMinutes();
        return resolution.equals("day")
                ? span / 1440 + 1
                : span / step(resolution).toMinutes() + 1;
    }

    private static Duration step(String resolution) {
        return switch (resolution) {
            case "minute" -> Duration.ofMinutes(1);
            case "5m" -> Duration.ofMinutes(5);
            default -> HOUR;
        };
    }

    private static Map<String, Object> point(Instant start, String resolution, ZoneId tz) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("start", start.toString());
        point.put("start_ms", start.toEpochMilli());
        point.put(
                "label",
                resolution.equals("day") ? start.atZone(tz).toLocalDate().toString() : CLOCK.format(start.atZone(tz)));
        return point;
    }

    private static Map<String, Object> withCount(Map<String, Object> point, long count) {
        point.put("count", count);
        return point;
    }

    private static Map<String, Object> event(Instant at, int i, String page, String source) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("timestamp", at.toEpochMilli());
        event.put("time", at.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("event_id", "ev-" + at.toEpochMilli() + "-" + i);
        event.put(
                "event_type",
                List.of("page_view", "click", "purchase", "page_view").get(i % 4));
        event.put("session_id", i % 3 == 0 ? XSS_SESSION : "s-" + (100 + i));
        event.put("user_id", i % 4 == 1 ? XSS_USER : "u-" + (40 + i));
        event.put("page", page);
        event.put("source", source);
        return event;
    }

    private static Map<String, Object> range(Instant from, Instant to, ZoneId tz) {
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("from", from.toString());
        range.put("to", to.toString());
        range.put("tz", tz.getId());
        return range;
    }
}
