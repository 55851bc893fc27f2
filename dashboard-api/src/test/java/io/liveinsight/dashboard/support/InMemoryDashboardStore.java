package io.liveinsight.dashboard.support;

import static io.liveinsight.event.contract.ItemAttributes.REPLAY_RUN;

import io.liveinsight.dashboard.adapter.dynamodb.SessionViews;
import io.liveinsight.dashboard.domain.ActiveScan;
import io.liveinsight.dashboard.domain.ActiveSession;
import io.liveinsight.dashboard.domain.Lane;
import io.liveinsight.dashboard.port.DashboardStore;
import io.liveinsight.dashboard.port.StoreUnavailableException;
import io.liveinsight.event.site.SiteId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store in memory, for tests without engines; counts the ActiveSessions reads (whole table and pages) and can be
 * made to fail. Sessions items are kept as stored and read into session views as the DynamoDB adapter reads them
 * ({@link SessionViews}). One store per site, in the client's ids ({@link #forSite} gives another site's, kept apart by
 * construction: the DynamoDB adapter's keys and guards are tested on DynamoDB Local).
 */
public final class InMemoryDashboardStore implements DashboardStore {

    private final String site;
    private final Map<String, InMemoryDashboardStore> sites;

    public final List<ActiveSession> active = new ArrayList<>();
    /** Session ids of {@link #active} that a replay wrote (the live lane leaves them out). */
    public final Set<String> replayed = ConcurrentHashMap.newKeySet();

    public final Map<String, Map<String, Object>> sessions = new ConcurrentHashMap<>();
    /** Events by client session id, as the Events table's SessionIndex holds them. */
    public final Map<String, List<Map<String, Object>>> events = new ConcurrentHashMap<>();

    public final AtomicInteger activeReads = new AtomicInteger();
    public final AtomicInteger pageReads = new AtomicInteger();
    public final AtomicInteger eventPages = new AtomicInteger();
    public volatile boolean down;

    public InMemoryDashboardStore() {
        this(SiteId.DEFAULT, new ConcurrentHashMap<>());
        sites.put(SiteId.DEFAULT, this);
    }

    private InMemoryDashboardStore(String site, Map<String, InMemoryDashboardStore> sites) {
        this.site = site;
        this.sites = sites;
    }

    /** The store of another site, made on first use; down whenever the default site's is made to fail. */
    @Override
    public InMemoryDashboardStore forSite(String other) {
        SiteId.require(other);
        return sites.computeIfAbsent(other, id -> new InMemoryDashboardStore(id, sites));
    }

    @Override
    public String site() {
        return site;
    }

    @Override
    public List<ActiveSession> activeSessions(long nowMillis) {
        failIfDown();
        activeReads.incrementAndGet();
        return active.stream().filter(s -> s.activeAt(nowMillis)).toList();
    }

    /**
     * Live: {@link #active} in session id order (the table's order here), replayed sessions left out. A replay run:
     * the Sessions items with its {@code replay_run} whose last activity is in the active window, newest first, as
     * Sessions' replay index gives them.
     */
    @Override
    public ActiveScan activePage(Lane lane, long nowMillis, ActiveScan.Position after, int limit, boolean bots) {
        failIfDown();
        pageReads.incrementAndGet();
        if (!lane.live()) {
            return replayPage(lane.run(), nowMillis, after, limit, bots);
        }
        List<ActiveSession> matching = active.stream()
                .filter(s -> s.activeAt(nowMillis) && (bots || !s.bot()))
                .filter(s -> !replayed.contains(s.sessionId()))
                .filter(s -> after == null || s.sessionId().compareTo(after.sessionId()) > 0)
                .sorted(Comparator.comparing(ActiveSession::sessionId))
                .toList();
        List<ActiveSession> page = matching.subList(0, Math.min(limit, matching.size()));
        ActiveScan.Position next = matching.size() > limit
                ? ActiveScan.Position.after(page.getLast().sessionId())
                : null;
        return new ActiveScan(page, next);
    }

    private ActiveScan replayPage(String run, long nowMillis, ActiveScan.Position after, int limit, boolean bots) {
        Comparator<ActiveSession> newestFirst = Comparator.comparingLong(ActiveSession::lastActivity)
                .reversed()
                .thenComparing(ActiveSession::sessionId, Comparator.reverseOrder());
        List<ActiveSession> matching = sessions.values().stream()
                .filter(item -> run.equals(item.get(REPLAY_RUN)))
                .map(item -> {
                    Map<String, Object> view = SessionViews.of(item);
                    long last = ((Number) view.get("last_activity")).longValue();
                    return new ActiveSession(
                            (String) view.get("session_id"),
                            (String) view.get("user_id"),
                            ((Number) view.get("start_time")).longValue(),
                            last,
                            (String) view.get("current_page"),
                            ((Number) view.getOrDefault("total_events", 0L)).longValue(),
                            ((Number) view.getOrDefault("page_views", 0L)).longValue(),
                            (String) view.get("referrer"),
                            Boolean.TRUE.equals(view.get("is_bot")),
                            last / 1000 + 1800,
                            Map.of());
                })
                .filter(s -> s.activeAt(nowMillis) && (bots || !s.bot()))
                .filter(s -> after == null
                        || newestFirst.compare(
                                        s,
                                        new ActiveSession(
                                                after.sessionId(),
                                                null,
                                                0,
                                                after.sortKey(),
                                                null,
                                                0,
                                                0,
                                                null,
                                                false,
                                                0,
                                                Map.of()))
                                > 0)
                .sorted(newestFirst)
                .toList();
        List<ActiveSession> page = matching.subList(0, Math.min(limit, matching.size()));
        ActiveScan.Position next = matching.size() > limit
                ? new ActiveScan.Position(
                        page.getLast().sessionId(), page.getLast().lastActivity())
                : null;
        return new ActiveScan(page, next);
    }

    @Override
    public Optional<Map<String, Object>> session(String sessionId) {
        failIfDown();
        return Optional.ofNullable(sessions.get(sessionId)).map(SessionViews::of);
    }

    @Override
    public Page sessionEvents(
            String clientSessionId, long from, long to, Map<String, Object> start, int limit, boolean ascending) {
        failIfDown();
        eventPages.incrementAndGet();
        Comparator<Map<String, Object>> order = Comparator.<Map<String, Object>>comparingLong(
                        event -> ((Number) event.get("timestamp")).longValue())
                .thenComparing(event -> (String) event.get("event_id"));
        List<Map<String, Object>> sorted = events.getOrDefault(clientSessionId, List.of()).stream()
                .filter(event -> {
                    long time = ((Number) event.get("timestamp")).longValue();
                    return time >= from && time <= to;
                })
                .sorted(ascending ? order : order.reversed())
                .toList();
        int first = 0;
        if (start != null) {
            while (first < sorted.size() && !sorted.get(first).get("event_id").equals(start.get("event_id"))) {
                first++;
            }
            first++;
        }
        List<Map<String, Object>> page =
                sorted.subList(Math.min(first, sorted.size()), Math.min(sorted.size(), first + limit));
        Map<String, Object> next = null;
        if (first + limit < sorted.size()) {
            Map<String, Object> last = page.get(page.size() - 1);
            next = Map.of(
                    "event_id",
                    last.get("event_id"),
                    "session_id",
                    clientSessionId,
                    "timestamp",
                    last.get("timestamp"));
        }
        return new Page(page, next);
    }

    @Override
    public Page userSessions(String userId, Map<String, Object> start, int limit) {
        failIfDown();
        return new Page(List.of(), null);
    }

    @Override
    public Page userEvents(String userId, Map<String, Object> start, int limit, boolean ascending) {
        failIfDown();
        return new Page(List.of(), null);
    }

    @Override
    public Map<String, Boolean> health() {
        return Map.of("events", !down, "sessions", !down, "active_sessions", !down, "stats", !down);
    }

    private void failIfDown() {
        if (down || sites.get(SiteId.DEFAULT).down) {
            throw new StoreUnavailableException("down", null);
        }
    }
}
