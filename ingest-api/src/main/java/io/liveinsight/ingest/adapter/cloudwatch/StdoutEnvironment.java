package io.liveinsight.ingest.adapter.cloudwatch;

import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ConsoleSink;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

/** EMF lines on standard output, as EMF's Local environment writes them; no agent, no network. */
final class StdoutEnvironment implements Environment {

    private final ISink sink;

    StdoutEnvironment() {
        this(new ConsoleSink());
    }

    StdoutEnvironment(ISink sink) {
        this.sink = sink;
    }

    @Override
    public boolean probe() {
        return true;
    }

    @Override
    public String getName() {
        return "liveinsight-ingest";
    }

    @Override
    public String getType() {
        return "Local";
    }

    @Override
    public String getLogGroupName() {
        return "liveinsight-ingest";
    }

    @Override
    public void configureContext(MetricsContext context) {}

    @Override
    public ISink getSink() {
        return sink;
    }
}
