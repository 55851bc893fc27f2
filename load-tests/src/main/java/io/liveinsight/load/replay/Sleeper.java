package io.liveinsight.load.replay;

/** Waits; injected so that pacing and retry tests never sleep. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = nanos -> {
        if (nanos > 0) {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };

    void sleep(long nanos) throws InterruptedException;
}
