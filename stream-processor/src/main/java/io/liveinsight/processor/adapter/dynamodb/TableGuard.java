package io.liveinsight.processor.adapter.dynamodb;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.liveinsight.processor.config.ResilienceSettings;
import io.liveinsight.processor.port.StreamMetrics;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resilience4j for one table ({@code dynamodb-<table>}): a RateLimiter capping write units per second, a
 * CircuitBreaker that stops calling a table that is down (5xx, no connection; throttling does not count: a busy
 * table needs backoff, not a pause), and a Retry with jittered exponential backoff for throttling, 5xx and
 * connection errors. Other errors (a failed condition, a validation error) pass straight
 * through to the caller and never open the breaker.
 */
public final class TableGuard {

    private static final Logger LOG = LoggerFactory.getLogger(TableGuard.class);

    private final String table;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final RateLimiter limiter;
    private final int permitsPerSecond;

    private TableGuard(String table, Retry retry, CircuitBreaker breaker, RateLimiter limiter, int permitsPerSecond) {
        this.table = table;
        this.retry = retry;
        this.breaker = breaker;
        this.limiter = limiter;
        this.permitsPerSecond = permitsPerSecond;
    }

    public static TableGuard create(String table, ResilienceSettings settings, StreamMetrics metrics) {
        String name = "dynamodb-" + table;
        RetryConfig retryConfig = RetryConfig.custom()
                .maxAttempts(settings.retryAttempts())
                .intervalBiFunction(fullJitter(settings.retryBase(), settings.retryMax()))
                .retryOnException(DynamoDbErrors::isRetryable)
                .build();
        Retry retry = Retry.of(name, retryConfig);
        retry.getEventPublisher().onRetry(event -> {
            metrics.retryAttempt(table);
            if (DynamoDbErrors.isThrottle(event.getLastThrowable())) {
                metrics.throttled(table);
            }
        });
        CircuitBreaker breaker = CircuitBreaker.of(
                name,
                CircuitBreakerConfig.custom()
                        .failureRateThreshold(settings.breakerFailureRate())
                        .slidingWindowSize(settings.breakerWindow())
                        .minimumNumberOfCalls(Math.min(settings.breakerWindow(), 10))
                        .waitDurationInOpenState(settings.breakerOpenFor())
                        .permittedNumberOfCallsInHalfOpenState(3)
                        .recordException(DynamoDbErrors::isOutage)
                        .build());
        RateLimiter limiter = settings.writeUnitsPerSecond() == 0
                ? null
                : RateLimiter.of(
                        name,
                        RateLimiterConfig.custom()
                                .limitForPeriod(settings.writeUnitsPerSecond())
                                .limitRefreshPeriod(Duration.ofSeconds(1))
                                .timeoutDuration(Duration.ofMinutes(1))
                                .build());
        return new TableGuard(table, retry, breaker, limiter, settings.writeUnitsPerSecond());
    }

    /** Full jitter: uniform in [base, min(max, base * 2^(attempt-1))]. */
    static IntervalBiFunction<Object> fullJitter(Duration base, Duration max) {
        return (attempt, either) -> {
            long cap = Math.min(max.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
            return base.toMillis() + ThreadLocalRandom.current().nextLong(Math.max(1, cap - base.toMillis() + 1));
        };
    }

    /**
     * Runs a write that uses about {@code writeUnits}. Throws {@link io.liveinsight.processor.port.StoreUnavailableException}
     * when the table stays unavailable; other SDK errors pass through.
     */
    public <T> T write(String operation, int writeUnits, Supplier<T> call) {
        if (limiter != null) {
            limiter.acquirePermission(Math.min(Math.max(1, writeUnits), permitsPerSecond));
        }
        return read(operation, call);
    }

    /** Runs a call without rate limiting (reads). */
    public <T> T read(String operation, Supplier<T> call) {
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, call))
                    .get();
        } catch (CallNotPermittedException e) {
            throw DynamoDbErrors.unavailable(operation + " " + table + " (circuit open)", e);
        } catch (StackOverflowError e) {
            if (!inBreaker(e)) {
                throw e;
            }
            // resilience4j issue #2038 (open in 2.4.0): an open breaker can be left holding an OPEN state that no
            // longer transitions, and every call then recurses without end. Closing it starts a fresh state; the
            // call counts as unavailable and is retried by the caller.
            LOG.warn("circuit breaker of {} stuck in its open state (resilience4j #2038); reset", table);
            breaker.reset();
            throw DynamoDbErrors.unavailable(operation + " " + table + " (circuit breaker reset)", e);
        } catch (RuntimeException e) {
            if (DynamoDbErrors.isRetryable(e)) {
                throw DynamoDbErrors.unavailable(operation + " " + table, e);
            }
            throw e;
        }
    }

    private static boolean inBreaker(StackOverflowError e) {
        StackTraceElement[] frames = e.getStackTrace();
        return frames.length > 0
                && java.util.Arrays.stream(frames).limit(64).anyMatch(f -> f.getClassName()
                        .startsWith("io.github.resilience4j.circuitbreaker."));
    }

    /** Write units still available this second (the limit when there is no limiter). */
    public int availableWriteUnits() {
        return limiter == null ? Integer.MAX_VALUE : limiter.getMetrics().getAvailablePermissions();
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }
}
