package io.liveinsight.infra;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.kinesis.IStream;

/** CloudWatch metrics that alarms, scaling and the dashboard share. */
final class Metrics {

    static final String NAMESPACE = ProcessorPermissions.METRICS_NAMESPACE;
    static final Duration PERIOD = Duration.minutes(1);

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

    /** A LiveInsight metric (SPEC.md's namespace), summed or averaged per minute. */
    static Metric liveInsight(String name, String statistic, Map<String, String> dimensions) {
        return Metric.Builder.create()
                .namespace(NAMESPACE)
                .metricName(name)
                .dimensionsMap(dimensions)
                .statistic(statistic)
                .period(PERIOD)
                .build();
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
