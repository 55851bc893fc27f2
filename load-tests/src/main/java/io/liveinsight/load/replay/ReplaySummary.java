package io.liveinsight.load.replay;

import java.util.Set;

/**
 * What a replay did.
 *
 * @param requests requests sent (each counted once, however many attempts it took)
 * @param eventsSent events in the requests that were not malformed
 * @param accepted events the edge acknowledged (200)
 * @param rejected events the edge refused (listed in a 200's {@code rejected}, or in a 4xx) and malformed requests
 * @param retried attempts repeated after a 503 or a connection error
 * @param failed requests still unanswered or refused with a 5xx after the last attempt
 * @param latency every attempt's latency
 * @param elapsedNanos from the first send to the last answer
 * @param maxBehindScheduleMs the most a send started late (the sender could not keep the pace)
 * @param acceptedEventIds the acknowledged ids, when collected
 */
public record ReplaySummary(
        long requests,
        long eventsSent,
        long accepted,
        long rejected,
        long retried,
        long failed,
        Latencies latency,
        long elapsedNanos,
        long maxBehindScheduleMs,
        Set<String> acceptedEventIds) {

    public double acceptedPerSecond() {
        return elapsedNanos == 0 ? 0 : accepted / (elapsedNanos / 1e9);
    }

    public String describe() {
        return String.format(
                "requests %d, events sent %d, accepted %d, rejected %d, retried %d, failed %d, %.1f s, %.0f accepted events/s,"
                        + " latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, at most %d ms behind schedule",
                requests,
                eventsSent,
                accepted,
                rejected,
                retried,
                failed,
                elapsedNanos / 1e9,
                acceptedPerSecond(),
                latency.percentileMs(50),
                latency.percentileMs(90),
                latency.percentileMs(99),
                latency.percentileMs(100),
                maxBehindScheduleMs);
    }
}
