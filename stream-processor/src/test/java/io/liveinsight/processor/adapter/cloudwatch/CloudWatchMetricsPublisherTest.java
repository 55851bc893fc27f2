package io.liveinsight.processor.adapter.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;

import io.liveinsight.event.contract.MetricNames;
import io.liveinsight.local.engines.LocalCredentials;
import io.liveinsight.local.engines.Ports;
import io.liveinsight.processor.metrics.InMemoryStreamMetrics;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

class CloudWatchMetricsPublisherTest {

    @Test
    void datums_whenPerTableAndTimeMetrics_carryStageAndTableDimensionsAndUnit() {
        Instant at = Instant.parse("2026-11-26T12:00:00Z");

        List<MetricDatum> datums = CloudWatchMetricsPublisher.datums(
                Map.of(
                        MetricNames.EVENTS_PROCESSED,
                        120.0,
                        MetricNames.DYNAMODB_THROTTLES + "|LiveInsight-Events",
                        3.0,
                        MetricNames.PROCESSING_TIME,
                        45.5),
                "prod",
                at);

        assertThat(datums).hasSize(3).allSatisfy(d -> assertThat(d.timestamp()).isEqualTo(at));
        MetricDatum throttles = datum(datums, MetricNames.DYNAMODB_THROTTLES);
        assertThat(throttles.dimensions())
                .extracting(Dimension::name, Dimension::value)
                .containsExactly(tuple("Stage", "prod"), tuple("Table", "LiveInsight-Events"));
        assertThat(throttles.value()).isEqualTo(3.0);
        assertThat(datum(datums, MetricNames.EVENTS_PROCESSED).dimensions())
                .extracting(Dimension::name, Dimension::value)
                .containsExactly(tuple("Stage", "prod"));
        assertThat(datum(datums, MetricNames.PROCESSING_TIME).unit()).isEqualTo(StandardUnit.MILLISECONDS);
    }

    @Test
    void datums_whenAnyMetric_carryTheStageGiven() {
        InMemoryStreamMetrics metrics = new InMemoryStreamMetrics();
        metrics.eventsProcessed(4);
        metrics.processingTime(Duration.ofMillis(12));
        metrics.batchSize(3);
        metrics.poisonRecords(1);
        metrics.deadLettered(1);
        metrics.throttled("t-Sessions");
        metrics.retryAttempt("t-Events");
        metrics.writeUnits("t-Events", 2.5);
        metrics.batchDeadLettered();
        metrics.gauge(MetricNames.MILLIS_BEHIND_LATEST, () -> 1_200);
        metrics.gauge(MetricNames.OLDEST_UNSTORED_BATCH_AGE, () -> 61_000);

        List<MetricDatum> datums = CloudWatchMetricsPublisher.datums(metrics.drain(), "dev", Instant.now());

        assertThat(datums).hasSize(11).allSatisfy(d -> assertThat(d.dimensions())
                .as(d.metricName())
                .filteredOn(dimension -> dimension.name().equals(MetricNames.STAGE_DIMENSION))
                .extracting(Dimension::value)
                .containsExactly("dev"));
    }

    @Test
    void datums_whenLagAndUnstoredAge_areMilliseconds() {
        List<MetricDatum> datums = CloudWatchMetricsPublisher.datums(
                Map.of(
                        MetricNames.MILLIS_BEHIND_LATEST,
                        1_200.0,
                        MetricNames.OLDEST_UNSTORED_BATCH_AGE,
                        61_000.0,
                        MetricNames.BATCHES_DEAD_LETTERED,
                        1.0),
                "dev",
                Instant.now());

        assertThat(datum(datums, MetricNames.MILLIS_BEHIND_LATEST).unit()).isEqualTo(StandardUnit.MILLISECONDS);
        assertThat(datum(datums, MetricNames.OLDEST_UNSTORED_BATCH_AGE).unit()).isEqualTo(StandardUnit.MILLISECONDS);
        assertThat(datum(datums, MetricNames.BATCHES_DEAD_LETTERED).unit()).isEqualTo(StandardUnit.COUNT);
    }

    private static MetricDatum datum(List<MetricDatum> datums, String name) {
        return datums.stream()
                .filter(d -> d.metricName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void publish_whenCloudWatchUnreachable_neverThrowsAndKeepsRecording() {
        InMemoryStreamMetrics metrics = new InMemoryStreamMetrics();
        metrics.eventsProcessed(10);
        try (CloudWatchAsyncClient unreachable = CloudWatchAsyncClient.builder()
                        .endpointOverride(URI.create("http://127.0.0.1:" + Ports.resolve(0)))
                        .region(LocalCredentials.REGION)
                        .credentialsProvider(LocalCredentials.provider())
                        .build();
                CloudWatchMetricsPublisher publisher =
                        CloudWatchMetricsPublisher.start(unreachable, metrics, "dev", Duration.ofHours(1))) {

            assertThatCode(publisher::publish).doesNotThrowAnyException();
            metrics.eventsProcessed(5);

            assertThat(metrics.total(MetricNames.EVENTS_PROCESSED)).isEqualTo(15.0);
        }
    }
}
