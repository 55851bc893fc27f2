package io.liveinsight.ingest.adapter.kinesis;

import java.time.Duration;

/** Waits; injected so retry tests run without sleeping. */
@FunctionalInterface
public interface Sleeper {

    Sleeper THREAD = duration -> {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    };

    void sleep(Duration duration);
}
