package io.liveinsight.ingest.adapter.cloudwatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

/** An EMF environment whose sink keeps the serialised log lines (or only counts them, for benchmarks). */
public final class CapturingEnvironment implements Environment, ISink {

    public final List<String> lines = new ArrayList<>();
    private final boolean keep;
    public long count;

    public CapturingEnvironment(boolean keep) {
        this.keep = keep;
    }

    @Override
    public synchronized void accept(MetricsContext context) {
        try {
            for (String line : context.serialize()) {
                count++;
                if (keep) {
                    lines.add(line);
                }
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean probe() {
        return true;
    }

    @Override
    public String getName() {
        return "test";
    }

    @Override
    public String getType() {
        return "Local";
    }

    @Override
    public String getLogGroupName() {
        return "test";
    }

    @Override
    public void configureContext(MetricsContext context) {}

    @Override
    public ISink getSink() {
        return this;
    }
}
