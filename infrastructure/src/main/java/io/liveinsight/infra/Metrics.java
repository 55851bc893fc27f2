package io.liveinsight.infra;

import io.liveinsight.event.contract.MetricNames;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.kinesis.IStream;

/** CloudWatch metrics that alarms, scaling and the dashboard share. */
final class Metrics {

    static final Duration PERIOD = Duration.minutes(1);
    /** The environment variable that gives the applications their stage. */
    static final String STAGE_VARIABLE = "STAGE";

    private Metrics() {}

    /** Age of the oldest record read from the stream (polling KCL and event source mappings both read by GetRecords). */
    static Metric iteratorAge(IStream stream) {
        return Metric.Builder.create()
                .namespace("AWS/Kinesis")
                .metricName("GetRecords.IteratorAgeMilliseconds")
                .dimensionsMap(Map.of("StreamName", stream.getStreamName()))
                .statistic("Maximum")
                .period(PERIOD)
                .build();
    }

    /**
     * A LiveInsight metric (the namespace of docs/contract/metrics.md#metrics) of this deployment's stage, summed or
     * averaged per minute: the applications put dimension {@value MetricNames#STAGE_DIMENSION} (their {@code STAGE}) on
     * every metric, so stages sharing an account and region never see each other's figures.
     */
    static Metric liveInsight(InfraConfig config, String name, String statistic, Map<String, String> dimensions) {
        Map<String, String> withStage = new TreeMap<>(dimensions);
        withStage.put(MetricNames.STAGE_DIMENSION, config.stage().id());
        return Metric.Builder.create()
                .namespace(MetricNames.NAMESPACE)
                .metricName(name)
                .dimensionsMap(withStage)
                .statistic(statistic)
                .period(PERIOD)
                .build();
    }

    /**
     * The processor's {@code OldestUnstoredBatchAge} (ms), the maximum per minute: how long the oldest batch received
     * and not yet stored has waited, the largest over shards and workers, so one stuck shard shows however many others
     * advance.
     */
    static Metric oldestUnstoredBatchAge(InfraConfig config) {
        return liveInsight(config, MetricNames.OLDEST_UNSTORED_BATCH_AGE, "Maximum", Map.of());
    }

    static Metric kinesis(String name, IStream stream, String statistic) {
        return Metric.Builder.create()
                .namespace("AWS/Kinesis")
                .metricName(name)
                .dimensionsMap(Map.of("StreamName", stream.getStreamName()))
                .statistic(statistic)
                .period(PERIOD)
                .build();
    }
}
