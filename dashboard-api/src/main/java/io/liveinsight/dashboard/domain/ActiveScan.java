package io.liveinsight.dashboard.domain;

import java.util.List;
import java.util.Objects;

/**
 * Active sessions read a page at a time: a site's live ones newest start first (ActiveSessions' site index,
 * docs/contract/sites.md#isolation), a replay run's newest activity first (Sessions' replay index).
 *
 * @param next where to read on, or null when the sessions were read to their end
 */
public record ActiveScan(List<ActiveSession> sessions, Position next) {

    /**
     * Where a page stopped: the last session read, by the client's session id and the index's sort key as the index
     * held it: its start time on a site's live page, its last activity on a run's. The next page goes on after both.
     */
    public record Position(String sessionId, long sortKey) {

        public Position {
            Objects.requireNonNull(sessionId, "sessionId");
        }

        /** A position by session id alone (sort key 0): for tests and readers that keep no index order. */
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
