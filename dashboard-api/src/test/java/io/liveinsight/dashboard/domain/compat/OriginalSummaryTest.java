package io.liveinsight.dashboard.domain.compat;

import static io.liveinsight.dashboard.support.Rollups.events;
import static io.liveinsight.dashboard.support.Rollups.sessions;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.stats.Counts;
import org.junit.jupiter.api.Test;

class OriginalSummaryTest {

    @Test
    void of_whenSessions_givesSecondsAndAPercentageRoundedToTwoDecimals() {
        Counts counts = events(10, 7).plus(sessions(3, 100_000, 1));

        OriginalSummary summary = OriginalSummary.of(counts);

        assertThat(summary.totalSessions()).isEqualTo(3);
        assertThat(summary.totalEvents()).isEqualTo(10);
        assertThat(summary.avgSessionSeconds()).isEqualTo(33.33);
        assertThat(summary.conversionRatePercent()).isEqualTo(33.33);
    }

    @Test
    void of_whenNoSession_isZeroNotNaN() {
        OriginalSummary summary = OriginalSummary.of(events(5, 5));

        assertThat(summary.avgSessionSeconds()).isZero();
        assertThat(summary.conversionRatePercent()).isZero();
    }
}
