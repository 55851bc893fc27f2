package io.liveinsight.local.coalesce;

import java.time.Duration;
import org.slf4j.Logger;

/**
 * How the rounds went, logged at debug level every {@link #EVERY} while requests flow
 * ({@code -Dorg.slf4j.simpleLogger.log.io.liveinsight.local.coalesce=debug}): requests and records a round, and how
 * long a round's store took.
 */
final class RoundStats {

    static final Duration EVERY = Duration.ofSeconds(5);

    private long since = System.nanoTime();
    private long rounds;
    private long requests;
    private long records;
    private long storeNanos;
    private long maxStoreNanos;

    synchronized void add(int roundRequests, int roundRecords, long nanos, Logger log) {
        rounds++;
        requests += roundRequests;
        records += roundRecords;
        storeNanos += nanos;
        maxStoreNanos = Math.max(maxStoreNanos, nanos);
        long now = System.nanoTime();
        if (now - since < EVERY.toNanos()) {
            return;
        }
        if (log.isDebugEnabled()) {
            log.debug(
                    "{} requests ({} records) in {} rounds over {} ms: {} requests a round, store {} ms on average,"
                            + " {} ms at most",
                    requests,
                    records,
                    rounds,
                    (now - since) / 1_000_000,
                    String.format("%.1f", (double) requests / rounds),
                    String.format("%.1f", storeNanos / 1e6 / rounds),
                    maxStoreNanos / 1_000_000);
        }
        since = now;
        rounds = 0;
        requests = 0;
        records = 0;
        storeNanos = 0;
        maxStoreNanos = 0;
    }
}
