package io.liveinsight.load.replay;

import java.util.Arrays;

/** Collects latencies (thread-safe) and reports percentiles by the nearest-rank method. */
public final class Latencies {

    private long[] values = new long[1024];
    private int size;

    public synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    public synchronized int count() {
        return size;
    }

    /** The nearest-rank percentile in milliseconds, or 0 when empty. */
    public synchronized double percentileMs(double percentile) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * size);
        return sorted[Math.max(0, Math.min(size, rank) - 1)] / 1e6;
    }
}
