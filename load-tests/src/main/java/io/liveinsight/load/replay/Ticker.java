package io.liveinsight.load.replay;

/** A monotonic clock in nanoseconds; tests pass a fake one that a fake {@link Sleeper} moves. */
@FunctionalInterface
public interface Ticker {

    Ticker SYSTEM = System::nanoTime;

    long nanos();
}
