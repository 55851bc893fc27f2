package io.liveinsight.processor.domain;

import io.liveinsight.event.SessionIds;
import io.liveinsight.event.contract.SessionWindows;
import java.time.Duration;

/**
 * The session rules (a gap of more than 30 minutes starts a new session, and none lasts 24 hours), and the ids of
 * the later segments they make: a client's session id names segment 0, later ones get derived ids that no client
 * can send ({@link SessionIds}, the shared contract).
 */
public final class SessionRules {

    public static final Duration INACTIVITY = SessionWindows.INACTIVITY;
    public static final Duration MAX_DURATION = SessionWindows.MAX_DURATION;
    /** ActiveSessions keeps a session for this long after its last activity. */
    public static final Duration ACTIVE_WINDOW = SessionWindows.ACTIVE;
    /**
     * A segment that started this long before the newest one can receive no more events: the edge keeps client
     * times within 24 h (+5 min) of receipt and a stream delivers a session's records in order, so no event can
     * land within 30 minutes of it (24 h cap + 24 h 5 min acceptance + 30 min gap, rounded up). Its item is final
     * and the session stops reading it.
     */
    public static final Duration SEAL_AFTER = Duration.ofHours(49);

    private SessionRules() {}

    /** Segment {@code ordinal} of a client session id (the shared contract: {@link SessionIds}). */
    public static String segmentId(String clientSessionId, int ordinal) {
        return SessionIds.segmentId(clientSessionId, ordinal);
    }

    public static boolean isDerived(String sessionId) {
        return SessionIds.isDerived(sessionId);
    }

    public static String clientSessionId(String sessionId) {
        return SessionIds.clientSessionId(sessionId);
    }

    public static int ordinal(String sessionId) {
        return SessionIds.ordinal(sessionId);
    }

    /** Whether spans [startA, lastA] and [startB, lastB] are one session: no gap over 30 minutes, under 24 hours. */
    static boolean belongTogether(long startA, long lastA, long startB, long lastB) {
        long gap = INACTIVITY.toMillis();
        boolean near = startB <= lastA + gap && startA <= lastB + gap;
        return near && Math.max(lastA, lastB) - Math.min(startA, startB) < MAX_DURATION.toMillis();
    }
}
