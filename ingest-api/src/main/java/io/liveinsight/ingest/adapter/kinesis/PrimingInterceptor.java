package io.liveinsight.ingest.adapter.kinesis;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Stops a request marked with {@link #HEADER} just before it would be sent, after marshalling and signing: the
 * priming call warms the SDK's whole request path without putting anything on the stream.
 */
final class PrimingInterceptor implements ExecutionInterceptor {

    static final String HEADER = "x-liveinsight-priming";

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        if (context.httpRequest().firstMatchingHeader(HEADER).isPresent()) {
            throw new PrimingComplete();
        }
    }

    static boolean stoppedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PrimingComplete) {
                return true;
            }
        }
        return false;
    }

    static final class PrimingComplete extends RuntimeException {
        PrimingComplete() {
            super("priming request stopped before transmission", null, false, false);
        }
    }
}
