package io.liveinsight.dashboard.domain.compat;

import static io.liveinsight.dashboard.support.Rollups.events;
import static io.liveinsight.dashboard.support.Rollups.key;
import static io.liveinsight.dashboard.support.Rollups.minute;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowTest {

    private static final long NOW = Instant.parse("2026-12-06T08:41:30Z").toEpochMilli();

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void lastHours_whenNowIsMidHour_isTheCurrentHourAndTheOnesBefore() {
        Window window = Window.lastHours(NOW, 24);

        assertThat(window.fromMillis()).isEqualTo(at("2026-12-05T09:00:00Z"));
        assertThat(window.toMillis()).isEqualTo(at("2026-12-06T09:00:00Z"));
        List<StatsKey> keys = window.hourKeys();
        assertThat(keys).hasSize(24).doesNotHaveDuplicates();
        assertThat(keys.get(0)).isEqualTo(key(Resolution.HOUR, at("2026-12-05T09:00:00Z")));
        assertThat(keys.get(23)).isEqualTo(key(Resolution.HOUR, NOW));
    }

    @Test
    void coveringKeys_whenAWeek_readDaysInsideAndHoursAtTheEdges() {
        Window week = Window.lastHours(NOW, 7 * 24);

        List<StatsKey> keys = week.coveringKeys();

        assertThat(hoursCovered(keys)).isEqualTo(hoursCovered(week.hourKeys()));
        // 15 hours of 29 Nov, the 6 days 30 Nov - 5 Dec, 9 hours of 6 Dec
        assertThat(keys).hasSize(15 + 6 + 9);
        assertThat(keys.stream().filter(k -> k.resolution() == Resolution.DAY)).hasSize(6);
    }

    @Test
    void coveringKeys_whenWindowsOfAnyAlignment_coverEachHourExactlyOnce() {
        for (int hours : new int[] {1, 5, 23, 24, 25, 48, 49, 168, 400}) {
            for (long shift = 0; shift < 24; shift += 5) {
                Window window = Window.lastHours(at("2026-12-06T00:10:00Z") + shift * Window.HOUR, hours);

                List<StatsKey> keys = window.coveringKeys();

                assertThat(hoursCovered(keys)).as(hours + "h +" + shift).isEqualTo(hoursCovered(window.hourKeys()));
                assertThat(keys.size()).as(hours + "h +" + shift).isLessThanOrEqualTo(Math.min(hours, 46 + hours / 24));
            }
        }
    }

    @Test
    void minuteKeys_whenTheWindowCrossesAnHour_readBothHoursItems() {
        Window window = new Window(at("2026-12-06T07:50:00Z"), at("2026-12-06T08:10:00Z"));

        assertThat(window.minuteKeys())
                .containsExactly(
                        key(Resolution.MINUTE, at("2026-12-06T07:00:00Z")),
                        key(Resolution.MINUTE, at("2026-12-06T08:00:00Z")));
    }

    @Test
    void minuteCounts_whenSlotsInAndAroundTheWindow_addOnlyTheMinutesInside() {
        Map<StatsKey, Rollup> items = new HashMap<>();
        for (String minute : List.of("07:49", "07:50", "08:09", "08:10")) {
            long millis = at("2026-12-06T" + minute + ":00Z");
            items.merge(key(Resolution.MINUTE, millis), minute(millis, events(1, 1)), Rollup::plus);
        }
        items.merge(
                key(Resolution.MINUTE, at("2026-12-06T08:00:00Z")),
                minute(at("2026-12-06T08:00:00Z"), events(10, 0)),
                Rollup::plus);

        Window window = new Window(at("2026-12-06T07:50:00Z"), at("2026-12-06T08:10:00Z"));

        assertThat(window.minuteCounts(items).events()).isEqualTo(1 + 10 + 1);
        assertThat(window.minuteCounts(items).pageViews()).isEqualTo(2);
    }

    @Test
    void sum_whenSomeItemsAbsent_addsThePresentOnes() {
        StatsKey a = key(Resolution.HOUR, at("2026-12-06T07:00:00Z"));
        StatsKey b = key(Resolution.HOUR, at("2026-12-06T08:00:00Z"));

        Rollup sum = Window.sum(Map.of(a, Rollup.of(events(3, 2))), List.of(a, b));

        assertThat(sum.totals()).isEqualTo(events(3, 2));
    }

    /** The hour starts a list of HOUR and DAY keys covers, each hour once per key covering it. */
    private static List<Long> hoursCovered(List<StatsKey> keys) {
        List<Long> hours = new ArrayList<>();
        for (StatsKey key : keys) {
            long span = key.resolution().span().toSeconds();
            for (long start = key.bucketStart(); start < key.bucketStart() + span; start += 3600) {
                hours.add(start);
            }
        }
        hours.sort(Long::compare);
        return hours;
    }
}
