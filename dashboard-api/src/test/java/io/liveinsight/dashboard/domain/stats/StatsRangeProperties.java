package io.liveinsight.dashboard.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * For any time zone the JDK knows, any start and length: points tile the range, the items read hold every minute of
 * it, and a series adds up to the summary of the same range. Cites docs/contract/api.md#statistics-ranges.
 */
class StatsRangeProperties {

    private static final Instant FIRST = Instant.parse("2020-01-01T00:00:00Z");

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of(ZoneId.getAvailableZoneIds().stream().sorted().toList());
    }

    private static StatsRange range(String zone, int startHour, int hours) {
        Instant from = FIRST.plus(Duration.ofHours(startHour));
        return new StatsRange(from, from.plus(Duration.ofHours(hours)), ZoneId.of(zone));
    }

    @Property(tries = 300)
    void slots_tileTheRange(
            @ForAll("zones") String zone,
            @ForAll @IntRange(min = 0, max = 90_000) int startHour,
            @ForAll @IntRange(min = 1, max = 9_600) int hours,
            @ForAll boolean days) {
        StatsRange range = range(zone, startHour, hours);
        SeriesResolution resolution =
                days || hours > SeriesResolution.MAX_POINTS ? SeriesResolution.DAY : SeriesResolution.HOUR;

        List<Slot> slots = Slot.of(range, resolution);

        assertThat(slots.getFirst().start()).isEqualTo(range.from());
        assertThat(slots.getLast().end()).isEqualTo(range.to());
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            assertThat(slot.start()).isBefore(slot.end());
            // a day is 21 to 27 hours: Antarctica/Casey moves its clocks by 3 hours
            assertThat(Duration.between(slot.start(), slot.end())).isLessThanOrEqualTo(Duration.ofHours(27));
            assertThat(Align.aligned(slot.start(), Duration.ofHours(1))).isTrue();
            if (i > 0) {
                assertThat(slot.start()).isEqualTo(slots.get(i - 1).end());
                if (resolution == SeriesResolution.DAY) {
                    assertThat(slot.label())
                            .as("day labels in order, none twice")
                            .isGreaterThan(slots.get(i - 1).label());
                }
            }
        }
        assertThat(Slot.count(range, resolution)).isEqualTo(slots.size());
    }

    @Property(tries = 300)
    void holding_readsTheHourOfEveryMinuteAndNoOther(
            @ForAll @IntRange(min = 0, max = 5_000_000) int startMinute,
            @ForAll @IntRange(min = 1, max = 1_500) int minutes) {
        Instant from = FIRST.plus(Duration.ofMinutes(startMinute));
        Instant to = from.plus(Duration.ofMinutes(minutes));

        List<StatsKey> keys = StatsKeys.holding(from, to);

        java.util.Set<StatsKey> needed = new java.util.LinkedHashSet<>();
        for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(1))) {
            needed.add(StatsKeys.hour(t));
        }
        assertThat(keys).containsExactlyElementsOf(needed);
    }

    @Property(tries = 200)
    void series_whenHoursOrDays_addsUpToTheSummary(
            @ForAll("zones") String zone,
            @ForAll @IntRange(min = 0, max = 90_000) int startHour,
            @ForAll @IntRange(min = 1, max = 24 * 45) int hours,
            @ForAll boolean days,
            @ForAll long seed) {
        StatsRange range = range(zone, startHour, hours);
        Map<StatsKey, Rollup> rollups = hours(range, new Random(seed));
        SeriesResolution resolution = days ? SeriesResolution.DAY : SeriesResolution.HOUR;

        Series series = Series.of(range, resolution, rollups);
        Summary summary = Summary.of(
                range,
                Summary.keys(range).stream()
                        .map(k -> rollups.getOrDefault(k, Rollup.EMPTY))
                        .toList());

        Counts sum = series.points().stream().map(Series.Point::counts).reduce(Counts.ZERO, Counts::plus);
        assertThat(sum).isEqualTo(summary.counts());
        assertThat(rollups.keySet()).containsAll(Series.keys(range, resolution));
    }

    @Property(tries = 200)
    void series_whenMinutes_addsUpToTheMinutesOfTheRange(
            @ForAll @IntRange(min = 0, max = 1_000_000) int startMinute,
            @ForAll @IntRange(min = 1, max = 1_500) int minutes,
            @ForAll boolean five,
            @ForAll long seed) {
        SeriesResolution resolution = five ? SeriesResolution.FIVE_MINUTES : SeriesResolution.MINUTE;
        Instant from = FIRST.plus(Duration.ofMinutes((long) startMinute * (five ? 5 : 1)));
        StatsRange range = new StatsRange(from, from.plus(resolution.step().multipliedBy(minutes)), ZoneId.of("UTC"));
        Random random = new Random(seed);
        Map<StatsKey, Rollup> rollups = new HashMap<>();
        long expected = 0;
        for (StatsKey key : StatsKeys.holding(range.from(), range.to())) {
            Map<Integer, Counts> slots = new HashMap<>();
            for (int m = 0; m < 60; m++) {
                long events = random.nextInt(5);
                slots.put(m, new Counts(events, 0, 0, 0, 0, 0, 0, 0, 0, 0));
                Instant at = Instant.ofEpochSecond(key.bucketStart() + m * 60L);
                if (!at.isBefore(range.from()) && at.isBefore(range.to())) {
                    expected += events;
                }
            }
            rollups.put(key, new Rollup(Counts.ZERO, slots, Map.of(), null, List.of()));
        }

        Series series = Series.of(range, resolution, rollups);

        assertThat(series.points()).hasSize(minutes);
        assertThat(series.points().stream().mapToLong(p -> p.counts().events()).sum())
                .isEqualTo(expected);
    }

    /** Hour items with random counts around the range (a day before and after it too). */
    private static Map<StatsKey, Rollup> hours(StatsRange range, Random random) {
        Map<StatsKey, Rollup> rollups = new HashMap<>();
        Instant last = range.to().plus(Duration.ofDays(1));
        for (Instant hour = range.from().minus(Duration.ofDays(1));
                hour.isBefore(last);
                hour = hour.plus(Duration.ofHours(1))) {
            Counts counts = new Counts(
                    random.nextInt(100),
                    random.nextInt(50),
                    random.nextInt(20),
                    random.nextInt(20),
                    random.nextInt(99_999),
                    random.nextInt(5),
                    random.nextInt(3),
                    random.nextInt(4),
                    random.nextInt(9),
                    random.nextInt(2));
            rollups.put(StatsKeys.hour(hour), Rollup.of(counts));
        }
        return rollups;
    }
}
