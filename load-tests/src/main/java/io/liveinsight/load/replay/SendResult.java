package io.liveinsight.load.replay;

import java.util.List;

/**
 * The answer to one attempt.
 *
 * @param status the HTTP status, or 0 when the request did not get an answer (connection error, timeout)
 * @param acceptedEventIds the {@code event_ids} of a 200
 * @param rejectedEvents how many events the answer rejected (a 200's {@code rejected}, all of a 4xx)
 * @param latencyNanos from sending to the whole answer
 * @param retryAfterMs a 503's {@code Retry-After}, 0 when absent
 */
public record SendResult(
        int status, List<String> acceptedEventIds, int rejectedEvents, long latencyNanos, long retryAfterMs) {

    public SendResult {
        acceptedEventIds = List.copyOf(acceptedEventIds);
    }

    /** Worth sending again: nothing was acknowledged (docs/contract/api.md#statuses: 503 means resend). */
    public boolean isRetryable() {
        return status == 0 || status == 429 || status >= 500;
    }
}
