package io.liveinsight.local.coalesce;

import io.liveinsight.event.kinesis.PutRecordsSplitter;
import java.time.Duration;

/**
 * How the local edge gathers concurrent requests into shared PutRecords calls (docs/contract/local.md#coalescing).
 *
 * @param maxInFlight PutRecords rounds at once: more requests wait in the queue and go together in the next round
 * @param maxQueuedRecords records waiting for a round, beyond which a request is refused at once (503)
 * @param maxQueuedBytes bytes (data plus partition keys) waiting for a round, likewise
 * @param budget how long a request may wait for its records to be stored, queue included, before it is answered 503
 */
public record CoalesceSettings(int maxInFlight, int maxQueuedRecords, long maxQueuedBytes, Duration budget) {

    /**
     * One round at a time: kinesis-mock serves one call at a time (one Node.js thread) and spends most of a small
     * call's time on the call itself, not its records, so a second call in flight only splits the waiting requests
     * into smaller rounds and more calls (measured in docs/contract/local.md#coalescing). Raise it for a Kinesis that
     * serves calls in parallel (LocalStack, AWS).
     */
    public static final int DEFAULT_MAX_IN_FLIGHT = 1;

    /** Ten full calls: more than kinesis-mock stores on 2 cores within the default 3 s budget. */
    public static final int DEFAULT_MAX_QUEUED_RECORDS = 10 * PutRecordsSplitter.MAX_RECORDS_PER_CALL;

    /** 32 MiB: at most about six full calls of bytes; a 1 MiB request body never fills it alone. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 32L * 1024 * 1024;

    public CoalesceSettings {
        if (maxInFlight < 1 || maxQueuedRecords < 1 || maxQueuedBytes < 1) {
            throw new IllegalArgumentException("in-flight rounds and queue bounds must be positive");
        }
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be positive");
        }
    }

    public static CoalesceSettings defaults(Duration budget) {
        return new CoalesceSettings(
                DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_QUEUED_RECORDS, DEFAULT_MAX_QUEUED_BYTES, budget);
    }
}
