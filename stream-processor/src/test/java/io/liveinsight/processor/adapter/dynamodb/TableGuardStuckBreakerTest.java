package io.liveinsight.processor.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.liveinsight.processor.config.ResilienceSettings;
import io.liveinsight.processor.metrics.InMemoryStreamMetrics;
import io.liveinsight.processor.port.StoreUnavailableException;
import org.junit.jupiter.api.Test;

/**
 * resilience4j #2038: an open breaker can get stuck in a state that recurses on every call until the stack
 * overflows. The chaos run met it after a DynamoDB outage; the guard turns it into "unavailable" and resets the
 * breaker, so the caller's retry reaches the table again.
 */
class TableGuardStuckBreakerTest {

    private final TableGuard guard =
            TableGuard.create("Events", ResilienceSettings.DEFAULTS, new InMemoryStreamMetrics());

    private static StackOverflowError overflowIn(String className) {
        StackOverflowError error = new StackOverflowError();
        error.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(className, "tryAcquirePermission", "CircuitBreakerStateMachine.java", 729)
        });
        return error;
    }

    @Test
    void write_whenTheBreakerOverflowsTheStack_resetsItAndReportsTheTableUnavailable() {
        assertThatThrownBy(() -> guard.write("PutItem", 1, () -> {
                    throw overflowIn(
                            "io.github.resilience4j.circuitbreaker.internal.CircuitBreakerStateMachine$OpenState");
                }))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("circuit breaker reset");

        assertThat(guard.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(guard.write("PutItem", 1, () -> "stored")).isEqualTo("stored");
    }

    @Test
    void write_whenAStackOverflowComesFromElsewhere_letsItThrough() {
        assertThatThrownBy(() -> guard.write("PutItem", 1, () -> {
                    throw overflowIn("io.liveinsight.SomethingRecursive");
                }))
                .isInstanceOf(StackOverflowError.class);
    }
}
