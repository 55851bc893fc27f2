package io.liveinsight.dashboard.domain;

import java.util.List;
import java.util.Objects;

/**
 * Active sessions read a page at a time: live ones in the ActiveSessions table's own order (its key's hash:
 * effectively random with respect to activity, page or user), a replay run's newest activity first (Sessions'
 * replay index).
 *
 * @param next where to read on, or null when the sessions were read to their end
 */
public record ActiveScan(List<ActiveSession> sessions, Position next) {

    /**
     * Where a page stopped: the last session read, by its id (a live page goes on after it in the table's order) and
     * its last activity as the replay index held it (a run's page goes on after both; 0 on live pages).
     */
    public record Position(String sessionId, long lastActivity) {

        public Position {
            Objects.requireNonNull(sessionId, "sessionId");
        }

        /** A position in the live table, by session id alone. */
        public static Position after(String sessionId) {
            return new Position(sessionId, 0);
        }
    }

    public ActiveScan {
        sessions = List.copyOf(sessions);
    }

    /** Whether this page reached the end of the sessions. */
    public boolean complete() {
        return next == null;
    }

    /** The sessions still active at {@code nowMillis}, the position kept. */
    public ActiveScan activeAt(long nowMillis) {
        return new ActiveScan(
                sessions.stream().filter(s -> s.activeAt(nowMillis)).toList(), next);
    }
}
