package io.liveinsight.dashboard.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cites docs/contract/api.md#statistics-ranges. */
class SlotTest {

    private static StatsRange range(String from, String to, String zone) {
        return new StatsRange(Instant.parse(from), Instant.parse(to), ZoneId.of(zone));
    }

    private static List<Long> hours(List<Slot> slots) {
        return slots.stream()
                .map(s -> Duration.between(s.start(), s.end()).toHours())
                .toList();
    }

    @Test
    void days_whenNewYorkSpringsForward_theSundayHas23Hours() {
        List<Slot> days = Slot.of(
                range("2026-03-07T05:00:00Z", "2026-03-10T04:00:00Z", "America/New_York"), SeriesResolution.DAY);

        assertThat(days).extracting(Slot::label).containsExactly("2026-03-07", "2026-03-08", "2026-03-09");
        assertThat(hours(days)).containsExactly(24L, 23L, 24L);
    }

    @Test
    void days_whenNewYorkFallsBack_theSundayHas25Hours() {
        List<Slot> days = Slot.of(
                range("2026-10-31T04:00:00Z", "2026-11-03T05:00:00Z", "America/New_York"), SeriesResolution.DAY);

        assertThat(days).extracting(Slot::label).containsExactly("2026-10-31", "2026-11-01", "2026-11-02");
        assertThat(hours(days)).containsExactly(24L, 25L, 24L);
    }

    @Test
    void days_whenSeoul_startAt15Utc() {
        List<Slot> days =
                Slot.of(range("2026-12-04T15:00:00Z", "2026-12-06T15:00:00Z", "Asia/Seoul"), SeriesResolution.DAY);

        assertThat(days)
                .extracting(Slot::start)
                .containsExactly(Instant.parse("2026-12-04T15:00:00Z"), Instant.parse("2026-12-05T15:00:00Z"));
        assertThat(days).extracting(Slot::label).containsExactly("2026-12-05", "2026-12-06");
    }

    @Test
    void days_whenKolkata_startOnTheUtcHourBeforeLocalMidnightAndKeepTheLocalDate() {
        List<Slot> days =
                Slot.of(range("2026-12-04T18:00:00Z", "2026-12-06T18:00:00Z", "Asia/Kolkata"), SeriesResolution.DAY);

        assertThat(days)
                .extracting(Slot::start)
                .containsExactly(Instant.parse("2026-12-04T18:00:00Z"), Instant.parse("2026-12-05T18:00:00Z"));
        assertThat(days).extracting(Slot::label).containsExactly("2026-12-05", "2026-12-06");
    }

    @Test
    void days_whenTheRangeCutsTheFirstAndLastDay_clipsThem() {
        List<Slot> days = Slot.of(range("2026-12-01T09:00:00Z", "2026-12-03T09:00:00Z", "UTC"), SeriesResolution.DAY);

        assertThat(days).extracting(Slot::label).containsExactly("2026-12-01", "2026-12-02", "2026-12-03");
        assertThat(hours(days)).containsExactly(15L, 24L, 9L);
        assertThat(days.get(0).start()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
    }

    @Test
    void hours_whenKolkata_areLabelledOnTheLocalHalfHour() {
        List<Slot> hours =
                Slot.of(range("2026-12-05T18:00:00Z", "2026-12-05T20:00:00Z", "Asia/Kolkata"), SeriesResolution.HOUR);

        assertThat(hours).extracting(Slot::label).containsExactly("23:30", "00:30");
    }

    @Test
    void fiveMinutes_whenSeoul_areLabelledInLocalTime() {
        List<Slot> slots = Slot.of(
                range("2026-12-06T08:00:00Z", "2026-12-06T08:15:00Z", "Asia/Seoul"), SeriesResolution.FIVE_MINUTES);

        assertThat(slots).extracting(Slot::label).containsExactly("17:00", "17:05", "17:10");
        assertThat(Slot.count(range("2026-12-06T08:00:00Z", "2026-12-06T08:15:00Z", "UTC"), SeriesResolution.MINUTE))
                .isEqualTo(15);
    }
}
