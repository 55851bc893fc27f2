package io.liveinsight.dashboard.http;

import static io.liveinsight.event.contract.ItemAttributes.LAST_ACTIVITY;
import static io.liveinsight.event.contract.ItemAttributes.REPLAY_RUN;
import static io.liveinsight.event.contract.ItemAttributes.SESSION_ID;
import static io.liveinsight.event.contract.ItemAttributes.START_TIME;

import io.liveinsight.dashboard.domain.ActiveScan;
import io.liveinsight.dashboard.domain.ActiveScan.Position;
import io.liveinsight.dashboard.domain.ActiveScanPage;
import io.liveinsight.dashboard.domain.ActiveSession;
import io.liveinsight.dashboard.domain.Lane;
import io.liveinsight.dashboard.domain.LiveWindow;
import io.liveinsight.dashboard.domain.RealtimeStats;
import io.liveinsight.dashboard.domain.ReplayRun;
import io.liveinsight.dashboard.domain.SampleSnapshot;
import io.liveinsight.dashboard.domain.SiteAccess;
import io.liveinsight.dashboard.port.DashboardStore;
import io.liveinsight.dashboard.port.DashboardStore.Page;
import io.liveinsight.dashboard.port.StatsReader;
import io.liveinsight.event.contract.ItemAttributes;
import io.liveinsight.event.contract.SessionWindows;
import io.liveinsight.event.site.SiteId;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The read API's routes ({@code GET} only; the handler answers other methods): parameters checked into 400s, the
 * store asked, and JSON-ready bodies built. Paths arrive decoded; an id may itself contain '/', so ids are what lies
 * between a route's fixed prefix and suffix. Every route but {@code /api/health} reads one site, {@code site=<id>}
 * (the default site when absent), and only one the request may read: another is a 403 before anything is read
 * (docs/contract/sites.md#dashboard). The live and statistics routes show live traffic, or with {@code replay=<run>}
 * that replay run only, and {@code /api/replay/runs} lists the site's runs (docs/contract/api.md#replay-runs).
 */
public final class DashboardApi {

    public static final int MAX_ID_LENGTH = 160;
    public static final int DEFAULT_SESSIONS = 25;
    public static final int MAX_SESSIONS = 200;
    public static final int DEFAULT_EVENTS = 100;
    /** Events are up to 32 KiB each: 100 keep a response under Lambda's 6 MB payload limit. */
    public static final int MAX_EVENTS = 100;
    /** ActiveSessions items live 30 minutes after the last activity (docs/contract/sessions.md#active-sessions). */
    public static final long ACTIVE_SECONDS = SessionWindows.ACTIVE.toSeconds();

    private static final Set<String> PAGED = Set.of("limit", "cursor", Params.SITE);
    private static final Set<String> EVENTS = Set.of("limit", "cursor", "order", Params.SITE);
    private static final Set<String> SITE_ONLY = Set.of(Params.SITE);
    /** What the live routes take: a page of the active sessions, bots or not, live traffic or a replay run. */
    private static final Set<String> ACTIVE = Set.of("limit", "cursor", "include_bots", Params.REPLAY, Params.SITE);
    /**
     * Samples kept for further requests at most, one per site and lane asked (the least recently asked is dropped):
     * the live lanes of as many sites as people watch at once in one container, and a few replay runs.
     */
    static final int SAMPLES = 32;

    private final DashboardStore store;
    private final StatsReader stats;
    private final Clock clock;
    private final Duration snapshotMaxAge;
    private final Map<String, SampleSnapshot> samples = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SampleSnapshot> eldest) {
            return size() > SAMPLES;
        }
    };
    private final StatsApi statistics;

    public DashboardApi(DashboardStore store, StatsReader stats, Clock clock, Duration snapshotMaxAge) {
        this.store = Objects.requireNonNull(store);
        this.stats = Objects.requireNonNull(stats);
        this.clock = Objects.requireNonNull(clock);
        this.snapshotMaxAge = Objects.requireNonNull(snapshotMaxAge);
        this.statistics = new StatsApi(stats, clock);
    }

    /** A route as a request that may read every site sees it (tests, and a dashboard without a token). */
    public ApiResponse handle(String path, Map<String, String> query) {
        return handle(SiteAccess.EVERY_SITE, path, query);
    }

    /** A route, for a request that may read the sites of {@code access}. */
    public ApiResponse handle(SiteAccess access, String path, Map<String, String> query) {
        if (path == null) {
            return notFound();
        }
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.equals("/api/health")) {
            return health(query);
        }
        String asked = query == null || query.get(Params.SITE) == null ? SiteId.DEFAULT : query.get(Params.SITE);
        // a malformed site is the route's 400 (with every other reason); a site this request may not read is refused
        // before anything is read or checked
        if (SiteId.error(asked) == null && !access.reads(asked)) {
            return ApiResponse.error(403, access.refusal());
        }
        switch (path) {
            case "/api/stats/realtime":
                return realtime(query);
            case "/api/stats/summary":
                return statistics.summary(query);
            case "/api/stats/series":
                return statistics.series(query);
            case "/api/stats/breakdown":
                return statistics.breakdown(query);
            case "/api/stats/details":
                return statistics.details(query);
            case "/api/sessions/active":
                return activeSessions(query);
            case "/api/live":
                return live(query);
            case "/api/replay/runs":
                return replayRuns(query);
            default:
                break;
        }
        if (path.startsWith("/api/sessions/")) {
            String rest = path.substring("/api/sessions/".length());
            return rest.endsWith("/events")
                    ? sessionEvents(rest.substring(0, rest.length() - "/events".length()), query)
                    : session(rest, query);
        }
        if (path.startsWith("/api/users/")) {
            String rest = path.substring("/api/users/".length());
            if (rest.endsWith("/sessions")) {
                return userSessions(rest.substring(0, rest.length() - "/sessions".length()), query);
            }
            if (rest.endsWith("/events")) {
                return userEvents(rest.substring(0, rest.length() - "/events".length()), query);
            }
        }
        return notFound();
    }

    private ApiResponse health(Map<String, String> query) {
        Params params = Params.of(query, Set.of());
        if (!params.valid()) {
            return ApiResponse.badRequest(params.errors());
        }
        Map<String, Boolean> tables = store.health();
        boolean healthy = !tables.isEmpty() && tables.values().stream().allMatch(Boolean::booleanValue);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", healthy ? "ok" : "degraded");
        Map<String, String> dependencies = new LinkedHashMap<>();
        tables.forEach((name, up) -> dependencies.put(name, up ? "up" : "down"));
        body.put("dependencies", dependencies);
        return new ApiResponse(healthy ? 200 : 503, body);
    }

    private ApiResponse realtime(Map<String, String> query) {
        Params params = Params.of(query, Set.of("include_bots", Params.REPLAY, Params.SITE));
        boolean bots = params.flag("include_bots");
        Lane lane = params.lane();
        String site = params.site();
        if (!params.valid()) {
            return ApiResponse.badRequest(params.errors());
        }
        long now = clock.millis();
        return ApiResponse.ok(statsBody(site, lane, window(site, lane, bots, now), bots, now));
    }

    private ApiResponse activeSessions(Map<String, String> query) {
        Params params = Params.of(query, ACTIVE);
        ActiveQuery asked = ActiveQuery.of(params);
        if (!params.valid()) {
            return ApiResponse.badRequest(params.errors());
        }
        long now = clock.millis();
        return ApiResponse.ok(activeBody(window(asked.site(), asked.lane(), asked.bots(), now), asked, now));
    }

    /**
     * The site's replay runs the Stats table lists, newest {@code last_at} first, at most {@link ReplayRun#MAX_LISTED}
     * (docs/contract/replay.md#where-a-run-shows).
     */
    private ApiResponse replayRuns(Map<String, String> query) {
        Params params = Params.of(query, SITE_ONLY);
        String site = params.site();
        if (!params.valid()) {
            return ApiResponse.badRequest(params.errors());
        }
        List<Map<String, Object>> runs = ReplayRun.newestFirst(stats.replayRuns(site, clock.millis())).stream()
                .map(ReplayRun::toJson)
                .toList();
        return ApiResponse.ok(Map.of("runs", runs));
    }

    /**
     * What the live page needs every few seconds, in one request: the stats and one page of the active-sessions
     * table (parameters as {@code /api/sessions/active}), from the rollups' minute slots, the sample of active sessions and
     * that one page: a bounded read, whatever the number of active sessions.
     */
    private ApiResponse live(Map<String, String> query) {
        Params params = Params.of(query, ACTIVE);
        ActiveQuery asked = ActiveQuery.of(params);
        if (!params.valid()) {
            return ApiResponse.badRequest(params.errors());
        }
        long now = clock.millis();
        LiveWindow window = window(asked.site(), asked.lane(), asked.bots(), now);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stats", statsBody(asked.site(), asked.lane(), window, asked.bots(), now));
        body.put("active_sessions", activeBody(window, asked, now));
        return ApiResponse.ok(body);
    }

    /** The last 30 minutes of the site's lane from the rollups' minute slots. */
    private LiveWindow window(String site, Lane lane, boolean bots, long now) {
        return LiveWindow.of(LaneStatsReader.of(stats, site, lane).readAll(LiveWindow.keys(now)), bots, now);
    }

    /**
     * What {@code /api/sessions/active} and {@code /api/live} ask of the active sessions: one page, bots or not, of a
     * site's live traffic or one of its replay runs. A cursor is the position where the previous page of the same lane
     * stopped: a session id and its start time in the site's live order, or a run, its session id and last activity in
     * the run's.
     */
    private record ActiveQuery(String site, int limit, boolean bots, Lane lane, Optional<Position> after) {

        static ActiveQuery of(Params params) {
            Lane lane = params.lane();
            return new ActiveQuery(
                    params.site(),
                    params.limit(DEFAULT_SESSIONS, MAX_SESSIONS),
                    params.flag("include_bots"),
                    lane,
                    after(params, lane));
        }

        private static Optional<Position> after(Params params, Lane lane) {
            if (lane.live()) {
                return params.cursor(Set.of(SESSION_ID), Set.of(START_TIME))
                        .map(key -> new Position((String) key.get(SESSION_ID), (Long) key.get(START_TIME)));
            }
            Optional<Map<String, Object>> key = params.cursor(Set.of(SESSION_ID, REPLAY_RUN), Set.of(LAST_ACTIVITY));
            if (key.isPresent() && !lane.run().equals(key.get().get(REPLAY_RUN))) {
                params.reject("cursor belongs to another replay run");
                return Optional.empty();
            }
            return key.map(k -> new Position((String) k.get(SESSION_ID), (Long) k.get(LAST_ACTIVITY)));
        }

        String cursor(Position next) {
            return lane.live()
                    ? Cursor.encode(Map.of(SESSION_ID, next.sessionId(), START_TIME, next.sortKey()))
                    : Cursor.encode(Map.of(
                            SESSION_ID, next.sessionId(), REPLAY_RUN, lane.run(), LAST_ACTIVITY, next.sortKey()));
        }
    }

    private Map<String, Object> statsBody(String site, Lane lane, LiveWindow window, boolean bots, long now) {
        Map<String, Object> body =
                RealtimeStats.of(window, sample(site, lane).at(now), bots, now).toJson();
        body.put("include_bots", bots);
        body.put(Params.SITE, site);
        if (!lane.live()) {
            body.put(Params.REPLAY, lane.run());
        }
        return body;
    }

    /** The site's lane's sample of active sessions, shared by the requests of the same moment (one per site and lane). */
    private SampleSnapshot sample(String site, Lane lane) {
        String key = site + (lane.live() ? "" : "~replay~" + lane.run());
        synchronized (samples) {
            return samples.computeIfAbsent(key, k -> sampleOf(store.forSite(site), lane));
        }
    }

    private SampleSnapshot sampleOf(DashboardStore siteStore, Lane lane) {
        return new SampleSnapshot(
                now -> siteStore.activePage(lane, now, null, RealtimeStats.SAMPLE_SESSIONS, true),
                clock,
                snapshotMaxAge);
    }

    /** One page of the active sessions ({@link ActiveScanPage}), where it stopped as the next cursor. */
    private Map<String, Object> activeBody(LiveWindow window, ActiveQuery asked, long now) {
        boolean bots = asked.bots();
        ActiveScan scan = store.forSite(asked.site())
                .activePage(asked.lane(), now, asked.after().orElse(null), asked.limit(), bots);
        ActiveScanPage page = ActiveScanPage.of(scan, asked.after().isEmpty(), window.activeSessions());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("generated_at", now);
        body.put("total", page.total());
        body.put("include_bots", bots);
        body.put(Params.SITE, asked.site());
        if (!asked.lane().live()) {
            body.put(Params.REPLAY, asked.lane().run());
        }
        body.put("sessions", page.sessions().stream().map(DashboardApi::json).toList());
        body.put("next_cursor", page.next().map(asked::cursor).orElse(null));
        return body;
    }

    private ApiResponse session(String id, Map<String, String> query) {
        Params params = Params.of(query, SITE_ONLY);
        checkId(params, "session id", id);
        String site = params.site();
        if (!params.valid()) {
            return ApiResponse.badRequest(params.errors());
        }
        return store.forSite(site)
                .session(id)
                .map(item -> ApiResponse.ok(withActivity(item, clock.millis())))
                .orElseGet(() -> ApiResponse.error(404, "no session '" + Params.abbreviate(id) + "'"));
    }

    private ApiResponse sessionEvents(String id, Map<String, String> query) {
        Params params = Params.of(query, EVENTS);
        checkId(params, "session id", id);
        DashboardStore siteStore = store.forSite(params.site());
        int limit = params.limit(DEFAULT_EVENTS, MAX_EVENTS);
        boolean ascending = params.ascending(true);
        Optional<Map<String, Object>> start = params.cursor(Set.of("event_id", "session_id"), Set.of("timestamp"));
        if (!params.valid()) {
            return ApiResponse.badRequest(params.errors());
        }
        Optional<Map<String, Object>> session = siteStore.session(id);
        if (session.isEmpty()) {
            return ApiResponse.error(404, "no session '" + Params.abbreviate(id) + "'");
        }
        String clientId = String.valueOf(session.get().get(DashboardStore.CLIENT_SESSION_ID));
        if (start.isPresent() && !clientId.equals(start.get().get("session_id"))) {
            return ApiResponse.badRequest(List.of("cursor belongs to another session"));
        }
        long from = number(session.get().get("start_time"));
        long to = number(session.get().get("last_activity"));
        Page page = siteStore.sessionEvents(clientId, from, to, start.orElse(null), limit, ascending);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session_id", id);
        body.put("events", page.items());
        body.put("next_cursor", page.next() == null ? null : Cursor.encode(page.next()));
        return ApiResponse.ok(body);
    }

    private ApiResponse userSessions(String userId, Map<String, String> query) {
        Params params = Params.of(query, PAGED);
        checkId(params, "user id", userId);
        String site = params.site();
        int limit = params.limit(DEFAULT_SESSIONS, MAX_SESSIONS);
        Optional<Map<String, Object>> start = params.cursor(Set.of("session_id", "user_id"), Set.of("start_time"));
        if (start.isPresent() && !userId.equals(start.get().get("user_id"))) {
            params.reject("cursor belongs to another user");
        }
        if (!params.valid()) {
            return ApiResponse.badRequest(params.errors());
        }
        long now = clock.millis();
        Page page = store.forSite(site).userSessions(userId, start.orElse(null), limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", userId);
        body.put(
                "sessions",
                page.items().stream().map(item -> withActivity(item, now)).toList());
        body.put("next_cursor", page.next() == null ? null : Cursor.encode(page.next()));
        return ApiResponse.ok(body);
    }

    private ApiResponse userEvents(String userId, Map<String, String> query) {
        Params params = Params.of(query, EVENTS);
        checkId(params, "user id", userId);
        String site = params.site();
        int limit = params.limit(DEFAULT_EVENTS, MAX_EVENTS);
        boolean ascending = params.ascending(false);
        Optional<Map<String, Object>> start = params.cursor(Set.of("event_id", "user_id"), Set.of("timestamp"));
        if (start.isPresent() && !userId.equals(start.get().get("user_id"))) {
            params.reject("cursor belongs to another user");
        }
        if (!params.valid()) {
            return ApiResponse.badRequest(params.errors());
        }
        Page page = store.forSite(site).userEvents(userId, start.orElse(null), limit, ascending);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", userId);
        body.put("events", page.items());
        body.put("next_cursor", page.next() == null ? null : Cursor.encode(page.next()));
        return ApiResponse.ok(body);
    }

    private static void checkId(Params params, String what, String id) {
        // Code points, as the event contract counts them: a client id of 128 emoji is 256 UTF-16 units, and a later
        // segment's derived id is longer than any client id (up to 128 + 12 characters).
        if (id.isEmpty() || id.codePointCount(0, id.length()) > MAX_ID_LENGTH) {
            params.reject(what + " must be 1 to " + MAX_ID_LENGTH + " characters");
        }
    }

    /**
     * A session view ({@link DashboardStore#session}) plus whether it is active now and until when (it lives 30
     * minutes past its last activity): what needs the clock.
     */
    private static Map<String, Object> withActivity(Map<String, Object> view, long now) {
        Map<String, Object> body = new LinkedHashMap<>(view);
        if (view.get(ItemAttributes.LAST_ACTIVITY) instanceof Number lastActivity) {
            long expiresAt = lastActivity.longValue() / 1000 + ACTIVE_SECONDS;
            body.put(ItemAttributes.EXPIRES_AT, expiresAt);
            body.put("active", now < expiresAt * 1000);
        }
        return body;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }

    static Map<String, Object> json(ActiveSession s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("session_id", s.sessionId());
        json.put("user_id", s.userId());
        json.put("start_time", s.startTime());
        json.put("last_activity", s.lastActivity());
        json.put("session_duration", s.duration());
        json.put("current_page", s.currentPage());
        json.put("referrer", s.referrer());
        json.put("total_events", s.totalEvents());
        json.put("page_views", s.pageViews());
        json.put("is_bot", s.bot());
        json.put("expires_at", s.expiresAt());
        return json;
    }

    private static ApiResponse notFound() {
        return ApiResponse.error(404, "not found");
    }
}
