package io.liveinsight.processor.domain;

import java.time.Duration;

/** SPEC.md's session rules: a gap of more than 30 minutes starts a new session, and none lasts 24 hours. */
public final class SessionRules {

    public static final Duration INACTIVITY = Duration.ofMinutes(30);
    public static final Duration MAX_DURATION = Duration.ofHours(24);
    /** ActiveSessions keeps a session for this long after its last activity. */
    public static final Duration ACTIVE_WINDOW = Duration.ofMinutes(30);
    /** Separates a client's session id from the number of a later segment: {@code s1~1}, {@code s1~2}. */
    public static final String SEGMENT_SEPARATOR = "~";

    private SessionRules() {}

    public static String segmentId(String clientSessionId, int ordinal) {
        return ordinal == 0 ? clientSessionId : clientSessionId + SEGMENT_SEPARATOR + ordinal;
    }

    /** Whether spans [startA, lastA] and [startB, lastB] are one session: no gap over 30 minutes, under 24 hours. */
    static boolean belongTogether(long startA, long lastA, long startB, long lastB) {
        long gap = INACTIVITY.toMillis();
        boolean near = startB <= lastA + gap && startA <= lastB + gap;
        return near && Math.max(lastA, lastB) - Math.min(startA, startB) < MAX_DURATION.toMillis();
    }
}
