package io.liveinsight.load.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateProfileTest {

    private static List<Beacon> beacons(int count, int eventsEach) {
        List<Beacon> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int e = 0; e < eventsEach; e++) {
                events.add(Map.of("event_id", i + "-" + e));
            }
            out.add(new Beacon(0, "s" + i, "[]", events));
        }
        return out;
    }

    @Test
    void schedule_steady_spacesBeaconsByTheirEvents() {
        List<Beacon> plan = RateProfile.steady(1_000, 100).schedule(beacons(20, 5));

        // 100 events/s, 5 events a beacon: one beacon every 50 ms, 20 in the second
        assertThat(plan).extracting(Beacon::sendAtMs).startsWith(0L, 50L, 100L).hasSize(20);
    }

    @Test
    void schedule_burst_sendsTenTimesTheEventsPerSecondDuringTheBurst() {
        RateProfile burst = RateProfile.burst(100, 10, 10_000, 60_000, 30_000);
        List<Beacon> plan = burst.schedule(beacons(20_000, 5));

        long before = plan.stream().filter(b -> b.sendAtMs() < 10_000).count() * 5;
        long during = plan.stream()
                        .filter(b -> b.sendAtMs() >= 10_000 && b.sendAtMs() < 70_000)
                        .count()
                * 5;
        long after = plan.stream().filter(b -> b.sendAtMs() >= 70_000).count() * 5;

        assertThat(before).isEqualTo(1_000);
        assertThat(during).isBetween(59_990L, 60_010L);
        assertThat(after).isBetween(2_995L, 3_005L);
        assertThat(burst.events()).isEqualTo(1_000 + 60_000 + 3_000);
        assertThat(plan.get(plan.size() - 1).sendAtMs()).isLessThan(burst.durationMs());
    }

    @Test
    void schedule_whenBeaconsRunOut_endsEarly() {
        assertThat(RateProfile.steady(60_000, 10).schedule(beacons(3, 1))).hasSize(3);
    }
}
