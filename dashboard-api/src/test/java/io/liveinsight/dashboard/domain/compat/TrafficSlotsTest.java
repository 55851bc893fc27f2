package io.liveinsight.dashboard.domain.compat;

import static io.liveinsight.dashboard.support.Rollups.bots;
import static io.liveinsight.dashboard.support.Rollups.events;
import static io.liveinsight.dashboard.support.Rollups.key;
import static io.liveinsight.dashboard.support.Rollups.minute;
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

class TrafficSlotsTest {

    private static final long NOW = Instant.parse("2026-12-06T08:41:30Z").toEpochMilli();
    private static final ZoneId UTC = ZoneId.of("UTC");

    private final Map<StatsKey, Rollup> items = new HashMap<>();

    private void put(String minute, Counts counts) {
        long millis = Instant.parse("2026-12-06T" + minute + ":00Z").toEpochMilli();
        items.merge(key(Resolution.MINUTE, millis), minute(millis, counts), Rollup::plus);
    }

    @Test
    void of_whenNoRollups_isTwentyZeroSlotsEndingWithTheCurrentOne() {
        List<TrafficSlots.Slot> slots = TrafficSlots.of(NOW, UTC, Map.of());

        assertThat(slots).hasSize(20);
        assertThat(slots.get(0).label()).isEqualTo("07:05");
        assertThat(slots.get(19).label()).isEqualTo("08:40");
        assertThat(slots).allSatisfy(slot -> assertThat(slot.events()).isZero());
        assertThat(slots.get(19).startMillis()).isLessThanOrEqualTo(NOW);
        assertThat(slots.get(19).startMillis() + TrafficSlots.SLOT).isGreaterThan(NOW);
    }

    @Test
    void of_whenEventsInAndAroundTheSlots_countsHumanEventsPerSlot() {
        put("07:04", events(100, 0)); // before the first slot
        put("07:05", events(2, 1));
        put("07:09", events(3, 0));
        put("08:00", events(4, 4));
        put("08:01", bots(50, 1)); // bots are counted apart
        put("08:44", events(5, 0));

        List<TrafficSlots.Slot> slots = TrafficSlots.of(NOW, UTC, items);

        assertThat(slots.get(0).events()).isEqualTo(5);
        assertThat(slots.stream()
                        .filter(s -> s.label().equals("08:00"))
                        .findFirst()
                        .orElseThrow()
                        .events())
                .isEqualTo(4);
        assertThat(slots.get(19).events()).isEqualTo(5);
        assertThat(slots.stream().mapToLong(TrafficSlots.Slot::events).sum()).isEqualTo(14);
    }

    @Test
    void of_whenAZoneIsAsked_labelsLocalStartsOfTheSameSlots() {
        List<TrafficSlots.Slot> seoul = TrafficSlots.of(NOW, ZoneId.of("Asia/Seoul"), Map.of());
        List<TrafficSlots.Slot> kolkata = TrafficSlots.of(NOW, ZoneId.of("Asia/Kolkata"), Map.of());

        assertThat(seoul.get(0).label()).isEqualTo("16:05");
        assertThat(seoul.get(19).label()).isEqualTo("17:40");
        assertThat(kolkata.get(19).label()).isEqualTo("14:10");
        assertThat(seoul.get(7).startMillis()).isEqualTo(kolkata.get(7).startMillis());
    }

    @Test
    void window_readsTheMinuteItemsOfTheHundredMinutes() {
        assertThat(TrafficSlots.window(NOW).minuteKeys()).hasSize(2);
        long onTheHour = Instant.parse("2026-12-06T09:00:00Z").toEpochMilli();
        assertThat(TrafficSlots.window(onTheHour).minuteKeys()).hasSize(3);
    }
}
