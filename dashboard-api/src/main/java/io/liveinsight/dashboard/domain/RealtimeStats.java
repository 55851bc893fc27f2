package io.liveinsight.dashboard.domain;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live figures, without reading the whole ActiveSessions table: active sessions, bot sessions, events and page
 * views per minute from the rollups' minute slots ({@link LiveWindow}, exact).
 *
 * <p>Rollups hold no users, durations, current pages nor referrers of the active sessions, so those four come from a
 * sample: the site's first {@link #SAMPLE_SESSIONS} active sessions, newest start first (its site index,
 * docs/contract/sites.md#dashboard). They are exact when the sample holds every active session ({@code sampleComplete}); otherwise active
 * users are estimated as the active sessions times the sample's users per session, and the median and top lists are
 * the sample's.
 */
public record RealtimeStats(
        long generatedAt,
        long activeSessions,
        long activeUsers,
        long botSessions,
        long eventsLastMinute,
        long eventsCurrentMinute,
        long eventsLast30Minutes,
        long pageViewsLast30Minutes,
        long medianSessionDurationMs,
        List<MinuteCount> eventsPerMinute,
        List<Ranked> topPages,
        List<Ranked> topReferrers,
        int sampleSessions,
        boolean sampleComplete) {

    public static final int WINDOW_MINUTES = LiveWindow.MINUTES;
    public static final int TOP = 10;
    /** Active sessions read for the figures rollups cannot give: a bounded read (~10 read units), not the table. */
    public static final int SAMPLE_SESSIONS = 200;

    public static final String DIRECT = "(direct)";

    /** Events (and page views) that happened in one epoch minute ({@code minute} = its start, ms). */
    public record MinuteCount(long minute, long events, long pageViews) {}

    /** A page or referrer and how many sampled active sessions are on it or came from it. */
    public record Ranked(String value, long sessions) {}

    public RealtimeStats {
        eventsPerMinute = List.copyOf(eventsPerMinute);
        topPages = List.copyOf(topPages);
        topReferrers = List.copyOf(topReferrers);
    }

    /**
     * @param window the last 30 minutes from the rollups' minute slots
     * @param sample the first active sessions of the table, bots included
     * @param bots whether bots are counted in
     */
    public static RealtimeStats of(LiveWindow window, ActiveScan sample, boolean bots, long nowMillis) {
        List<ActiveSession> sampled = bots ? sample.sessions() : ActiveSession.humans(sample.sessions());
        return new RealtimeStats(
                nowMillis,
                window.activeSessions(),
                users(sampled, sample.complete(), window.activeSessions()),
                window.botSessions(),
                window.eventsOf(1),
                window.eventsOf(0),
                window.events(),
                window.pageViews(),
                median(sampled.stream().mapToLong(ActiveSession::duration).toArray()),
                window.perMinute().stream()
                        .map(m -> new MinuteCount(m.start(), m.events(), m.pageViews()))
                        .toList(),
                top(sampled, true),
                top(sampled, false),
                sampled.size(),
                sample.complete());
    }

    /** Distinct users of a complete sample; of a partial one, the active sessions times its users per session. */
    static long users(List<ActiveSession> sampled, boolean complete, long activeSessions) {
        Set<String> users = new HashSet<>();
        sampled.forEach(s -> {
            if (s.userId() != null) {
                users.add(s.userId());
            }
        });
        if (complete || sampled.isEmpty()) {
            return users.size();
        }
        return Math.round((double) activeSessions * users.size() / sampled.size());
    }

    static long median(long[] values) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The most frequent current pages (or referrers), ties broken by value so the order is stable. */
    static List<Ranked> top(List<ActiveSession> sessions, boolean pages) {
        Map<String, Long> counts = new HashMap<>();
        for (ActiveSession session : sessions) {
            String value = pages ? session.currentPage() : session.referrer();
            if (pages && (value == null || value.isEmpty())) {
                continue;
            }
            counts.merge(value == null || value.isEmpty() ? DIRECT : value, 1L, Long::sum);
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .map(entry -> new Ranked(entry.getKey(), entry.getValue()))
                .toList();
    }

    /** As the JSON body of {@code GET /api/stats/realtime}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("generated_at", generatedAt);
        json.put("window_minutes", WINDOW_MINUTES);
        json.put("active_sessions", activeSessions);
        json.put("active_users", activeUsers);
        json.put("bot_sessions", botSessions);
        json.put("events_last_minute", eventsLastMinute);
        json.put("events_current_minute", eventsCurrentMinute);
        json.put("events_last_30_minutes", eventsLast30Minutes);
        json.put("page_views_last_30_minutes", pageViewsLast30Minutes);
        json.put("median_session_duration_ms", medianSessionDurationMs);
        json.put(
                "events_per_minute",
                eventsPerMinute.stream()
                        .map(m -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("minute", m.minute());
                            row.put("events", m.events());
                            row.put("page_views", m.pageViews());
                            return row;
                        })
                        .toList());
        json.put("top_pages", ranked(topPages, "page_url"));
        json.put("top_referrers", ranked(topReferrers, "referrer"));
        json.put("sample_sessions", sampleSessions);
        json.put("sample_complete", sampleComplete);
        return json;
    }

    private static List<Map<String, Object>> ranked(List<Ranked> values, String name) {
        return values.stream()
                .map(r -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put(name, r.value());
                    row.put("sessions", r.sessions());
                    return row;
                })
                .toList();
    }
}
