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
    void cover_whenWholeUtcDaysInside_readsThemAsDayItemsAndTheRestAsHours() {
        List<StatsKey> keys =
                StatsKeys.cover(Instant.parse("2026-12-01T22:00:00Z"), Instant.parse("2026-12-04T01:00:00Z"));

        assertThat(keys)
                .extracting(StatsKey::value)
                .containsExactly(
                        "default#h#" + Instant.parse("2026-12-01T22:00:00Z").getEpochSecond(),
                        "default#h#" + Instant.parse("2026-12-01T23:00:00Z").getEpochSecond(),
                        "default#d#" + Instant.parse("2026-12-02T00:00:00Z").getEpochSecond(),
                        "default#d#" + Instant.parse("2026-12-03T00:00:00Z").getEpochSecond(),
                        "default#h#" + Instant.parse("2026-12-04T00:00:00Z").getEpochSecond());
    }

    @Test
    void cover_whenASeoulDay_readsItsHours() {
        List<StatsKey> keys =
                StatsKeys.cover(Instant.parse("2026-12-04T15:00:00Z"), Instant.parse("2026-12-05T15:00:00Z"));

        assertThat(keys).hasSize(24).allMatch(key -> key.resolution() == Resolution.HOUR);
    }

    @Test
    void cover_whenNotOnUtcHours_refuses() {
        assertThatThrownBy(() ->
                        StatsKeys.cover(Instant.parse("2026-12-05T18:30:00Z"), Instant.parse("2026-12-05T20:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void minutes_whenARangeCrossesAnHour_readsEachHoursMinuteItem() {
        List<StatsKey> keys =
                StatsKeys.minutes(Instant.parse("2026-12-06T07:45:00Z"), Instant.parse("2026-12-06T08:05:00Z"));

        assertThat(keys)
                .containsExactly(
                        StatsKey.of(
                                "default",
                                Resolution.MINUTE,
                                Instant.parse("2026-12-06T07:00:00Z").toEpochMilli()),
                        StatsKey.of(
                                "default",
                                Resolution.MINUTE,
                                Instant.parse("2026-12-06T08:00:00Z").toEpochMilli()));
    }

    @Test
    void minutesKeptSince_isTheHourStarted48HoursBeforeTheCurrentOne() {
        assertThat(StatsKeys.minutesKeptSince(Instant.parse("2026-12-06T08:20:00Z")))
                .isEqualTo(Instant.parse("2026-12-04T08:00:00Z"));
    }
}
