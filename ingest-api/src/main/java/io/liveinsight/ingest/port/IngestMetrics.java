package io.liveinsight.ingest.port;

import io.liveinsight.ingest.domain.RejectReason;
import java.util.Map;

/** Where the edge reports what became of each request; implementations must not call a remote API. */
public interface IngestMetrics {

    IngestMetrics NONE = outcome -> {};

    void record(Outcome outcome);

    /**
     * One request's counts.
     *
     * @param accepted events stored in the stream
     * @param rejected events not accepted, by reason (request-level reasons count the request once)
     * @param kinesisPutFailures record entries the stream refused, retries included
     */
    record Outcome(int status, int accepted, Map<RejectReason, Integer> rejected, int kinesisPutFailures) {
        public Outcome {
            rejected = Map.copyOf(rejected);
        }
    }
}
