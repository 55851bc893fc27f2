package io.liveinsight.dashboard.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.dashboard.domain.stats.StatsKeys;
import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cites docs/contract/api.md#get-apistatsrealtime. */
class RealtimeStatsTest {

    private static final long NOW = 1_800_000_000_000L + 42_000; // 42 s into a minute

    private static ActiveSession session(String id, String user, long duration, String page, String referrer) {
        return new ActiveSession(
                id, user, NOW - duration, NOW, page, 1, 1, referrer, false, NOW / 1000 + 1800, Map.of());
    }

    private static ActiveSession bot(String id) {
        return new ActiveSession(id, "bot", NOW - 5, NOW, "/robots.txt", 1, 1, null, true, NOW / 1000 + 1800, Map.of());
    }

    /** 12 sessions active in the current minute's slot. */
    private static LiveWindow window(long active) {
        StatsKey key = StatsKeys.hour(Instant.ofEpochMilli(NOW));
        int minute = (int) (NOW / 60_000 % 60);
        Rollup rollup = new Rollup(
                Counts.ZERO, Map.of(minute, new Counts(3, 2, 0, active, 0, 0, 0, 0, 0, 0)), Map.of(), null, List.of());
        return LiveWindow.of(Map.of(key, rollup), false, NOW);
    }

    @Test
    void of_whenTheSampleHoldsEverySession_usersAndMedianAreExact() {
        ActiveScan sample = new ActiveScan(
                List.of(
                        session("a", "u1", 10_000, "/", "https://search.example/"),
                        session("b", "u1", 40_000, "/", null),
                        session("c", "u2", 20_000, "/", ""),
                        session("d", "u3", 1_000_000, "/", null),
                        bot("e")),
                null);

        RealtimeStats stats = RealtimeStats.of(window(4), sample, false, NOW);

        assertThat(stats.activeSessions()).isEqualTo(4);
        assertThat(stats.activeUsers()).isEqualTo(3);
        assertThat(stats.medianSessionDurationMs()).isEqualTo(30_000);
        assertThat(stats.sampleSessions()).isEqualTo(4);
        assertThat(stats.sampleComplete()).isTrue();
        assertThat(stats.topReferrers())
                .containsExactly(
                        new RealtimeStats.Ranked(RealtimeStats.DIRECT, 3),
                        new RealtimeStats.Ranked("https://search.example/", 1));
    }

    @Test
    void of_whenTheSampleIsPartial_estimatesUsersFromItsUsersPerSession() {
        ActiveScan sample = new ActiveScan(
                List.of(
                        session("a", "u1", 0, "/", null),
                        session("b", "u1", 0, "/", null),
                        session("c", "u2", 0, "/", null),
                        session("d", "u2", 0, "/", null)),
                ActiveScan.Position.after("d"));

        RealtimeStats stats = RealtimeStats.of(window(1000), sample, false, NOW);

        assertThat(stats.activeSessions()).isEqualTo(1000);
        assertThat(stats.activeUsers()).isEqualTo(500);
        assertThat(stats.sampleComplete()).isFalse();
    }

    @Test
    void of_whenPagesTie_ranksByCountThenName() {
        RealtimeStats stats = RealtimeStats.of(
                window(5),
                new ActiveScan(
                        List.of(
                                session("a", "u", 0, "/b", null),
                                session("b", "u", 0, "/a", null),
                                session("c", "u", 0, "/c", null),
                                session("d", "u", 0, "/c", null),
                                session("e", "u", 0, null, null)),
                        null),
                false,
                NOW);

        assertThat(stats.topPages()).extracting(RealtimeStats.Ranked::value).containsExactly("/c", "/a", "/b");
        assertThat(stats.topReferrers()).containsExactly(new RealtimeStats.Ranked(RealtimeStats.DIRECT, 5));
    }

    @Test
    void of_whenNothingAnywhere_isAllZeros() {
        RealtimeStats stats =
                RealtimeStats.of(LiveWindow.of(Map.of(), false, NOW), new ActiveScan(List.of(), null), false, NOW);

        assertThat(stats.activeSessions()).isZero();
        assertThat(stats.activeUsers()).isZero();
        assertThat(stats.medianSessionDurationMs()).isZero();
        assertThat(stats.eventsPerMinute()).hasSize(30).allMatch(m -> m.events() == 0);
    }

    @Test
    void toJson_keepsTheFieldsThePageReadsAndAddsPageViewsAndTheSample() {
        Map<String, Object> json = RealtimeStats.of(
                        window(2),
                        new ActiveScan(List.of(session("a", "u", 0, "/x", null)), ActiveScan.Position.after("a")),
                        false,
                        NOW)
                .toJson();

        assertThat(json)
                .containsKeys(
                        "generated_at",
                        "window_minutes",
                        "active_sessions",
                        "active_users",
                        "bot_sessions",
                        "events_last_minute",
                        "events_current_minute",
                        "events_last_30_minutes",
                        "page_views_last_30_minutes",
                        "median_session_duration_ms",
                        "events_per_minute",
                        "top_pages",
                        "top_referrers",
                        "sample_sessions",
                        "sample_complete")
                .containsEntry("events_current_minute", 3L)
                .containsEntry("page_views_last_30_minutes", 2L)
                .containsEntry("sample_complete", false);
        Map<?, ?> lastMinute = (Map<?, ?>) ((List<?>) json.get("events_per_minute")).get(29);
        assertThat(lastMinute.get("minute")).isEqualTo(NOW / 60_000 * 60_000);
        assertThat(lastMinute.get("events")).isEqualTo(3L);
        assertThat(lastMinute.get("page_views")).isEqualTo(2L);
    }
}
