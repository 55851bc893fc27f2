package io.liveinsight.dashboard.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.StatsKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cites docs/contract/api.md#statistics-reads. */
class StatsKeysTest {

    @Test
    void hours_whenARangeOfWholeHours_readsOneHourItemEach() {
        List<StatsKey> keys =
                StatsKeys.hours(Instant.parse("2026-12-01T22:00:00Z"), Instant.parse("2026-12-02T01:00:00Z"));

        assertThat(keys)
                .extracting(StatsKey::value)
                .containsExactly(
                        "default#h#" + Instant.parse("2026-12-01T22:00:00Z").getEpochSecond(),
                        "default#h#" + Instant.parse("2026-12-01T23:00:00Z").getEpochSecond(),
                        "default#h#" + Instant.parse("2026-12-02T00:00:00Z").getEpochSecond());
    }

    @Test
    void hours_whenASeoulDay_readsItsTwentyFourHours() {
        List<StatsKey> keys =
                StatsKeys.hours(Instant.parse("2026-12-04T15:00:00Z"), Instant.parse("2026-12-05T15:00:00Z"));

        assertThat(keys).hasSize(24).allMatch(key -> key.resolution() == Resolution.HOUR);
    }

    @Test
    void hours_whenNotOnUtcHours_refuses() {
        assertThatThrownBy(() ->
                        StatsKeys.hours(Instant.parse("2026-12-05T18:30:00Z"), Instant.parse("2026-12-05T20:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void holding_whenMinutesCrossAnHour_readsEachHourItemHoldingThem() {
        List<StatsKey> keys =
                StatsKeys.holding(Instant.parse("2026-12-06T07:45:00Z"), Instant.parse("2026-12-06T08:05:00Z"));

        assertThat(keys)
                .containsExactly(
                        StatsKey.of(
                                "default",
                                Resolution.HOUR,
                                Instant.parse("2026-12-06T07:00:00Z").toEpochMilli()),
                        StatsKey.of(
                                "default",
                                Resolution.HOUR,
                                Instant.parse("2026-12-06T08:00:00Z").toEpochMilli()));
    }
}
