package io.liveinsight.processor.config;

import java.time.Duration;
import java.util.Map;

/**
 * Retry and throttling protection per table (Resilience4j). SDK retries are off for the table client, so this is
 * the only short-term retry; above it the batch writer keeps backing off (without checkpointing) for as long as a
 * table stays unavailable.
 *
 * @param retryAttempts attempts per write, first included ({@code DYNAMODB_RETRY_ATTEMPTS})
 * @param retryBase first backoff, doubled each retry with full jitter ({@code DYNAMODB_RETRY_BASE_MS})
 * @param retryMax backoff ceiling ({@code DYNAMODB_RETRY_MAX_MS})
 * @param writeUnitsPerSecond cap on write units per second per table, 0 for none ({@code DYNAMODB_MAX_WCU}; for
 *     provisioned tables)
 * @param breakerFailureRate percent of failed calls (of the last {@code breakerWindow}) that opens the breaker
 * @param breakerWindow calls in the breaker's sliding window
 * @param breakerOpenFor how long an open breaker refuses calls before probing ({@code DYNAMODB_BREAKER_OPEN_MS})
 */
public record ResilienceSettings(
        int retryAttempts,
        Duration retryBase,
        Duration retryMax,
        int writeUnitsPerSecond,
        float breakerFailureRate,
        int breakerWindow,
        Duration breakerOpenFor) {

    public static final ResilienceSettings DEFAULTS =
            new ResilienceSettings(4, Duration.ofMillis(50), Duration.ofSeconds(2), 0, 50f, 20, Duration.ofSeconds(5));

    public ResilienceSettings {
        if (retryAttempts < 1) {
            throw new IllegalArgumentException("DYNAMODB_RETRY_ATTEMPTS must be at least 1");
        }
        if (retryBase.isNegative() || retryBase.isZero() || retryMax.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("retry backoff must be positive with max >= base");
        }
        if (writeUnitsPerSecond < 0) {
            throw new IllegalArgumentException("DYNAMODB_MAX_WCU must be 0 (no cap) or positive");
        }
        if (breakerFailureRate <= 0 || breakerFailureRate > 100 || breakerWindow < 1) {
            throw new IllegalArgumentException("breaker failure rate must be in (0, 100] and window >= 1");
        }
    }

    static ResilienceSettings fromEnvironment(Map<String, String> env) {
        return new ResilienceSettings(
                Integer.parseInt(env.getOrDefault("DYNAMODB_RETRY_ATTEMPTS", Integer.toString(DEFAULTS.retryAttempts))),
                millis(env, "DYNAMODB_RETRY_BASE_MS", DEFAULTS.retryBase),
                millis(env, "DYNAMODB_RETRY_MAX_MS", DEFAULTS.retryMax),
                Integer.parseInt(env.getOrDefault("DYNAMODB_MAX_WCU", "0")),
                DEFAULTS.breakerFailureRate,
                DEFAULTS.breakerWindow,
                millis(env, "DYNAMODB_BREAKER_OPEN_MS", DEFAULTS.breakerOpenFor));
    }

    private static Duration millis(Map<String, String> env, String name, Duration fallback) {
        String value = env.get(name);
        return value == null ? fallback : Duration.ofMillis(Long.parseLong(value));
    }
}
