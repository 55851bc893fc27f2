package io.liveinsight.load.replay.plan;

import static io.liveinsight.load.replay.plan.Requests.at;
import static io.liveinsight.load.replay.plan.Requests.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.load.replay.source.TimedRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Times as the edge stored them, moved by one shift to now (docs/contract/events.md#clock-skew). */
class TimeShiftTest {

    static final long NOW = 1_800_000_000_000L;
    static final long T0 = 1_700_000_000_000L;
    static final long DAY = 86_400_000L;

    @Test
    void normalize_whenATimeIsAbsentOrOutsideTheEdgesWindow_givesTheRequestsTime() {
        List<TimedRequest> requests = List.of(at(
                T0,
                "{\"event_id\":\"a\"}",
                "{\"event_id\":\"b\",\"timestamp\":null}",
                event("c", "s", T0 - DAY - 1),
                event("d", "s", T0 + 300_001),
                "{\"event_id\":\"e\",\"timestamp\":1e300}",
                event("f", "s", T0 - DAY),
                "{\"event_id\":\"g\",\"timestamp\":" + (T0 - 5) + ".9}"));

        TimeShift.Normalized result = TimeShift.normalize(requests);

        assertThat(times(requests)).containsExactly(T0, T0, T0, T0, T0, T0 - DAY, T0 - 5);
        assertThat(result).isEqualTo(new TimeShift.Normalized(2, 3));
    }

    @Test
    void apply_whenAtTheRecordedPace_movesTheFirstRequestToNowAndKeepsTheGaps() {
        List<TimedRequest> requests =
                List.of(at(T0, event("a", "s", T0 - 50)), at(T0 + 40 * 60_000, event("b", "s", T0 + 40 * 60_000)));

        TimeShift.Result result = apply(requests, new long[] {0, 40 * 60_000}, true);

        assertThat(times(requests)).containsExactly(NOW - 50, NOW + 40 * 60_000);
        assertThat(result.shiftMs()).isEqualTo(NOW - T0);
        assertThat(result.leadMs()).isZero();
    }

    @Test
    void apply_whenFasterThanRecorded_shiftsEarlySoNoEventIsLaterThanItsSend() {
        long hour = 3_600_000;
        List<TimedRequest> requests = List.of(
                at(T0, event("a", "s", T0)),
                at(T0 + hour, event("b", "s", T0 + hour)),
                at(T0 + 2 * hour, event("c", "s", T0 + 2 * hour)));
        long[] atTenTimes = {0, hour / 10, 2 * hour / 10};

        TimeShift.Result result = apply(requests, atTenTimes, true);

        List<Long> times = times(requests);
        for (int i = 0; i < 3; i++) {
            assertThat(times.get(i)).isLessThanOrEqualTo(NOW + atTenTimes[i]);
        }
        assertThat(times.get(2)).isEqualTo(NOW + atTenTimes[2]); // the last one is sent as it happens
        assertThat(times.get(1) - times.get(0)).isEqualTo(hour); // gaps kept
        assertThat(result.leadMs()).isEqualTo(2 * hour - 2 * hour / 10);
    }

    @Test
    void apply_whenARecordingIsLongerThanADayAtFullSpeed_raisesTheOldestTimesSoTheEdgeKeepsThem() {
        List<TimedRequest> requests =
                List.of(at(T0, event("a", "s", T0)), at(T0 + 2 * DAY, event("b", "s", T0 + 2 * DAY)));

        TimeShift.Result result = apply(requests, new long[] {0, 0}, true);

        assertThat(times(requests)).containsExactly(NOW - DAY + TimeShift.SAFETY_MS, NOW);
        assertThat(result.raised()).isEqualTo(1);
    }

    @Test
    void apply_whenNone_keepsTheRecordedTimesAndCountsWhatTheEdgeWillReplace() {
        List<TimedRequest> requests = List.of(at(T0, event("a", "s", T0)), at(NOW, event("b", "s", NOW - 1)));

        TimeShift.Result result = apply(requests, new long[] {0, 0}, false);

        assertThat(times(requests)).containsExactly(T0, NOW - 1);
        assertThat(result.shiftMs()).isZero();
        assertThat(result.edgeWillReplace()).isEqualTo(1);
    }

    private static TimeShift.Result apply(List<TimedRequest> requests, long[] offsets, boolean toNow) {
        TimeShift.Normalized normalized = TimeShift.normalize(requests);
        return TimeShift.apply(requests, offsets, toNow, NOW, normalized);
    }

    private static List<Long> times(List<TimedRequest> requests) {
        return requests.stream()
                .flatMap(r -> r.events().stream())
                .map(e -> e.get("timestamp").longValue())
                .toList();
    }
}
