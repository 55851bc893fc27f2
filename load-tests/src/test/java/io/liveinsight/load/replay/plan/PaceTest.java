package io.liveinsight.load.replay.plan;

import static io.liveinsight.load.replay.plan.Requests.at;
import static io.liveinsight.load.replay.plan.Requests.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.load.replay.source.TimedRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When each request goes: recorded pacing times N, all at once, or a rate with a burst. */
class PaceTest {

    private final List<TimedRequest> requests = List.of(
            at(10_000, event("a", "s", 1)),
            at(11_000, event("b", "s", 1), event("c", "s", 1)),
            at(30_000, event("d", "s", 1)));

    @Test
    void speed_whenTen_sendsAtATenthOfTheRecordedOffsets() {
        assertThat(new Pace.Speed(10).offsets(requests)).containsExactly(0, 100, 2_000);
        assertThat(new Pace.Speed(0.5).offsets(requests)).containsExactly(0, 2_000, 40_000);
    }

    @Test
    void max_sendsEverythingAtOnce() {
        assertThat(new Pace.Max().offsets(requests)).containsExactly(0, 0, 0);
    }

    @Test
    void rate_whenSteady_spacesRequestsByTheirEvents() {
        assertThat(new Pace.Rate(2, 1, 0, 0).offsets(requests)).containsExactly(0, 500, 1_500);
    }

    @Test
    void rate_whenABurst_goesFasterDuringItAndNeverDropsARequest() {
        List<TimedRequest> many = java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> at(i, event("e" + i, "s", 1)))
                .toList();

        long[] offsets = new Pace.Rate(10, 10, 1_000, 1_000).offsets(many);

        assertThat(offsets).hasSize(200);
        assertThat(offsets[9]).isEqualTo(900); // 10/s before the burst
        assertThat(offsets[10]).isEqualTo(1_000);
        assertThat(offsets[11]).isEqualTo(1_010); // 100/s during it
        assertThat(offsets[109]).isEqualTo(1_990);
        assertThat(offsets[111]).isEqualTo(2_100); // 10/s after it, until everything is sent
        assertThat(offsets[199]).isEqualTo(10_900);
    }

    @Test
    void speed_whenNotAbove0_isRefusedWithTheOption() {
        assertThatThrownBy(() -> new Pace.Speed(0)).hasMessageContaining("--speed");
        assertThatThrownBy(() -> new Pace.Rate(0, 1, 0, 0)).hasMessageContaining("--rate");
    }
}
