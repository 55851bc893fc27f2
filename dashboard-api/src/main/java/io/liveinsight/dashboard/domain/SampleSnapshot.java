package io.liveinsight.dashboard.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongFunction;

/**
 * The sample of active sessions the live figures need beyond the rollups (see {@link RealtimeStats}), read at most
 * once per {@code maxAge}: every request of the same moment, from any viewer served by this container, is answered
 * from one read. Concurrent callers wait for the one read in flight instead of starting their own. Expiry is
 * re-checked at every call, so a cached session never outlives its {@code expires_at}.
 */
public final class SampleSnapshot {

    private final LongFunction<ActiveScan> reader;
    private final Clock clock;
    private final long maxAgeMillis;
    private ActiveScan scan;
    private long readAt = Long.MIN_VALUE;

    public SampleSnapshot(LongFunction<ActiveScan> reader, Clock clock, Duration maxAge) {
        this.reader = reader;
        this.clock = clock;
        this.maxAgeMillis = maxAge.toMillis();
    }

    /** The sessions active at {@code now}, from a read no older than the maximum age. */
    public synchronized ActiveScan at(long now) {
        if (scan == null || now - readAt >= maxAgeMillis || now < readAt) {
            long readTime = clock.millis();
            scan = reader.apply(readTime);
            readAt = readTime;
        }
        return scan.activeAt(now);
    }
}
