package io.liveinsight.dashboard.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of the active sessions, newest activity first, after a position (keyset pagination on last activity and
 * session id): a page never repeats or skips a session that stays put while new ones arrive.
 *
 * @param total the sessions shown across all pages
 * @param next where the next page starts, or empty on the last page
 */
public record ActivePage(List<ActiveSession> sessions, int total, Optional<Position> next) {

    private static final Comparator<ActiveSession> NEWEST_ACTIVITY_FIRST =
            Comparator.comparingLong(ActiveSession::lastActivity).reversed().thenComparing(ActiveSession::sessionId);

    /** Where a page stopped: its last session. */
    public record Position(String sessionId, long lastActivity) {}

    public ActivePage {
        sessions = List.copyOf(sessions);
    }

    /**
     * @param all the active sessions, bots included
     * @param bots whether bot sessions are shown
     */
    public static ActivePage of(List<ActiveSession> all, boolean bots, Optional<Position> after, int limit) {
        List<ActiveSession> sorted = new ArrayList<>(bots ? all : ActiveSession.humans(all));
        sorted.sort(NEWEST_ACTIVITY_FIRST);
        int from = 0;
        if (after.isPresent()) {
            ActiveSession position = new ActiveSession(
                    after.get().sessionId(), null, 0, after.get().lastActivity(), null, 0, 0, null, false, 0, Map.of());
            while (from < sorted.size() && NEWEST_ACTIVITY_FIRST.compare(sorted.get(from), position) <= 0) {
                from++;
            }
        }
        List<ActiveSession> page = sorted.subList(from, Math.min(sorted.size(), from + limit));
        Optional<Position> next = Optional.empty();
        if (from + limit < sorted.size() && !page.isEmpty()) {
            ActiveSession last = page.get(page.size() - 1);
            next = Optional.of(new Position(last.sessionId(), last.lastActivity()));
        }
        return new ActivePage(page, sorted.size(), next);
    }
}
