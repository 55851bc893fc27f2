package io.liveinsight.dashboard.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The active sessions, read at most once per {@code maxAge}: one page refresh asks for the stats and the table at
 * the same moment, and both are answered from one read of the ActiveSessions table. Concurrent callers wait for the
 * one read in flight instead of starting their own. Expiry is re-checked at every call, so a cached session never
 * outlives its {@code expires_at}.
 */
public final class ActiveSnapshot {

    private final LongFunction<List<ActiveSession>> reader;
    private final Clock clock;
    private final long maxAgeMillis;
    private List<ActiveSession> sessions;
    private long readAt = Long.MIN_VALUE;

    public ActiveSnapshot(LongFunction<List<ActiveSession>> reader, Clock clock, Duration maxAge) {
        this.reader = reader;
        this.clock = clock;
        this.maxAgeMillis = maxAge.toMillis();
    }

    /** The sessions active at {@code now}, from a read no older than the maximum age. */
    public synchronized List<ActiveSession> at(long now) {
        if (sessions == null || now - readAt >= maxAgeMillis || now < readAt) {
            long readTime = clock.millis();
            sessions = List.copyOf(reader.apply(readTime));
            readAt = readTime;
        }
        return sessions.stream().filter(s -> s.activeAt(now)).toList();
    }
}
