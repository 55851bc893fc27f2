package io.liveinsight.ingest.adapter.cloudwatch;

import io.liveinsight.event.contract.MetricNames;
import io.liveinsight.ingest.domain.RejectReason;
import io.liveinsight.ingest.port.IngestMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
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
 * <p>Per request: {@code IngestRequests}, {@code EventsAccepted}, {@code KinesisPutFailures} with dimensions
 * {@code Service, Stage}; {@code EventsRejected} with dimensions {@code Service, Reason, Stage}.
 */
public final class EmfIngestMetrics implements IngestMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(EmfIngestMetrics.class);

    private final Environment environment;
    private final String stage;

    /**
     * Loggers are built once per thread and reused: EMF keeps namespace and dimensions across flushes, and building
     * one (its namespace check is a regex) cost more than the rest of a request.
     */
    private final ThreadLocal<Loggers> loggers;

    private final Clock clock;

    /** @param stage the value of every metric's {@code Stage} dimension ({@code IngestConfig.stage}) */
    public EmfIngestMetrics(Environment environment, String stage) {
        this(environment, stage, Clock.systemUTC());
    }

    public EmfIngestMetrics(Environment environment, String stage, Clock clock) {
        this.environment = environment;
        this.stage = stage;
        this.clock = clock;
        this.loggers = ThreadLocal.withInitial(Loggers::new);
    }

    private final class Loggers {
        final MetricsLogger request = logger(DimensionSet.of(
                MetricNames.SERVICE_DIMENSION, MetricNames.INGEST_SERVICE, MetricNames.STAGE_DIMENSION, stage));
        final EnumMap<RejectReason, MetricsLogger> reasons = new EnumMap<>(RejectReason.class);

        MetricsLogger reason(RejectReason reason) {
            return reasons.computeIfAbsent(
                    reason,
                    r -> logger(DimensionSet.of(
                            MetricNames.SERVICE_DIMENSION,
                            MetricNames.INGEST_SERVICE,
                            MetricNames.REASON_DIMENSION,
                            r.dimension(),
                            MetricNames.STAGE_DIMENSION,
                            stage)));
        }
    }

    /**
     * The environment EMF detects (Lambda, or {@code AWS_EMF_ENVIRONMENT}); outside Lambda without that variable,
     * standard output, as {@code AWS_EMF_ENVIRONMENT=Local} would do (never the agent's TCP port, where lines vanish).
     */
    public static EmfIngestMetrics fromEnvironment(Map<String, String> env, String stage) {
        if (env.containsKey("AWS_LAMBDA_FUNCTION_NAME") || env.containsKey("AWS_EMF_ENVIRONMENT")) {
            return new EmfIngestMetrics(
                    new EnvironmentProvider().resolveEnvironment().join(), stage);
        }
        return new EmfIngestMetrics(new StdoutEnvironment(), stage);
    }

    /** Serialises a few lines into a sink that drops them: warms EMF (and its Jackson) for a SnapStart snapshot. */
    public static void prime() {
        EmfIngestMetrics discarding = new EmfIngestMetrics(new StdoutEnvironment(new DiscardingSink()), "priming");
        for (int i = 0; i < 50; i++) {
            discarding.record(new Outcome(200, 1, Map.of(RejectReason.INVALID_FIELD, 1), 0));
        }
    }

    @Override
    public void record(Outcome outcome) {
        try {
            Loggers threadLoggers = loggers.get();
            Instant now = clock.instant(); // a reused logger would otherwise keep its first timestamp
            MetricsLogger request = threadLoggers.request;
            request.setTimestamp(now);
            request.putMetric(MetricNames.INGEST_REQUESTS, 1, Unit.COUNT);
            request.putMetric(MetricNames.EVENTS_ACCEPTED, outcome.accepted(), Unit.COUNT);
            request.putMetric(MetricNames.KINESIS_PUT_FAILURES, outcome.kinesisPutFailures(), Unit.COUNT);
            request.putProperty("status", outcome.status());
            request.flush();
            for (Map.Entry<RejectReason, Integer> rejected : outcome.rejected().entrySet()) {
                MetricsLogger reason = threadLoggers.reason(rejected.getKey());
                reason.setTimestamp(now);
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
