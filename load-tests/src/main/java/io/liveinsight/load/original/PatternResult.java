package io.liveinsight.load.original;

import io.liveinsight.load.original.OriginalPattern.Sent;
import java.util.Arrays;
import java.util.List;

/**
 * What the original pattern's users saw: every request's status and latency.
 *
 * @param sent every request, in the order answered
 * @param elapsedNanos from the users' start to the last answer
 */
public record PatternResult(List<Sent> sent, long elapsedNanos) {

    public PatternResult {
        sent = List.copyOf(sent);
    }

    public int requests() {
        return sent.size();
    }

    public long acknowledged() {
        return sent.stream().filter(Sent::acknowledged).count();
    }

    public long non2xx() {
        return requests() - acknowledged();
    }

    public long status(int status) {
        return sent.stream().filter(s -> s.answer().status() == status).count();
    }

    public double successPercent() {
        return sent.isEmpty() ? 0 : 100.0 * acknowledged() / requests();
    }

    public double averageMs() {
        return sent.stream().mapToLong(s -> s.answer().latencyNanos()).average().orElse(0) / 1e6;
    }

    /** Nearest rank, in milliseconds; 0 when nothing was sent. */
    public double percentileMs(double percentile) {
        if (sent.isEmpty()) {
            return 0;
        }
        long[] sorted =
                sent.stream().mapToLong(s -> s.answer().latencyNanos()).sorted().toArray();
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)] / 1e6;
    }

    public double maxMs() {
        return Arrays.stream(sent.stream()
                                .mapToLong(s -> s.answer().latencyNanos())
                                .toArray())
                        .max()
                        .orElse(0)
                / 1e6;
    }

    /** The requests not acknowledged, to be sent again before the tables are checked. */
    public List<Sent> refused() {
        return sent.stream().filter(s -> !s.acknowledged()).toList();
    }
}
