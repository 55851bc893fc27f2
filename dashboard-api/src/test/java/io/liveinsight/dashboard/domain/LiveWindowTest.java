package io.liveinsight.dashboard.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.dashboard.domain.stats.StatsKeys;
import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cites docs/contract/api.md#get-apistatsrealtime. */
class LiveWindowTest {

    /** 08:10:42 UTC: the window is 07:41 to 08:10, across two minute items. */
    private static final Instant NOW = Instant.parse("2026-12-06T08:10:42Z");

    private static final StatsKey SEVEN = StatsKeys.hour(Instant.parse("2026-12-06T07:00:00Z"));
    private static final StatsKey EIGHT = StatsKeys.hour(Instant.parse("2026-12-06T08:00:00Z"));

    /** events, page views, last active, bot events, bot sessions. */
    private static Counts counts(long events, long pageViews, long lastActive, long botEvents, long botSessions) {
        return new Counts(events, pageViews, 0, lastActive, 0, 0, 0, 0, botEvents, botSessions);
    }

    private static Map<StatsKey, Rollup> items() {
        Map<StatsKey, Rollup> items = new HashMap<>();
        items.put(
                SEVEN,
                new Rollup(
                        Counts.ZERO,
                        Map.of(
                                40, counts(100, 100, 50, 0, 0), // 07:40: outside the window
                                41, counts(2, 1, 1, 0, 0),
                                59, counts(3, 3, 2, 7, 1)),
                        Map.of(),
                        null,
                        List.of()));
        items.put(
                EIGHT,
                new Rollup(
                        Counts.ZERO,
                        Map.of(9, counts(4, 2, 1, 0, 0), 10, counts(5, 5, 3, 1, 1), 11, counts(99, 0, 99, 0, 0)),
                        Map.of(),
                        null,
                        List.of()));
        return items;
    }

    @Test
    void keys_whenTheWindowCrossesAnHour_readsBothHourItems() {
        assertThat(LiveWindow.keys(NOW.toEpochMilli())).containsExactly(SEVEN, EIGHT);
        assertThat(LiveWindow.keys(Instant.parse("2026-12-06T08:40:00Z").toEpochMilli()))
                .containsExactly(EIGHT);
    }

    @Test
    void of_whenHumansOnly_sumsTheLast30MinuteSlots() {
        LiveWindow window = LiveWindow.of(items(), false, NOW.toEpochMilli());

        assertThat(window.perMinute()).hasSize(30);
        assertThat(window.perMinute().getFirst().start())
                .isEqualTo(Instant.parse("2026-12-06T07:41:00Z").toEpochMilli());
        assertThat(window.activeSessions()).isEqualTo(1 + 2 + 1 + 3);
        assertThat(window.events()).isEqualTo(2 + 3 + 4 + 5);
        assertThat(window.pageViews()).isEqualTo(1 + 3 + 2 + 5);
        assertThat(window.eventsOf(0)).isEqualTo(5);
        assertThat(window.eventsOf(1)).isEqualTo(4);
        assertThat(window.botSessions()).isEqualTo(2);
    }

    @Test
    void of_whenBotsIncluded_addsTheirEventsAndTheBotSessionsStartedInTheWindow() {
        LiveWindow window = LiveWindow.of(items(), true, NOW.toEpochMilli());

        assertThat(window.activeSessions()).isEqualTo(7 + 2);
        assertThat(window.events()).isEqualTo(14 + 8);
        assertThat(window.eventsOf(0)).isEqualTo(6);
    }
}
