package io.liveinsight.processor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.contract.MetricNames;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryStreamMetricsTest {

    private final InMemoryStreamMetrics metrics = new InMemoryStreamMetrics();

    @Test
    void gauge_whenDrainedOrTotalled_isReadAtThatMoment() {
        AtomicLong age = new AtomicLong();
        metrics.gauge(MetricNames.OLDEST_UNSTORED_BATCH_AGE, age::get);

        assertThat(metrics.drain()).containsEntry(MetricNames.OLDEST_UNSTORED_BATCH_AGE, 0.0);
        age.set(75_000); // a stuck batch ages while nothing reports
        assertThat(metrics.drain()).containsEntry(MetricNames.OLDEST_UNSTORED_BATCH_AGE, 75_000.0);
        assertThat(metrics.totals()).containsEntry(MetricNames.OLDEST_UNSTORED_BATCH_AGE, 75_000.0);
    }

    @Test
    void batchDeadLettered_whenDrained_isCountedThenReset() {
        metrics.batchDeadLettered();
        metrics.batchDeadLettered();

        assertThat(metrics.drain()).containsEntry(MetricNames.BATCHES_DEAD_LETTERED, 2.0);
        assertThat(metrics.drain()).doesNotContainKey(MetricNames.BATCHES_DEAD_LETTERED);
        assertThat(metrics.total(MetricNames.BATCHES_DEAD_LETTERED)).isEqualTo(2.0);
    }

    @Test
    void storeMisconfigured_whenReportedAgainAndRecovered_keepsTheLatestReasonPerTableUntilRecovered() {
        metrics.storeMisconfigured("t-Sessions", "AccessDeniedException: not authorized");
        metrics.storeMisconfigured("t-Events", "ResourceNotFoundException: no table");
        metrics.storeMisconfigured("t-Sessions", "UnrecognizedClientException: bad credentials");

        assertThat(metrics.misconfiguredStores())
                .isEqualTo(Map.of(
                        "t-Events", "ResourceNotFoundException: no table",
                        "t-Sessions", "UnrecognizedClientException: bad credentials"));

        metrics.storeRecovered("t-Sessions");
        metrics.storeRecovered("t-Unknown");

        assertThat(metrics.misconfiguredStores()).containsOnlyKeys("t-Events");
    }
}
