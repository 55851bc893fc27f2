package io.liveinsight.local.engines.fault;

import java.util.function.UnaryOperator;

/** What to do with one request; the partial modes compute it from the request alone. */
sealed interface Plan {

    /** Send the request upstream unchanged and return the answer unchanged. */
    record ForwardAsIs() implements Plan {}

    /** Answer ProvisionedThroughputExceededException without going upstream. */
    record Throttle() implements Plan {}

    /** Answer without going upstream, reporting {@code failedEntries} entries as not written. */
    record Answer(ProxyResponse response, int failedEntries) implements Plan {}

    /**
     * Send a rewritten request; when upstream answers 200, {@code merge} turns that answer into the one for the
     * original request, which reports {@code failedEntries} more entries as not written.
     */
    record ForwardRewritten(ProxyRequest request, UnaryOperator<ProxyResponse> merge, int failedEntries)
            implements Plan {}
}
