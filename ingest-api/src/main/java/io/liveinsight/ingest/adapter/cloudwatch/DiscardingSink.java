package io.liveinsight.ingest.adapter.cloudwatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.concurrent.CompletableFuture;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

/** Serialises EMF lines and drops them: the work of a real flush, for priming. */
final class DiscardingSink implements ISink {

    @Override
    public void accept(MetricsContext context) {
        try {
            context.serialize();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        return CompletableFuture.completedFuture(null);
    }
}
