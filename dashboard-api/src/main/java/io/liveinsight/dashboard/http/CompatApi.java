package io.liveinsight.dashboard.http;

import io.liveinsight.dashboard.domain.ActivePage;
import io.liveinsight.dashboard.domain.ActiveSession;
import io.liveinsight.dashboard.domain.ActiveSnapshot;
import io.liveinsight.dashboard.port.DashboardStore;
import io.liveinsight.dashboard.port.StatsReader;
import io.liveinsight.event.site.SiteId;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The original LiveInsight project's routes, answering in its shapes so its dashboard, scripts and tests keep working
 * (docs/contract/api.md#original-routes). A trailing slash is what tells them from the native routes, so they are
 * matched on the raw path before {@link DashboardApi} (which reads a trailing slash as none). Statistics come from the
 * Stats table's rollups only, never from a scan of Events; the session routes read what the native ones read. They
 * read the default site only (docs/contract/sites.md#dashboard): the original project served one website.
 */
public final class CompatApi {

    public static final String HEALTH = "/health/";
    static final String ACTIVE = "/api/sessions/active/";
    static final String SESSIONS = "/api/sessions/";
    static final String EVENTS = "/events/";
    static final String SUMMARY = "/api/statistics/summary/";
    static final String HOURLY = "/api/statistics/hourly/";
    static final String PAGES = "/api/statistics/pages/";
    static final String REFERRERS = "/api/statistics/referrers/";
    static final String HOUR_DETAILS = "/api/hourly-details/";
    static final String PAGE_DETAILS = "/api/page-details/";
    static final String REFERRER_DETAILS = "/api/referrer-details/";

    /** Every route, the session id as {@code {id}}: what docs/contract/api.md#original-routes lists. */
    public static final List<String> ROUTES = List.of(
            ACTIVE,
            SESSIONS + "{id}" + EVENTS,
            SUMMARY,
            HOURLY,
            PAGES,
            REFERRERS,
            HOUR_DETAILS,
            PAGE_DETAILS,
            REFERRER_DETAILS,
            HEALTH);

    /** Active sessions listed at most (newest activity first), and never more than {@link JsonBudget} allows. */
    static final int MAX_ACTIVE = 500;

    private final DashboardStore store;
    private final Clock clock;
    private final ActiveSnapshot active;
    private final CompatStatistics statistics;
    private final SessionEventList sessionEvents;

    /**
     * @param zone the time zone of labels and local times when a request names none ({@code STATS_TIME_ZONE})
     */
    public CompatApi(DashboardStore store, StatsReader stats, Clock clock, ZoneId zone, Duration snapshotMaxAge) {
        this.store = Objects.requireNonNull(store).forSite(SiteId.DEFAULT);
        this.clock = Objects.requireNonNull(clock);
        this.statistics = new CompatStatistics(stats, clock, zone);
        this.active = new ActiveSnapshot(this.store::activeSessions, clock, snapshotMaxAge);
        this.sessionEvents = new SessionEventList(this.store);
    }

    /** The answer of an original route, or empty when {@code rawPath} is none of them (the native routes answer). */
    public Optional<ApiResponse> handle(String rawPath, Map<String, String> query) {
        return route(rawPath).map(route -> route.apply(query));
    }

    /** Whether {@code rawPath} is an original route (they read the default site only). */
    public boolean handles(String rawPath) {
        return route(rawPath).isPresent();
    }

    private Optional<Function<Map<String, String>, ApiResponse>> route(String rawPath) {
        if (rawPath == null || !rawPath.endsWith("/")) {
            return Optional.empty();
        }
        Function<Map<String, String>, ApiResponse> route =
                switch (rawPath) {
                    case HEALTH -> this::health;
                    case ACTIVE -> this::activeSessions;
                    case SUMMARY -> statistics::summary;
                    case HOURLY -> statistics::hourly;
                    case PAGES -> statistics::pages;
                    case REFERRERS -> statistics::referrers;
                    case HOUR_DETAILS -> statistics::hourDetails;
                    case PAGE_DETAILS -> statistics::pageDetails;
                    case REFERRER_DETAILS -> statistics::referrerDetails;
                    default -> null;
                };
        if (route != null) {
            return Optional.of(route);
        }
        if (rawPath.startsWith(SESSIONS)
                && rawPath.length() >= SESSIONS.length() + EVENTS.length()
                && rawPath.endsWith(EVENTS)) {
            String id = rawPath.substring(SESSIONS.length(), rawPath.length() - EVENTS.length());
            return Optional.of(query -> sessionEvents(id, query));
        }
        return Optional.empty();
    }

    private ApiResponse health(Map<String, String> query) {
        CompatQuery asked = new CompatQuery(query, Set.of());
        if (!asked.valid()) {
            return ApiResponse.badRequest(asked.errors());
        }
        Map<String, Boolean> tables = store.health();
        boolean healthy = !tables.isEmpty() && tables.values().stream().allMatch(Boolean::booleanValue);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", healthy ? "healthy" : "unhealthy");
        body.put("service", "liveinsight");
        body.put("database", healthy ? "connected" : "disconnected");
        Map<String, String> dependencies = new LinkedHashMap<>();
        tables.forEach((name, up) -> dependencies.put(name, up ? "up" : "down"));
        body.put("dependencies", dependencies);
        return new ApiResponse(healthy ? 200 : 503, body);
    }

    private ApiResponse activeSessions(Map<String, String> query) {
        CompatQuery asked = new CompatQuery(query, Set.of("limit", "include_bots"));
        int limit = asked.integer("limit", 1, MAX_ACTIVE, MAX_ACTIVE);
        boolean bots = asked.flag("include_bots");
        if (!asked.valid()) {
            return ApiResponse.badRequest(asked.errors());
        }
        long now = clock.millis();
        ActivePage page = ActivePage.of(active.at(now), bots, Optional.empty(), limit);
        List<Map<String, Object>> rows = new ArrayList<>();
        JsonBudget budget = new JsonBudget(JsonBudget.MAX_BYTES);
        for (ActiveSession session : page.sessions()) {
            Map<String, Object> row = activeRow(session);
            if (!budget.take(row)) {
                break;
            }
            rows.add(row);
        }
        return ApiResponse.ok(rows);
    }

    private static Map<String, Object> activeRow(ActiveSession session) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("session_id", session.sessionId());
        row.put("user_id", session.userId());
        row.put("last_activity", session.lastActivity());
        row.put("current_page", session.currentPage() == null ? "" : session.currentPage());
        row.put("duration", session.duration());
        return row;
    }

    private ApiResponse sessionEvents(String id, Map<String, String> query) {
        CompatQuery asked = new CompatQuery(query, Set.of());
        if (id.isEmpty() || id.codePointCount(0, id.length()) > DashboardApi.MAX_ID_LENGTH) {
            asked.reject("session id must be 1 to " + DashboardApi.MAX_ID_LENGTH + " characters");
        }
        if (!asked.valid()) {
            return ApiResponse.badRequest(asked.errors());
        }
        return ApiResponse.ok(sessionEvents.of(id));
    }
}
