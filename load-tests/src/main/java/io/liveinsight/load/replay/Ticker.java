package io.liveinsight.load.replay;

/** A monotonic clock in nanoseconds; tests pass a fake one that a fake {@link io.liveinsight.event.time.Sleeper} moves. */
@FunctionalInterface
public interface Ticker {

    Ticker SYSTEM = System::nanoTime;

    long nanos();
}
