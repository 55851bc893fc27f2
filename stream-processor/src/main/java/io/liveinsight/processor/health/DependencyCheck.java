package io.liveinsight.processor.health;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * One dependency's answer, asked at most once per {@code ttl}: a storm of health probes costs one call per second.
 * Concurrent callers wait for the one call in flight (bounded by the call's own timeout) rather than start more. A
 * probe that throws counts as down.
 */
public final class DependencyCheck {

    /** How long an answer is reused. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(1);

    private final BooleanSupplier probe;
    private final long ttlNanos;
    private final LongSupplier nanoTime;

    // Guarded by this.
    private boolean up;
    private long checkedAt;
    private boolean checked;

    DependencyCheck(BooleanSupplier probe, Duration ttl, LongSupplier nanoTime) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    public static DependencyCheck cached(BooleanSupplier probe) {
        return new DependencyCheck(probe, DEFAULT_TTL, System::nanoTime);
    }

    /** The last answer if younger than the ttl, else a fresh one. */
    public synchronized boolean up() {
        long now = nanoTime.getAsLong();
        if (!checked || now - checkedAt >= ttlNanos) {
            up = ask(probe);
            checkedAt = nanoTime.getAsLong();
            checked = true;
        }
        return up;
    }

    /** Asks now, uncached; false if the probe throws. */
    public static boolean ask(BooleanSupplier probe) {
        try {
            return probe.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
