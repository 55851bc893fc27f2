package io.liveinsight.event.contract;

import java.time.Duration;

/** The two 30-minute windows of docs/contract/sessions.md, which are different rules that happen to agree. */
public final class SessionWindows {

    /** A session ends after this long without an event; the next event starts a new one. */
    public static final Duration INACTIVITY = Duration.ofMinutes(30);

    /** A session is active (ActiveSessions, the live view) while its last event is at most this old. */
    public static final Duration ACTIVE = Duration.ofMinutes(30);

    private SessionWindows() {}
}
