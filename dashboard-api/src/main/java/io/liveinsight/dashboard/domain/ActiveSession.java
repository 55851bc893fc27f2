package io.liveinsight.dashboard.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One item of the ActiveSessions table, as the dashboard reads it.
 *
 * @param minutes events of this session per epoch minute (the 30 minutes up to its last activity)
 * @param expiresAt epoch seconds; the session is active while now is before it
 */
public record ActiveSession(
        String sessionId,
        String userId,
        long startTime,
        long lastActivity,
        String currentPage,
        long totalEvents,
        long pageViews,
        String referrer,
        boolean bot,
        long expiresAt,
        Map<Long, Long> minutes) {

    public ActiveSession {
        Objects.requireNonNull(sessionId, "sessionId");
        minutes = minutes == null ? Map.of() : Map.copyOf(minutes);
    }

    /** Active while now is strictly before {@code expires_at} (TTL deletes late, so readers must check). */
    public boolean activeAt(long nowMillis) {
        return nowMillis < expiresAt * 1000L;
    }

    public long duration() {
        return Math.max(0, lastActivity - startTime);
    }

    /** The sessions that are not bots. */
    public static List<ActiveSession> humans(List<ActiveSession> sessions) {
        return sessions.stream().filter(s -> !s.bot()).toList();
    }
}
