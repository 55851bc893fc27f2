package io.liveinsight.ingest.adapter.kinesis;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Jittered exponential backoff for refused PutRecords entries, inside a time budget per request ("full jitter":
 * uniform in [0, min(max, base * 2^attempt)]).
 */
public record RetryPolicy(Duration baseBackoff, Duration maxBackoff, Duration budget) {

    public static final Duration DEFAULT_BASE_BACKOFF = Duration.ofMillis(50);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(1);

    public RetryPolicy {
        if (baseBackoff.isNegative() || baseBackoff.isZero() || maxBackoff.compareTo(baseBackoff) < 0) {
            throw new IllegalArgumentException("need 0 < baseBackoff <= maxBackoff");
        }
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be positive");
        }
    }

    public static RetryPolicy withBudget(Duration budget) {
        return new RetryPolicy(DEFAULT_BASE_BACKOFF, DEFAULT_MAX_BACKOFF, budget);
    }

    /** The wait before retry number {@code attempt + 1} (attempt 0 = after the first call). */
    public Duration backoff(int attempt, RandomGenerator random) {
        long cap = Math.min(maxBackoff.toMillis(), baseBackoff.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(random.nextLong(cap + 1));
    }
}
