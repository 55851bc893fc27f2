package io.liveinsight.ingest.limits;

/**
 * A token bucket counted in events (docs/contract/sites.md#limits): it holds at most {@code burst} tokens and gains
 * {@code eventsPerSecond} a second. Time is whatever nanosecond counter the caller passes ({@code System.nanoTime} at
 * the edge, a number in tests), so nothing here reads a clock or sleeps. Not thread-safe: the owner locks.
 *
 * <p>A request larger than the burst could never fit; it is let through when the bucket is full and leaves it in
 * debt (below zero), so the client then waits as long as its size takes to refill, and is never refused for ever.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final int eventsPerSecond;
    private final int burst;
    private final double tokensPerNano;
    private double tokens;
    private long last;

    public TokenBucket(int eventsPerSecond, int burst, long nowNanos) {
        if (eventsPerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("eventsPerSecond and burst must be at least 1");
        }
        this.eventsPerSecond = eventsPerSecond;
        this.burst = burst;
        this.tokensPerNano = eventsPerSecond / NANOS_PER_SECOND;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Nanoseconds until {@code events} fit (0: they fit now). */
    public long waitNanos(int events, long nowNanos) {
        refill(nowNanos);
        double need = Math.min(events, burst);
        return tokens >= need ? 0 : (long) Math.ceil((need - tokens) / tokensPerNano);
    }

    /** Takes {@code events} tokens (the caller checked {@link #waitNanos} first). */
    public void take(int events, long nowNanos) {
        refill(nowNanos);
        tokens -= events;
    }

    /** Gives back tokens taken for a request another limit refused (never above the burst). */
    public void refund(int events, long nowNanos) {
        refill(nowNanos);
        tokens = Math.min(burst, tokens + events);
    }

    /** Tokens held now (negative: in debt after a request larger than the burst). */
    public double tokens(long nowNanos) {
        refill(nowNanos);
        return tokens;
    }

    /** Whether this bucket was made for these settings (a site's limits may change in the registry). */
    public boolean hasSettings(int rate, int size) {
        return eventsPerSecond == rate && burst == size;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - last;
        if (elapsed > 0) { // a counter that went back changes nothing
            tokens = Math.min(burst, tokens + elapsed * tokensPerNano);
            last = nowNanos;
        }
    }
}
