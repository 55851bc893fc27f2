package io.liveinsight.load.replay.send;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The replay second by second (thread-safe): events sent (first attempts) and acknowledged, 503 answers, resends,
 * connection errors, and each second's latency percentiles (nearest rank, of the attempts answered in it).
 */
public final class Timeline {

    /** One second of the replay. */
    public record Second(
            int second,
            long sent,
            long accepted,
            long unavailable,
            long resends,
            long connectionErrors,
            double p50Ms,
            double p90Ms,
            double p99Ms,
            double maxMs) {}

    private final List<Bucket> buckets = new ArrayList<>();

    synchronized void sent(int second, long events) {
        bucket(second).sent += events;
    }

    synchronized void resend(int second) {
        bucket(second).resends++;
    }

    synchronized void answered(int second, int status, long accepted, long latencyNanos) {
        Bucket bucket = bucket(second);
        bucket.accepted += accepted;
        if (status == 503) {
            bucket.unavailable++;
        } else if (status == 0) {
            bucket.connectionErrors++;
        }
        if (status != 0) {
            bucket.latencies.add(latencyNanos);
        }
    }

    public synchronized List<Second> seconds() {
        List<Second> out = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            Bucket b = buckets.get(i);
            long[] sorted = b.latencies.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            out.add(new Second(
                    i,
                    b.sent,
                    b.accepted,
                    b.unavailable,
                    b.resends,
                    b.connectionErrors,
                    rank(sorted, 50),
                    rank(sorted, 90),
                    rank(sorted, 99),
                    rank(sorted, 100)));
        }
        return out;
    }

    /** Nearest-rank percentile in ms; 0 when nothing was answered. */
    static double rank(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)] / 1e6;
    }

    private Bucket bucket(int second) {
        int at = Math.max(0, second);
        while (buckets.size() <= at) {
            buckets.add(new Bucket());
        }
        return buckets.get(at);
    }

    private static final class Bucket {
        long sent;
        long accepted;
        long unavailable;
        long resends;
        long connectionErrors;
        final List<Long> latencies = new ArrayList<>();
    }
}
