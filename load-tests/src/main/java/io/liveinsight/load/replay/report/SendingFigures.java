package io.liveinsight.load.replay.report;

import java.util.List;
import java.util.Map;

/**
 * What sending did.
 *
 * @param requests requests sent (each once, however many attempts); {@code requestsPlanned} of the plan
 * @param eventsSent events in them; {@code accepted} the edge acknowledged
 * @param notAcknowledged events sent that no 200 acknowledged (refused, or still unanswered after the last resend)
 * @param edgeRefused events the edge refused although the replay's screen let them through, with the edge's reasons
 * @param resends attempts repeated after a 503 or a connection error
 * @param unavailable 503 answers; {@code connectionErrors} attempts without an answer
 * @param failedRequests requests still unanswered (or 5xx) after the last attempt
 * @param latencyMs p50, p90, p99 and max of every answered attempt
 * @param maxBehindScheduleMs the most a send started late (the sender could not keep the pace)
 * @param byStatus answers by HTTP status (0: no answer)
 * @param stopReason why sending stopped early (the lane refused, the edge unreachable); null when it did not
 */
public record SendingFigures(
        long requests,
        long requestsPlanned,
        long eventsSent,
        long accepted,
        Counted notAcknowledged,
        Counted edgeRefused,
        long resends,
        long unavailable,
        long connectionErrors,
        long failedRequests,
        double seconds,
        double acceptedPerSecond,
        List<Double> latencyMs,
        long maxBehindScheduleMs,
        Map<Integer, Long> byStatus,
        String stopReason) {

    public SendingFigures {
        latencyMs = List.copyOf(latencyMs);
        byStatus = Map.copyOf(byStatus);
    }
}
