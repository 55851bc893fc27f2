package io.liveinsight.load.replay;

/**
 * How the tracker groups a session's events into requests: a full batch goes at once, an incomplete one after the
 * flush interval (tracker.js {@code batchSize} 10, {@code flushInterval} 5000 ms).
 */
public record TrackerBatching(int batchSize, long flushIntervalMs) {

    public static final TrackerBatching TRACKER_DEFAULTS = new TrackerBatching(10, 5_000);
    /** One event per request, what the original LiveInsight client did. */
    public static final TrackerBatching ONE_PER_REQUEST = new TrackerBatching(1, 0);

    public TrackerBatching {
        if (batchSize < 1 || batchSize > 500 || flushIntervalMs < 0) {
            throw new IllegalArgumentException("batchSize in [1, 500], flushIntervalMs >= 0");
        }
    }
}
