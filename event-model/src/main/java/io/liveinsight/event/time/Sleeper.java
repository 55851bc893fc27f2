package io.liveinsight.event.time;

import java.time.Duration;

/**
 * Waits. Injected wherever code backs off or paces itself, so tests assert the waits instead of sleeping; time itself
 * is read from a {@link java.time.Clock} (or a monotonic ticker), never from the sleeper.
 */
@FunctionalInterface
public interface Sleeper {

    /** The real one: {@link Thread#sleep(Duration)}; a zero or negative duration returns at once. */
    Sleeper SYSTEM = duration -> {
        if (duration.isPositive()) {
            Thread.sleep(duration);
        }
    };

    /** Waits for {@code duration}; an interrupt ends the wait with {@link InterruptedException}. */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Waits like {@link #sleep}, for callers that cannot stop on an interrupt: an interrupt ends the wait early and
     * is kept as the thread's interrupt status for the caller's next blocking call.
     */
    default void pause(Duration duration) {
        try {
            sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
