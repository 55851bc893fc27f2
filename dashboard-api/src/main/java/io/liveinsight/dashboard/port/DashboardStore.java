package io.liveinsight.dashboard.port;

import io.liveinsight.dashboard.domain.ActiveScan;
import io.liveinsight.dashboard.domain.ActiveSession;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the dashboard reads from the three tables. Items come back as JSON-ready maps of their public attributes only
 * (never the consumer's internal ones); page keys are the tables' own keys, which the API turns into opaque cursors.
 */
public interface DashboardStore {

    /** The view field naming the client's session id, the key a session's events are stored under. */
    String CLIENT_SESSION_ID = "client_session_id";

    /** Every ActiveSessions item not expired at {@code nowMillis}, bots included: the whole table, never truncated. */
    List<ActiveSession> activeSessions(long nowMillis);

    /**
     * One page of the ActiveSessions items not expired at {@code nowMillis}, bots left out unless {@code bots}, in the
     * table's own order (its key's hash, not activity), starting after the item with session id {@code after} (null:
     * from the start). A bounded read, never the whole table: the page may hold fewer than {@code limit} sessions when
     * many items are expired but not yet deleted by TTL, and only the last page has no {@link ActiveScan#next}.
     */
    ActiveScan activePage(long nowMillis, String after, int limit, boolean bots);

    /**
     * One session (a client session id, or a segment id {@code <id>~k}) as a <b>session view</b>: the Sessions item's
     * public attributes with {@code current_page} always there when {@code exit_page} is (the processor omits it when
     * equal), plus {@link #CLIENT_SESSION_ID}; never {@code root_session_id} nor any other storage-format detail.
     */
    Optional<Map<String, Object>> session(String sessionId);

    /** Events of a client session id with {@code from <= timestamp <= to} (SessionIndex). */
    Page sessionEvents(
            String clientSessionId, long from, long to, Map<String, Object> start, int limit, boolean ascending);

    /** A user's sessions, newest first (Sessions UserIndex), as session views (see {@link #session}). */
    Page userSessions(String userId, Map<String, Object> start, int limit);

    /** A user's events (Events UserIndex). */
    Page userEvents(String userId, Map<String, Object> start, int limit, boolean ascending);

    /** Whether each table answers: name ({@code events}, {@code sessions}, {@code active_sessions}, {@code stats}). */
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
