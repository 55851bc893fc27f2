package io.liveinsight.event.contract;

import java.time.Duration;

/**
 * The session rules' durations (docs/contract/sessions.md). The inactivity gap and the active window are different
 * rules that happen to agree.
 */
public final class SessionWindows {

    /** A session ends after this long without an event; the next event starts a new one. */
    public static final Duration INACTIVITY = Duration.ofMinutes(30);

    /** No session lasts this long: an event this long after a session's first starts a new one. */
    public static final Duration MAX_DURATION = Duration.ofHours(24);

    /** A session is active (ActiveSessions, the live view) while its last event is at most this old. */
    public static final Duration ACTIVE = Duration.ofMinutes(30);

    private SessionWindows() {}
}
