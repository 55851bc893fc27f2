package io.liveinsight.dashboard.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Hll;
import io.liveinsight.event.stats.Rollup;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cites docs/contract/api.md#get-apistatssummary. */
class SummaryTest {

    private static final StatsRange RANGE = new StatsRange(
            Instant.parse("2026-12-05T09:00:00Z"), Instant.parse("2026-12-06T09:00:00Z"), ZoneId.of("UTC"));

    private static Rollup withUsers(Counts counts, String... users) {
        Hll sketch = new Hll();
        for (String user : users) {
            sketch.add(user);
        }
        return new Rollup(counts, Map.of(), Map.of(), sketch, List.of());
    }

    @Test
    void of_whenItemsAdd_givesTotalsRatesAndDistinctUsers() {
        // events, page views, sessions, ended, duration ms (of the ended), bounces, converted, conversions, bots
        Rollup first = withUsers(new Counts(10, 6, 4, 3, 60_000, 1, 1, 2, 5, 1), "u1", "u2");
        Rollup second = withUsers(new Counts(5, 4, 4, 2, 40_000, 2, 2, 2, 0, 0), "u2", "u3");

        Map<String, Object> json = Summary.of(RANGE, List.of(first, second)).toJson();

        assertThat(json)
                .containsEntry("events", 15L)
                .containsEntry("page_views", 10L)
                .containsEntry("sessions", 8L)
                .containsEntry("sessions_ended", 5L)
                .containsEntry("bounces", 3L)
                .containsEntry("bounce_rate", 3 / 8.0)
                .containsEntry("avg_session_seconds", 20.0)
                .containsEntry("users", 3L)
                .containsEntry("users_error", 0.023)
                .containsEntry("conversions", 4L)
                .containsEntry("converted_sessions", 3L)
                .containsEntry("conversion_rate", 3 / 8.0)
                .containsEntry("bot_events", 5L)
                .containsEntry("bot_sessions", 1L);
        assertThat(json.get("range")).isEqualTo(RANGE.toJson());
        assertThat(json.keySet())
                .containsExactly(
                        "range",
                        "events",
                        "page_views",
                        "sessions",
                        "sessions_ended",
                        "bounces",
                        "bounce_rate",
                        "avg_session_seconds",
                        "users",
                        "users_error",
                        "conversions",
                        "converted_sessions",
                        "conversion_rate",
                        "bot_events",
                        "bot_sessions");
    }

    @Test
    void of_whenNothingStored_answersZerosNotNaN() {
        Map<String, Object> json = Summary.of(RANGE, List.of()).toJson();

        assertThat(json)
                .containsEntry("events", 0L)
                .containsEntry("users", 0L)
                .containsEntry("bounce_rate", 0.0)
                .containsEntry("avg_session_seconds", 0.0)
                .containsEntry("conversion_rate", 0.0);
    }

    @Test
    void keys_whenAWeek_readsItsHourItems() {
        StatsRange week = new StatsRange(
                Instant.parse("2026-11-29T09:00:00Z"), Instant.parse("2026-12-06T09:00:00Z"), ZoneId.of("Asia/Seoul"));

        assertThat(Summary.keys(week)).hasSize(7 * 24);
    }
}
