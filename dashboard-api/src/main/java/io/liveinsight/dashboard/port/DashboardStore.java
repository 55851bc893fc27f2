package io.liveinsight.dashboard.port;

import io.liveinsight.dashboard.domain.ActiveScan;
import io.liveinsight.dashboard.domain.ActiveSession;
import io.liveinsight.dashboard.domain.Lane;
import io.liveinsight.event.contract.ItemAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the dashboard reads from the tables, as <b>one site</b> sees them (docs/contract/sites.md#isolation): ids go in
 * and come out as the site's clients sent them (the site's keys are the store's business), and another site's items
 * never come back. Items come back as JSON-ready maps of their public attributes only (never the consumer's internal
 * ones); page keys are the tables' own keys in the client's ids, which the API turns into opaque cursors.
 */
public interface DashboardStore {

    /** The same tables as {@code site} sees them (a valid site id: docs/contract/sites.md#site-ids). */
    DashboardStore forSite(String site);

    /** The site this store reads. */
    String site();

    /** The view field naming the client's session id, the key a session's events are stored under. */
    String CLIENT_SESSION_ID = "client_session_id";

    /** The view field naming the replay run of a replayed session or event; absent on live ones. */
    String REPLAY_RUN = ItemAttributes.REPLAY_RUN;

    /**
     * Every live ActiveSessions item of the site not expired at {@code nowMillis}, bots included: never truncated.
     * Replayed sessions are never among them.
     */
    List<ActiveSession> activeSessions(long nowMillis);

    /**
     * One page of the sessions of {@code lane} active at {@code nowMillis}, bots left out unless {@code bots}, starting
     * after {@code after} (null: from the start). A bounded read, never the whole table: the page may hold fewer than
     * {@code limit} sessions when many read are left out (expired but not yet deleted by TTL, bots), and only the last
     * page has no {@link ActiveScan#next}.
     *
     * <ul>
     *   <li>Live: the site's ActiveSessions items newest start first (its site index), replayed ones left out.
     *   <li>A replay run: the run's sessions whose last activity is in the active window, newest first (Sessions'
     *       replay index: docs/contract/replay.md#where-a-run-shows).
     * </ul>
     */
    ActiveScan activePage(Lane lane, long nowMillis, ActiveScan.Position after, int limit, boolean bots);

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
