package io.liveinsight.processor.domain;

import io.liveinsight.event.EventLimits;
import java.time.Duration;

/**
 * The session rules (docs: a gap of more than 30 minutes starts a new session, and none lasts 24 hours) and the ids
 * of the sessions they derive.
 *
 * <p>A client's session id names segment 0; later segments get a <b>derived id</b> that no client can send: it is
 * always longer than the {@value EventLimits#MAX_SESSION_ID_CHARS} characters the validator accepts for a
 * {@code session_id}, whatever characters the client used. The form is {@code <client id>~<ordinal>~} followed by
 * as many {@code ~} as it takes to pass that length. Stripping every trailing {@code ~} and cutting at the last
 * {@code ~} gives back the client id and the ordinal, so two different (id, ordinal) pairs never share a derived id.
 */
public final class SessionRules {

    public static final Duration INACTIVITY = Duration.ofMinutes(30);
    public static final Duration MAX_DURATION = Duration.ofHours(24);
    /** ActiveSessions keeps a session for this long after its last activity. */
    public static final Duration ACTIVE_WINDOW = Duration.ofMinutes(30);
    /**
     * A segment that started this long before the newest one can receive no more events: the edge keeps client
     * times within 24 h (+5 min) of receipt and a stream delivers a session's records in order, so no event can
     * land within 30 minutes of it (24 h cap + 24 h 5 min acceptance + 30 min gap, rounded up). Its item is final
     * and the session stops reading it.
     */
    public static final Duration SEAL_AFTER = Duration.ofHours(49);

    static final char SEPARATOR = '~';

    private SessionRules() {}

    public static String segmentId(String clientSessionId, int ordinal) {
        if (ordinal < 0) {
            throw new IllegalArgumentException("ordinal " + ordinal);
        }
        if (ordinal == 0) {
            return clientSessionId;
        }
        StringBuilder id = new StringBuilder(clientSessionId)
                .append(SEPARATOR)
                .append(ordinal)
                .append(SEPARATOR);
        int length = id.codePointCount(0, id.length());
        while (length <= EventLimits.MAX_SESSION_ID_CHARS) {
            id.append(SEPARATOR);
            length++;
        }
        return id.toString();
    }

    /** True for ids only the processor makes: no client-sent session id is this long. */
    public static boolean isDerived(String sessionId) {
        return sessionId.codePointCount(0, sessionId.length()) > EventLimits.MAX_SESSION_ID_CHARS;
    }

    /** The client's session id a derived id came from (the id itself for a client id). */
    public static String clientSessionId(String sessionId) {
        if (!isDerived(sessionId)) {
            return sessionId;
        }
        int end = sessionId.length();
        while (end > 0 && sessionId.charAt(end - 1) == SEPARATOR) {
            end--;
        }
        return sessionId.substring(0, sessionId.lastIndexOf(SEPARATOR, end - 1));
    }

    /** The ordinal of a session id: 0 for a client's id. */
    public static int ordinal(String sessionId) {
        if (!isDerived(sessionId)) {
            return 0;
        }
        int end = sessionId.length();
        while (end > 0 && sessionId.charAt(end - 1) == SEPARATOR) {
            end--;
        }
        return Integer.parseInt(sessionId.substring(sessionId.lastIndexOf(SEPARATOR, end - 1) + 1, end));
    }

    /** Whether spans [startA, lastA] and [startB, lastB] are one session: no gap over 30 minutes, under 24 hours. */
    static boolean belongTogether(long startA, long lastA, long startB, long lastB) {
        long gap = INACTIVITY.toMillis();
        boolean near = startB <= lastA + gap && startA <= lastB + gap;
        return near && Math.max(lastA, lastB) - Math.min(startA, startB) < MAX_DURATION.toMillis();
    }
}
