package io.liveinsight.dashboard.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cites docs/contract/api.md#get-apistatsseries. */
class SeriesTest {

    static Counts events(long events) {
        return new Counts(events, events / 2, 1, 0, 0, 0, 0, 0, 0, 0);
    }

    private static StatsKey key(String t) {
        return StatsKeys.hour(Instant.parse(t));
    }

    @Test
    void of_whenFiveMinutes_addsTheMinuteSlotsOfEachPointAcrossHours() {
        Map<StatsKey, Rollup> rollups = new HashMap<>();
        rollups.put(
                key("2026-12-06T07:00:00Z"),
                new Rollup(Counts.ZERO, Map.of(55, events(2), 59, events(3)), Map.of(), null, List.of()));
        rollups.put(
                key("2026-12-06T08:00:00Z"),
                new Rollup(Counts.ZERO, Map.of(0, events(4), 4, events(1), 5, events(10)), Map.of(), null, List.of()));
        StatsRange range = new StatsRange(
                Instant.parse("2026-12-06T07:55:00Z"), Instant.parse("2026-12-06T08:10:00Z"), ZoneId.of("Asia/Seoul"));

        Series series = Series.of(range, SeriesResolution.FIVE_MINUTES, rollups);

        assertThat(Series.keys(range, SeriesResolution.FIVE_MINUTES))
                .containsExactlyInAnyOrderElementsOf(rollups.keySet());
        assertThat(series.points()).extracting(p -> p.slot().label()).containsExactly("16:55", "17:00", "17:05");
        assertThat(series.points()).extracting(p -> p.counts().events()).containsExactly(5L, 5L, 10L);
        Map<String, Object> first = ((List<Map<String, Object>>) series.toJson().get("points")).get(0);
        assertThat(first)
                .containsEntry("start", "2026-12-06T07:55:00Z")
                .containsEntry("start_ms", Instant.parse("2026-12-06T07:55:00Z").toEpochMilli())
                .containsEntry("label", "16:55")
                .containsEntry("events", 5L)
                .containsEntry("page_views", 2L)
                .containsEntry("sessions", 2L)
                .containsKeys("conversions", "converted_sessions", "bot_events");
    }

    @Test
    void of_whenDaysInNewYorkAcrossDst_addsEachLocalDaysHours() {
        StatsRange range = new StatsRange(
                Instant.parse("2026-03-07T05:00:00Z"),
                Instant.parse("2026-03-10T04:00:00Z"),
                ZoneId.of("America/New_York"));
        Map<StatsKey, Rollup> rollups = new HashMap<>();
        for (StatsKey key : Series.keys(range, SeriesResolution.DAY)) {
            rollups.put(key, Rollup.of(events(1)));
        }

        Series series = Series.of(range, SeriesResolution.DAY, rollups);

        assertThat(Series.keys(range, SeriesResolution.DAY)).allMatch(k -> k.resolution() == Resolution.HOUR);
        assertThat(series.points()).extracting(p -> p.counts().events()).containsExactly(24L, 23L, 24L);
    }

    @Test
    void of_whenUtcDays_addsTheirHours() {
        StatsRange range = new StatsRange(
                Instant.parse("2026-12-04T00:00:00Z"), Instant.parse("2026-12-06T09:00:00Z"), ZoneId.of("UTC"));
        Map<StatsKey, Rollup> rollups = new HashMap<>();
        rollups.put(key("2026-12-04T00:00:00Z"), Rollup.of(events(100)));
        rollups.put(key("2026-12-04T23:00:00Z"), Rollup.of(events(1)));
        rollups.put(key("2026-12-05T12:00:00Z"), Rollup.of(events(200)));
        rollups.put(key("2026-12-06T08:00:00Z"), Rollup.of(events(7)));
        rollups.put(key("2026-12-06T09:00:00Z"), Rollup.of(events(1000))); // after the range

        Series series = Series.of(range, SeriesResolution.DAY, rollups);

        assertThat(Series.keys(range, SeriesResolution.DAY)).hasSize(24 + 24 + 9);
        assertThat(series.points()).extracting(p -> p.counts().events()).containsExactly(101L, 200L, 7L);
        assertThat(series.points())
                .extracting(p -> p.slot().label())
                .containsExactly("2026-12-04", "2026-12-05", "2026-12-06");
    }

    @Test
    void of_whenNothingStored_listsEverySlotWithZeros() {
        StatsRange range = new StatsRange(
                Instant.parse("2026-12-05T09:00:00Z"), Instant.parse("2026-12-06T09:00:00Z"), ZoneId.of("UTC"));

        Series series = Series.of(range, SeriesResolution.HOUR, Map.of());

        assertThat(series.points()).hasSize(24).allMatch(p -> p.counts().isZero());
    }
}
