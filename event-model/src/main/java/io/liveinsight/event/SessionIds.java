package io.liveinsight.event;

/**
 * Session ids of the shared contract: a client's own id (1-{@value EventLimits#MAX_SESSION_ID_CHARS} characters,
 * any of them), and the <b>derived ids</b> the processor gives a client session's later segments (after 30 minutes
 * of inactivity, or 24 hours). A derived id is {@code <client id>~<ordinal>~} followed by as many {@code ~} as it
 * takes to pass {@value EventLimits#MAX_SESSION_ID_CHARS} characters, so no id a client may send can equal or read
 * as one, whatever characters it uses. Stripping every trailing {@code ~} and cutting at the last {@code ~} gives
 * back the client id and the ordinal: two segments never share an id. Writers (the processor) and readers (the
 * dashboard, the checks of the load tests) use this one class.
 */
public final class SessionIds {

    public static final char SEPARATOR = '~';

    /** The prefix of every replayed session and user id (ReplayIds); a live event's session id never has it. */
    public static final String REPLAY_PREFIX = "r~";

    private SessionIds() {}

    /** Segment {@code ordinal} of a client session id: the client's id itself for 0, else a derived id. */
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
        return isDerived(sessionId) ? sessionId.substring(0, lastSeparator(sessionId)) : sessionId;
    }

    /** The ordinal of a session id: 0 for a client's id. */
    public static int ordinal(String sessionId) {
        if (!isDerived(sessionId)) {
            return 0;
        }
        return Integer.parseInt(sessionId.substring(lastSeparator(sessionId) + 1, end(sessionId)));
    }

    private static int end(String derived) {
        int end = derived.length();
        while (end > 0 && derived.charAt(end - 1) == SEPARATOR) {
            end--;
        }
        return end;
    }

    private static int lastSeparator(String derived) {
        return derived.lastIndexOf(SEPARATOR, end(derived) - 1);
    }

    /**
     * Null when {@code sessionId} is in the lane of {@code run} (null: the live lane), else why not
     * (docs/contract/replay.md#ids): a live session id never starts with {@link #REPLAY_PREFIX}, a replayed one is always
     * {@code r~<run>~...}. So a session is in one lane only, and its statistics stay under one site.
     */
    public static String laneError(String sessionId, String run) {
        if (sessionId == null) {
            return null;
        }
        if (run == null) {
            return sessionId.startsWith(REPLAY_PREFIX)
                    ? "must not start with " + REPLAY_PREFIX + ": the prefix is kept for replayed sessions"
                    : null;
        }
        return sessionId.startsWith(REPLAY_PREFIX + run + "~") ? null : "is not a session id of replay run " + run;
    }
}
