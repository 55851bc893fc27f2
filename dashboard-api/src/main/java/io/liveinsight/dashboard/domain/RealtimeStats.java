package io.liveinsight.dashboard.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live figures, computed from the active sessions alone: every event of the last 30 minutes belongs to a session
 * that is still active, so the sum of their per-minute counts is exact, without reading the Events table.
 */
public record RealtimeStats(
        long generatedAt,
        int activeSessions,
        int activeUsers,
        int botSessions,
        long eventsLastMinute,
        long eventsCurrentMinute,
        long eventsLast30Minutes,
        long medianSessionDurationMs,
        List<MinuteCount> eventsPerMinute,
        List<Ranked> topPages,
        List<Ranked> topReferrers) {

    public static final int WINDOW_MINUTES = 30;
    public static final int TOP = 10;
    public static final String DIRECT = "(direct)";

    /** Events that happened in one epoch minute ({@code minute} = its start, ms). */
    public record MinuteCount(long minute, long events) {}

    /** A page or referrer and how many active sessions are on it or came from it. */
    public record Ranked(String value, long sessions) {}

    public RealtimeStats {
        eventsPerMinute = List.copyOf(eventsPerMinute);
        topPages = List.copyOf(topPages);
        topReferrers = List.copyOf(topReferrers);
    }

    /**
     * The figures of the active sessions, bots counted apart and left out unless {@code bots}.
     *
     * @param all the active sessions, bots included
     */
    public static RealtimeStats of(List<ActiveSession> all, boolean bots, long nowMillis) {
        int botSessions = (int) all.stream().filter(ActiveSession::bot).count();
        return compute(bots ? all : ActiveSession.humans(all), botSessions, nowMillis);
    }

    /**
     * @param sessions the non-expired ActiveSessions items (already filtered for bots or not)
     * @param botSessions active bot sessions, reported for context
     */
    public static RealtimeStats compute(List<ActiveSession> sessions, int botSessions, long nowMillis) {
        long currentMinute = Math.floorDiv(nowMillis, 60_000L);
        long firstMinute = currentMinute - (WINDOW_MINUTES - 1);
        long[] buckets = new long[WINDOW_MINUTES];
        Set<String> users = new HashSet<>();
        Map<String, Long> pages = new HashMap<>();
        Map<String, Long> referrers = new HashMap<>();
        long[] durations = new long[sessions.size()];
        int i = 0;
        for (ActiveSession session : sessions) {
            if (session.userId() != null) {
                users.add(session.userId());
            }
            durations[i++] = session.duration();
            if (session.currentPage() != null && !session.currentPage().isEmpty()) {
                pages.merge(session.currentPage(), 1L, Long::sum);
            }
            String referrer = session.referrer() == null || session.referrer().isEmpty() ? DIRECT : session.referrer();
            referrers.merge(referrer, 1L, Long::sum);
            for (Map.Entry<Long, Long> minute : session.minutes().entrySet()) {
                long index = minute.getKey() - firstMinute;
                if (index >= 0 && index < WINDOW_MINUTES) {
                    buckets[(int) index] += minute.getValue();
                }
            }
        }
        List<MinuteCount> perMinute = new ArrayList<>(WINDOW_MINUTES);
        long total = 0;
        for (int m = 0; m < WINDOW_MINUTES; m++) {
            perMinute.add(new MinuteCount((firstMinute + m) * 60_000L, buckets[m]));
            total += buckets[m];
        }
        return new RealtimeStats(
                nowMillis,
                sessions.size(),
                users.size(),
                botSessions,
                buckets[WINDOW_MINUTES - 2],
                buckets[WINDOW_MINUTES - 1],
                total,
                median(durations),
                perMinute,
                top(pages),
                top(referrers));
    }

    static long median(long[] values) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The most frequent values, ties broken by value so the order is stable between refreshes. */
    static List<Ranked> top(Map<String, Long> counts) {
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
        json.put("median_session_duration_ms", medianSessionDurationMs);
        json.put(
                "events_per_minute",
                eventsPerMinute.stream()
                        .map(m -> Map.of("minute", m.minute(), "events", m.events()))
                        .toList());
        json.put("top_pages", ranked(topPages, "page_url"));
        json.put("top_referrers", ranked(topReferrers, "referrer"));
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
