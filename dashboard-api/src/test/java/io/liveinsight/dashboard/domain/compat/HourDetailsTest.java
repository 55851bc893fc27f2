package io.liveinsight.dashboard.domain.compat;

import static io.liveinsight.dashboard.support.Rollups.event;
import static io.liveinsight.dashboard.support.Rollups.events;
import static io.liveinsight.dashboard.support.Rollups.key;
import static io.liveinsight.dashboard.support.Rollups.minute;
import static io.liveinsight.dashboard.support.Rollups.recent;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.stats.RecentEvent;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HourDetailsTest {

    private static final long NOW = at("2026-12-06T08:41:30Z");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void slotStart_whenTheTimeIsPastToday_isToday() {
        assertThat(HourDetails.slotStart(LocalTime.of(8, 40), UTC, NOW)).isEqualTo(at("2026-12-06T08:40:00Z"));
        assertThat(HourDetails.slotStart(LocalTime.of(0, 0), UTC, NOW)).isEqualTo(at("2026-12-06T00:00:00Z"));
    }

    @Test
    void slotStart_whenTheTimeIsStillAheadToday_isYesterday() {
        assertThat(HourDetails.slotStart(LocalTime.of(8, 45), UTC, NOW)).isEqualTo(at("2026-12-05T08:45:00Z"));
        assertThat(HourDetails.slotStart(LocalTime.of(17, 45), ZoneId.of("Asia/Seoul"), NOW))
                .isEqualTo(at("2026-12-05T08:45:00Z"));
    }

    @Test
    void slotStart_whenDaylightSavingSkipsOrRepeatsTheTime_picksTheLatestRealOne() {
        ZoneId newYork = ZoneId.of("America/New_York");
        // 8 March 2026, 02:00 -> 03:00: 02:30 does not exist that day, so it is the 7th's
        long springDay = at("2026-03-08T12:00:00Z");
        assertThat(HourDetails.slotStart(LocalTime.of(2, 30), newYork, springDay))
                .isEqualTo(at("2026-03-07T07:30:00Z"));
        // 1 November 2026, 02:00 EDT -> 01:00 EST: 01:30 happens twice; after both, the later (EST) one
        long fallDay = at("2026-11-01T12:00:00Z");
        assertThat(HourDetails.slotStart(LocalTime.of(1, 30), newYork, fallDay)).isEqualTo(at("2026-11-01T06:30:00Z"));
        // between the two, the first (EDT) one
        assertThat(HourDetails.slotStart(LocalTime.of(1, 30), newYork, at("2026-11-01T06:00:00Z")))
                .isEqualTo(at("2026-11-01T05:30:00Z"));
    }

    @Test
    void of_whenEventsAroundTheSlot_countsTheSlotAndDistributesItsClockHour() {
        Map<StatsKey, Rollup> items = new HashMap<>();
        for (String minute : new String[] {"08:04", "08:05", "08:09", "08:10", "08:55"}) {
            long millis = at("2026-12-06T" + minute + ":00Z");
            items.merge(key(Resolution.MINUTE, millis), minute(millis, events(1, 0)), Rollup::plus);
        }
        RecentEvent inside = event("in", "click", at("2026-12-06T08:07:00Z"), "shop.example/<b>", "direct");
        RecentEvent before = event("before", "page_view", at("2026-12-06T08:04:59Z"), "shop.example/", "direct");
        items.put(key(Resolution.HOUR, NOW), recent(inside, before));
        long start = at("2026-12-06T08:05:00Z");

        HourDetails details = HourDetails.of(start, UTC, items);

        assertThat(details.totalEvents()).isEqualTo(2);
        assertThat(details.recent()).containsExactly(inside);
        assertThat(details.distribution()).hasSize(12);
        assertThat(details.distribution().keySet()).startsWith("08:00", "08:05").endsWith("08:55");
        assertThat(details.distribution()).containsEntry("08:00", 1L).containsEntry("08:05", 2L);
        assertThat(details.distribution()).containsEntry("08:10", 1L).containsEntry("08:55", 1L);
    }

    @Test
    void keys_whenTheLocalHourStraddlesTwoUtcHours_readsBothMinuteItems() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        long start = HourDetails.slotStart(LocalTime.of(14, 5), kolkata, NOW); // 08:35 UTC

        assertThat(HourDetails.clockHour(start, kolkata).fromMillis()).isEqualTo(at("2026-12-06T08:30:00Z"));
        assertThat(HourDetails.keys(start, kolkata))
                .containsExactlyInAnyOrder(
                        key(Resolution.MINUTE, at("2026-12-06T08:00:00Z")),
                        key(Resolution.MINUTE, at("2026-12-06T09:00:00Z")),
                        key(Resolution.HOUR, at("2026-12-06T08:00:00Z")));
    }
}
