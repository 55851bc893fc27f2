package io.liveinsight.ingest.limits;

/** What the limits make of a request's events: all admitted, or none (docs/contract/sites.md#limits). */
public sealed interface Admission {

    Admission ADMITTED = new Admitted();

    /** Every event took its tokens. */
    record Admitted() implements Admission {}

    /**
     * No event was admitted: {@code limit} had no room.
     *
     * @param retryAfterSeconds whole seconds until the request's events fit, at least 1
     */
    record Limited(Limit limit, int retryAfterSeconds) implements Admission {
        public Limited {
            retryAfterSeconds = Math.max(1, retryAfterSeconds);
        }
    }
}
