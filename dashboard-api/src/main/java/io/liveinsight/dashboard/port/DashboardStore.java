package io.liveinsight.dashboard.port;

import io.liveinsight.dashboard.domain.ActiveSession;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the dashboard reads from the three tables. Items come back as JSON-ready maps of their public attributes only
 * (never the consumer's internal ones); page keys are the tables' own keys, which the API turns into opaque cursors.
 */
public interface DashboardStore {

    /** Every ActiveSessions item not expired at {@code nowMillis}, bots included: the whole table, never truncated. */
    List<ActiveSession> activeSessions(long nowMillis);

    /** One Sessions item (a client session id, or a segment id {@code <id>~k}). */
    Optional<Map<String, Object>> session(String sessionId);

    /** Events of a client session id with {@code from <= timestamp <= to} (SessionIndex). */
    Page sessionEvents(
            String clientSessionId, long from, long to, Map<String, Object> start, int limit, boolean ascending);

    /** A user's sessions, newest first (Sessions UserIndex). */
    Page userSessions(String userId, Map<String, Object> start, int limit);

    /** A user's events (Events UserIndex). */
    Page userEvents(String userId, Map<String, Object> start, int limit, boolean ascending);

    /** Whether each table answers: name ({@code events}, {@code sessions}, {@code active_sessions}) to up. */
    Map<String, Boolean> health();

    /**
     * One page of items.
     *
     * @param next where the next page starts (the table's key), or null on the last page
     */
    record Page(List<Map<String, Object>> items, Map<String, Object> next) {
        public Page {
            items = List.copyOf(items);
            next = next == null ? null : Map.copyOf(next);
        }
    }
}
