package io.liveinsight.processor.adapter.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.liveinsight.local.engines.LocalCredentials;
import io.liveinsight.local.engines.Ports;
import io.liveinsight.processor.metrics.InMemoryStreamMetrics;
import io.liveinsight.processor.metrics.MetricNames;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

class CloudWatchMetricsPublisherTest {

    @Test
    void datums_whenPerTableAndTimeMetrics_carryDimensionAndUnit() {
        Instant at = Instant.parse("2026-11-26T12:00:00Z");

        List<MetricDatum> datums = CloudWatchMetricsPublisher.datums(
                Map.of(
                        MetricNames.EVENTS_PROCESSED,
                        120.0,
                        MetricNames.DYNAMODB_THROTTLES + "|LiveInsight-Events",
                        3.0,
                        MetricNames.PROCESSING_TIME,
                        45.5),
                at);

        assertThat(datums).hasSize(3).allSatisfy(d -> assertThat(d.timestamp()).isEqualTo(at));
        MetricDatum throttles = datums.stream()
                .filter(d -> d.metricName().equals(MetricNames.DYNAMODB_THROTTLES))
                .findFirst()
                .orElseThrow();
        assertThat(throttles.dimensions()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("Table");
            assertThat(d.value()).isEqualTo("LiveInsight-Events");
        });
        assertThat(throttles.value()).isEqualTo(3.0);
        assertThat(datums.stream().filter(d -> d.metricName().equals(MetricNames.PROCESSING_TIME)))
                .singleElement()
                .satisfies(d -> assertThat(d.unit()).isEqualTo(StandardUnit.MILLISECONDS));
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
                        CloudWatchMetricsPublisher.start(unreachable, metrics, Duration.ofHours(1))) {

            assertThatCode(publisher::publish).doesNotThrowAnyException();
            metrics.eventsProcessed(5);

            assertThat(metrics.total(MetricNames.EVENTS_PROCESSED)).isEqualTo(15.0);
        }
    }
}
