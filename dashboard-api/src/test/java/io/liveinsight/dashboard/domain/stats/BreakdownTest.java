package io.liveinsight.dashboard.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Rollup;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cites docs/contract/api.md#get-apistatsbreakdown. */
class BreakdownTest {

    private static final StatsRange RANGE = new StatsRange(
            Instant.parse("2026-12-05T09:00:00Z"), Instant.parse("2026-12-06T09:00:00Z"), ZoneId.of("UTC"));

    private static Rollup pages(Map<String, Long> counts) {
        return new Rollup(Counts.ZERO, Map.of(), Map.of(Dimension.PAGE, counts), null, List.of());
    }

    @Test
    void of_whenKeysExceedTheLimit_sortsByCountThenKeyAndSumsTheRestWithTheStoredOther() {
        Rollup first = pages(Map.of("example.com/b", 5L, "example.com/a", 5L, "example.com/c", 2L, Rollup.OTHER, 7L));
        Rollup second = pages(Map.of("example.com/c", 4L, "example.com/d", 1L));

        Breakdown breakdown = Breakdown.of(RANGE, Dimension.PAGE, 2, List.of(first, second));

        assertThat(breakdown.items())
                .containsExactly(new Breakdown.Item("example.com/c", 6), new Breakdown.Item("example.com/a", 5));
        assertThat(breakdown.other()).isEqualTo(5 + 1 + 7);
        assertThat(breakdown.total()).isEqualTo(6 + 5 + 5 + 1 + 7);
        assertThat(breakdown.toJson())
                .containsEntry("dimension", "page")
                .containsEntry("total", 24L)
                .containsEntry("other", 13L);
    }

    @Test
    void of_whenKeysAreHostile_returnsThemVerbatim() {
        Map<String, Long> counts = new HashMap<>();
        String script = "example.com/<script>alert(1)</script>";
        String astral = "\uD83D\uDE00".repeat(128);
        String separators = "~#|\u0000\"\\";
        counts.put(script, 3L);
        counts.put(astral, 2L);
        counts.put(separators, 1L);

        Breakdown breakdown = Breakdown.of(
                RANGE,
                Dimension.CAMPAIGN,
                10,
                List.of(
                        pages(Map.of()),
                        new Rollup(Counts.ZERO, Map.of(), Map.of(Dimension.CAMPAIGN, counts), null, List.of())));

        assertThat(breakdown.items()).extracting(Breakdown.Item::key).containsExactly(script, astral, separators);
        assertThat(breakdown.other()).isZero();
    }

    @Test
    void of_whenNothingStored_isEmpty() {
        Breakdown breakdown = Breakdown.of(RANGE, Dimension.SOURCE, 10, List.of());

        assertThat(breakdown.items()).isEmpty();
        assertThat(breakdown.total()).isZero();
    }
}
