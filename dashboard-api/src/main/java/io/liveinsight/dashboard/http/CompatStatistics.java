package io.liveinsight.dashboard.http;

import io.liveinsight.dashboard.domain.compat.HourDetails;
import io.liveinsight.dashboard.domain.compat.OriginalSummary;
import io.liveinsight.dashboard.domain.compat.PageDetails;
import io.liveinsight.dashboard.domain.compat.PageRanking;
import io.liveinsight.dashboard.domain.compat.ReferrerBuckets;
import io.liveinsight.dashboard.domain.compat.ReferrerDetails;
import io.liveinsight.dashboard.domain.compat.ReferrerFilter;
import io.liveinsight.dashboard.domain.compat.TrafficSlots;
import io.liveinsight.dashboard.domain.compat.Window;
import io.liveinsight.dashboard.port.StatsReader;
import io.liveinsight.event.stats.RecentEvent;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The original routes' statistics (docs/contract/api.md#original-routes), from the Stats table's rollups only: the
 * windows are whole UTC hours (HOUR and DAY items) or minutes (MINUTE items), and the bodies the original's shapes,
 * numbers as numbers.
 */
final class CompatStatistics {

    /** "The last 24 h" of the summary, pages and page details: the current UTC hour and the 23 before. */
    static final int DAY_HOURS = 24;
    /** "7 days" of the referrers and their details: the current UTC hour and the 167 before. */
    static final int WEEK_HOURS = 7 * 24;
    /** The original read {@code hours} hours of events for its chart; accepted up to a week. */
    static final int MAX_HOURS = WEEK_HOURS;

    private static final Set<String> TZ = Set.of("tz");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MM/dd HH:mm");

    private final StatsReader stats;
    private final Clock clock;
    private final ZoneId zone;

    CompatStatistics(StatsReader stats, Clock clock, ZoneId zone) {
        this.stats = stats;
        this.clock = clock;
        this.zone = zone;
    }

    ApiResponse summary(Map<String, String> query) {
        CompatQuery asked = new CompatQuery(query, TZ);
        asked.zone(zone);
        if (!asked.valid()) {
            return ApiResponse.badRequest(asked.errors());
        }
        List<StatsKey> keys = Window.lastHours(clock.millis(), DAY_HOURS).hourKeys();
        OriginalSummary summary =
                OriginalSummary.of(Window.sum(stats.readAll(keys), keys).totals());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_sessions", summary.totalSessions());
        body.put("total_events", summary.totalEvents());
        body.put("avg_session_time", summary.avgSessionSeconds());
        body.put("conversion_rate", summary.conversionRatePercent());
        return ApiResponse.ok(body);
    }

    ApiResponse hourly(Map<String, String> query) {
        CompatQuery asked = new CompatQuery(query, Set.of("hours", "tz"));
        asked.integer("hours", 1, MAX_HOURS, DAY_HOURS);
        ZoneId tz = asked.zone(zone);
        if (!asked.valid()) {
            return ApiResponse.badRequest(asked.errors());
        }
        long now = clock.millis();
        Map<StatsKey, Rollup> items = stats.readAll(TrafficSlots.window(now).minuteKeys());
        return ApiResponse.ok(TrafficSlots.of(now, tz, items).stream()
                .map(slot -> point("hour", slot.label(), "count", slot.events()))
                .toList());
    }

    ApiResponse pages(Map<String, String> query) {
        CompatQuery asked = new CompatQuery(query, Set.of("limit", "tz"));
        int limit = asked.integer("limit", 1, PageRanking.MAX_PAGES, PageRanking.MAX_PAGES);
        asked.zone(zone);
        if (!asked.valid()) {
            return ApiResponse.badRequest(asked.errors());
        }
        List<StatsKey> keys = Window.lastHours(clock.millis(), DAY_HOURS).hourKeys();
        return ApiResponse.ok(PageRanking.of(Window.sum(stats.readAll(keys), keys), limit).stream()
                .map(page -> point("page", page.page(), "views", page.views()))
                .toList());
    }

    ApiResponse referrers(Map<String, String> query) {
        CompatQuery asked = new CompatQuery(query, TZ);
        asked.zone(zone);
        if (!asked.valid()) {
            return ApiResponse.badRequest(asked.errors());
        }
        List<StatsKey> keys = Window.lastHours(clock.millis(), WEEK_HOURS).coveringKeys();
        List<ReferrerBuckets.BucketCount> buckets = ReferrerBuckets.of(Window.sum(stats.readAll(keys), keys));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "labels",
                buckets.stream().map(ReferrerBuckets.BucketCount::label).toList());
        body.put(
                "data",
                buckets.stream().map(ReferrerBuckets.BucketCount::sessions).toList());
        return ApiResponse.ok(body);
    }

    ApiResponse hourDetails(Map<String, String> query) {
        CompatQuery asked = new CompatQuery(query, Set.of("hour", "tz"));
        LocalTime hour = asked.hour();
        ZoneId tz = asked.zone(zone);
        if (!asked.valid()) {
            return ApiResponse.badRequest(asked.errors());
        }
        long start = HourDetails.slotStart(hour, tz, clock.millis());
        HourDetails details = HourDetails.of(start, tz, stats.readAll(HourDetails.keys(start, tz)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hour", TrafficSlots.label(start, tz));
        body.put("start", Instant.ofEpochMilli(start).toString());
        body.put("total_events", details.totalEvents());
        body.put(
                "events",
                details.recent().stream()
                        .map(event -> {
                            Map<String, Object> row = event(event);
                            row.put("event_type", event.eventType());
                            row.put("page_url", event.page());
                            row.put("formatted_time", local(event, tz, TIME));
                            return row;
                        })
                        .toList());
        body.put("hourly_distribution", details.distribution());
        return ApiResponse.ok(body);
    }

    ApiResponse pageDetails(Map<String, String> query) {
        CompatQuery asked = new CompatQuery(query, Set.of("page", "tz"));
        String page = asked.text("page", "the page as /api/statistics/pages/ names it (host and path)");
        ZoneId tz = asked.zone(zone);
        if (!asked.valid()) {
            return ApiResponse.badRequest(asked.errors());
        }
        String key = PageDetails.key(page);
        List<StatsKey> keys = Window.lastHours(clock.millis(), DAY_HOURS).hourKeys();
        PageDetails details = PageDetails.of(key, keys, stats.readAll(keys), tz);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page_url", key);
        body.put("total_views", details.totalViews());
        body.put(
                "recent_events",
                details.recent().stream()
                        .map(event -> {
                            Map<String, Object> row = event(event);
                            row.put("formatted_time", local(event, tz, TIME));
                            row.put("referrer", event.source());
                            return row;
                        })
                        .toList());
        body.put("hourly_distribution", details.distribution());
        return ApiResponse.ok(body);
    }

    ApiResponse referrerDetails(Map<String, String> query) {
        CompatQuery asked = new CompatQuery(query, Set.of("referrer", "tz"));
        String name = asked.text("referrer", "a bucket (Google, Facebook, Twitter, Direct, Other) or a source name");
        ZoneId tz = asked.zone(zone);
        if (!asked.valid()) {
            return ApiResponse.badRequest(asked.errors());
        }
        List<StatsKey> keys = Window.lastHours(clock.millis(), WEEK_HOURS).hourKeys();
        ReferrerDetails details = ReferrerDetails.of(ReferrerFilter.of(name), keys, stats.readAll(keys), tz);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("referrer", name);
        body.put("total_visitors", details.totalSessions());
        body.put(
                "recent_visits",
                details.recent().stream()
                        .map(event -> {
                            Map<String, Object> row = event(event);
                            row.put("formatted_time", local(event, tz, DAY_TIME));
                            row.put("landing_page", event.page());
                            return row;
                        })
                        .toList());
        body.put("hourly_distribution", details.distribution());
        return ApiResponse.ok(body);
    }

    private static Map<String, Object> event(RecentEvent event) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("event_id", event.eventId());
        row.put("user_id", event.userId());
        row.put("session_id", event.sessionId());
        row.put("timestamp", event.timestamp());
        return row;
    }

    private static String local(RecentEvent event, ZoneId zone, DateTimeFormatter format) {
        return format.format(Instant.ofEpochMilli(event.timestamp()).atZone(zone));
    }

    private static Map<String, Object> point(String name, String label, String countName, long count) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put(name, label);
        point.put(countName, count);
        return point;
    }
}
