package io.liveinsight.ingest.adapter.cloudwatch;

import io.liveinsight.ingest.domain.RejectReason;
import io.liveinsight.ingest.port.IngestMetrics;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * The edge's metrics in CloudWatch Embedded Metric Format: one JSON log line per request (plus one per reject
 * reason), which CloudWatch Logs turns into metrics. No API call on the request path.
 *
 * <p>Per request: {@code IngestRequests}, {@code EventsAccepted}, {@code KinesisPutFailures} with dimension
 * {@code Service}; {@code EventsRejected} with dimensions {@code Service, Reason}.
 */
public final class EmfIngestMetrics implements IngestMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(EmfIngestMetrics.class);

    private final Environment environment;
    private final DimensionSet service;

    public EmfIngestMetrics(Environment environment) {
        this.environment = environment;
        this.service = DimensionSet.of(MetricNames.SERVICE_DIMENSION, MetricNames.SERVICE);
    }

    /**
     * The environment EMF detects (Lambda, or {@code AWS_EMF_ENVIRONMENT}); outside Lambda without that variable,
     * standard output, as {@code AWS_EMF_ENVIRONMENT=Local} would do (never the agent's TCP port, where lines vanish).
     */
    public static EmfIngestMetrics fromEnvironment(Map<String, String> env) {
        if (env.containsKey("AWS_LAMBDA_FUNCTION_NAME") || env.containsKey("AWS_EMF_ENVIRONMENT")) {
            return new EmfIngestMetrics(
                    new EnvironmentProvider().resolveEnvironment().join());
        }
        return new EmfIngestMetrics(new StdoutEnvironment());
    }

    @Override
    public void record(Outcome outcome) {
        try {
            MetricsLogger request = logger(service);
            request.putMetric(MetricNames.REQUESTS, 1, Unit.COUNT);
            request.putMetric(MetricNames.EVENTS_ACCEPTED, outcome.accepted(), Unit.COUNT);
            request.putMetric(MetricNames.KINESIS_PUT_FAILURES, outcome.kinesisPutFailures(), Unit.COUNT);
            request.putProperty("status", outcome.status());
            request.flush();
            for (Map.Entry<RejectReason, Integer> rejected : outcome.rejected().entrySet()) {
                MetricsLogger reason = logger(DimensionSet.of(
                        MetricNames.SERVICE_DIMENSION,
                        MetricNames.SERVICE,
                        MetricNames.REASON_DIMENSION,
                        rejected.getKey().dimension()));
                reason.putMetric(MetricNames.EVENTS_REJECTED, rejected.getValue(), Unit.COUNT);
                reason.flush();
            }
        } catch (RuntimeException e) {
            LOG.warn("metrics not written: {}", e.toString()); // metrics never fail a request
        }
    }

    private MetricsLogger logger(DimensionSet dimensions) {
        MetricsLogger logger = new MetricsLogger(environment);
        logger.setNamespace(MetricNames.NAMESPACE);
        logger.setDimensions(dimensions);
        return logger;
    }
}
