package io.liveinsight.dashboard.domain;

import java.util.List;

/**
 * Active sessions read a page at a time, in the ActiveSessions table's own order (its key's hash: effectively random
 * with respect to activity, page or user).
 *
 * @param next the session id to read on after, or null when the table was read to its end
 */
public record ActiveScan(List<ActiveSession> sessions, String next) {

    public ActiveScan {
        sessions = List.copyOf(sessions);
    }

    /** Whether this page reached the end of the table. */
    public boolean complete() {
        return next == null;
    }

    /** The sessions still active at {@code nowMillis}, the position kept. */
    public ActiveScan activeAt(long nowMillis) {
        return new ActiveScan(
                sessions.stream().filter(s -> s.activeAt(nowMillis)).toList(), next);
    }
}
