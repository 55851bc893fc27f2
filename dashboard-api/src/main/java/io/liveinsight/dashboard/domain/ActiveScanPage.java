package io.liveinsight.dashboard.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One page of the active-sessions table: a page of a site's ActiveSessions read in its site index's order, newest
 * start first ({@link ActiveScan}), shown newest activity first within the page. Pages follow one another through the
 * index, so a session that stays put is never repeated nor skipped while others come and go; the order across pages is
 * the start's, not activity's (ordering all of a site's sessions by activity would mean reading them all on every
 * refresh). A replay run's pages come
 * from an index ordered by activity, so they are newest first across pages too.
 *
 * @param total the active sessions, from the rollups (see {@link LiveWindow}), or exactly this page's size
 *     when it is the whole table
 * @param next where the next page starts, or empty on the last page
 */
public record ActiveScanPage(List<ActiveSession> sessions, long total, Optional<ActiveScan.Position> next) {

    private static final Comparator<ActiveSession> NEWEST_ACTIVITY_FIRST =
            Comparator.comparingLong(ActiveSession::lastActivity).reversed().thenComparing(ActiveSession::sessionId);

    public ActiveScanPage {
        sessions = List.copyOf(sessions);
    }

    /**
     * @param scan a page of the table, bots already left out or not
     * @param first whether the page was read from the start of the table
     * @param counted the active sessions as the rollups count them
     */
    public static ActiveScanPage of(ActiveScan scan, boolean first, long counted) {
        List<ActiveSession> sorted = new ArrayList<>(scan.sessions());
        sorted.sort(NEWEST_ACTIVITY_FIRST);
        long total = first && scan.complete() ? sorted.size() : Math.max(counted, sorted.size());
        return new ActiveScanPage(sorted, total, Optional.ofNullable(scan.next()));
    }
}
