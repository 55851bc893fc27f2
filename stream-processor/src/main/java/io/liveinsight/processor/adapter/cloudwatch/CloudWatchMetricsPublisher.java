package io.liveinsight.processor.adapter.cloudwatch;

import io.liveinsight.event.contract.MetricNames;
import io.liveinsight.processor.metrics.InMemoryStreamMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Sends what {@link InMemoryStreamMetrics} gathered to CloudWatch every minute, in PutMetricData calls of up to
 * 1,000 datums, asynchronously and off the processing path. A failed call is logged and its figures dropped:
 * CloudWatch trouble never fails or slows processing. Every datum carries the {@code Stage} dimension, per-table ones
 * {@code Table} too.
 */
public final class CloudWatchMetricsPublisher implements AutoCloseable {

    public static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_DATUMS_PER_CALL = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(CloudWatchMetricsPublisher.class);

    private final CloudWatchAsyncClient cloudWatch;
    private final InMemoryStreamMetrics metrics;
    private final String stage;
    private final ScheduledExecutorService timer;

    private CloudWatchMetricsPublisher(CloudWatchAsyncClient cloudWatch, InMemoryStreamMetrics metrics, String stage) {
        this.cloudWatch = cloudWatch;
        this.metrics = metrics;
        this.stage = stage;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "metrics-publisher");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** @param stage the value of every datum's {@code Stage} dimension ({@code ProcessorConfig.stage}) */
    public static CloudWatchMetricsPublisher start(
            CloudWatchAsyncClient cloudWatch, InMemoryStreamMetrics metrics, String stage, Duration interval) {
        CloudWatchMetricsPublisher publisher = new CloudWatchMetricsPublisher(cloudWatch, metrics, stage);
        publisher.timer.scheduleAtFixedRate(
                publisher::publish, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return publisher;
    }

    void publish() {
        List<MetricDatum> datums = datums(metrics.drain(), stage, Instant.now());
        for (int from = 0; from < datums.size(); from += MAX_DATUMS_PER_CALL) {
            List<MetricDatum> call = datums.subList(from, Math.min(datums.size(), from + MAX_DATUMS_PER_CALL));
            cloudWatch
                    .putMetricData(r -> r.namespace(MetricNames.NAMESPACE).metricData(call))
                    .whenComplete((ok, error) -> {
                        if (error != null) {
                            LOG.warn("metrics not sent to CloudWatch ({}); dropped", error.toString());
                        }
                    });
        }
    }

    /**
     * {@code Name} or {@code Name|Table} keys to datums, each with dimension {@code Stage}, per-table ones also
     * {@code Table}; times in milliseconds, the rest counts.
     */
    static List<MetricDatum> datums(Map<String, Double> values, String stage, Instant at) {
        Dimension stageDimension = Dimension.builder()
                .name(MetricNames.STAGE_DIMENSION)
                .value(stage)
                .build();
        List<MetricDatum> datums = new ArrayList<>();
        values.forEach((key, value) -> {
            String[] parts = key.split("\\|", 2);
            MetricDatum.Builder datum = MetricDatum.builder()
                    .metricName(parts[0])
                    .timestamp(at)
                    .value(value)
                    .unit(MetricNames.isMilliseconds(parts[0]) ? StandardUnit.MILLISECONDS : StandardUnit.COUNT);
            if (parts.length == 2) {
                datum.dimensions(
                        stageDimension,
                        Dimension.builder()
                                .name(MetricNames.TABLE_DIMENSION)
                                .value(parts[1])
                                .build());
            } else {
                datum.dimensions(stageDimension);
            }
            datums.add(datum.build());
        });
        return datums;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        publish(); // the last minute's figures
    }
}
