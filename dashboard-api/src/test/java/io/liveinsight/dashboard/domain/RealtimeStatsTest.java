package io.liveinsight.dashboard.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RealtimeStatsTest {

    private static final long NOW = 1_800_000_000_000L + 42_000; // 42 s into a minute
    private static final long MINUTE = NOW / 60_000;

    private static ActiveSession session(String id, String user, long duration, String page, Map<Long, Long> minutes) {
        return new ActiveSession(id, user, NOW - duration, NOW, page, 1, 1, null, false, NOW / 1000 + 1800, minutes);
    }

    @Test
    void compute_whenMinutesOutsideWindow_countsOnlyTheLast30() {
        RealtimeStats stats = RealtimeStats.compute(
                List.of(session(
                        "a", "u", 0, "/", Map.of(MINUTE, 1L, MINUTE - 29, 2L, MINUTE - 30, 50L, MINUTE + 1, 7L))),
                0,
                NOW);

        assertThat(stats.eventsPerMinute()).hasSize(30);
        assertThat(stats.eventsPerMinute().get(0).minute()).isEqualTo((MINUTE - 29) * 60_000);
        assertThat(stats.eventsLast30Minutes()).isEqualTo(3);
        assertThat(stats.eventsCurrentMinute()).isEqualTo(1);
        assertThat(stats.eventsLastMinute()).isZero();
    }

    @Test
    void compute_whenEvenNumberOfSessions_mediansTheMiddleTwo() {
        RealtimeStats stats = RealtimeStats.compute(
                List.of(
                        session("a", "u1", 10_000, "/", Map.of()),
                        session("b", "u1", 40_000, "/", Map.of()),
                        session("c", "u2", 20_000, "/", Map.of()),
                        session("d", "u3", 1_000_000, "/", Map.of())),
                0,
                NOW);

        assertThat(stats.medianSessionDurationMs()).isEqualTo(30_000);
        assertThat(stats.activeUsers()).isEqualTo(3);
    }

    @Test
    void compute_whenPagesTie_ranksByCountThenName() {
        RealtimeStats stats = RealtimeStats.compute(
                List.of(
                        session("a", "u", 0, "/b", Map.of()),
                        session("b", "u", 0, "/a", Map.of()),
                        session("c", "u", 0, "/c", Map.of()),
                        session("d", "u", 0, "/c", Map.of()),
                        session("e", "u", 0, null, Map.of())),
                0,
                NOW);

        assertThat(stats.topPages()).extracting(RealtimeStats.Ranked::value).containsExactly("/c", "/a", "/b");
        assertThat(stats.topReferrers()).containsExactly(new RealtimeStats.Ranked(RealtimeStats.DIRECT, 5));
    }

    @Test
    void compute_whenNoSessions_isAllZeros() {
        RealtimeStats stats = RealtimeStats.compute(List.of(), 0, NOW);

        assertThat(stats.activeSessions()).isZero();
        assertThat(stats.medianSessionDurationMs()).isZero();
        assertThat(stats.eventsPerMinute()).allMatch(m -> m.events() == 0);
    }
}
