package io.liveinsight.load.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.load.traffic.RecordedLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BeaconPlannerTest {

    private static final long EPOCH = 1_800_000_000_000L;

    private static RecordedLine event(long at, String session, int n) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event_id", session + "-" + n);
        e.put("session_id", session);
        e.put("event_type", "page_view");
        e.put("timestamp", 1L);
        return RecordedLine.event(at, e);
    }

    @Test
    void plan_whenBatchFills_sendsItAtOnce() {
        List<RecordedLine> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lines.add(event(i * 100L, "a", i));
        }

        List<Beacon> plan = new BeaconPlanner(TrackerBatching.TRACKER_DEFAULTS, 1, EPOCH).plan(lines);

        assertThat(plan).hasSize(1);
        assertThat(plan.get(0).sendAtMs()).isEqualTo(900);
        assertThat(plan.get(0).eventCount()).isEqualTo(10);
    }

    @Test
    void plan_whenBatchIncomplete_sendsItAfterTheFlushInterval() {
        List<Beacon> plan = new BeaconPlanner(TrackerBatching.TRACKER_DEFAULTS, 1, EPOCH)
                .plan(List.of(event(0, "a", 0), event(1_000, "a", 1), event(7_000, "a", 2)));

        assertThat(plan).extracting(Beacon::sendAtMs).containsExactly(5_000L, 12_000L);
        assertThat(plan).extracting(Beacon::eventCount).containsExactly(2, 1);
    }

    @Test
    void plan_batchesPerSession_neverMixingSessions() {
        List<Beacon> plan = new BeaconPlanner(TrackerBatching.TRACKER_DEFAULTS, 1, EPOCH)
                .plan(List.of(event(0, "a", 0), event(10, "b", 0), event(20, "a", 1)));

        assertThat(plan).hasSize(2);
        assertThat(plan).allSatisfy(b -> assertThat(b.events())
                .allSatisfy(e -> assertThat(e.get("session_id")).isEqualTo(b.sessionId())));
    }

    @Test
    void plan_atTenTimesSpeed_compressesSendTimesAndTimestamps() {
        List<Beacon> plan = new BeaconPlanner(TrackerBatching.TRACKER_DEFAULTS, 10, EPOCH)
                .plan(List.of(event(0, "a", 0), event(20_000, "b", 0)));

        assertThat(plan).extracting(Beacon::sendAtMs).containsExactly(500L, 2_500L);
        assertThat(plan.get(1).events().get(0).get("timestamp")).isEqualTo(EPOCH + 2_000);
        assertThat(plan.get(1).body()).contains("\"timestamp\":" + (EPOCH + 2_000));
    }

    @Test
    void plan_atFullSpeed_dueAtOnceWithTimestampsEndingAtTheEpoch() {
        List<Beacon> plan = new BeaconPlanner(TrackerBatching.TRACKER_DEFAULTS, 0, EPOCH)
                .plan(List.of(event(0, "a", 0), event(60_000, "b", 0)));

        assertThat(plan).extracting(Beacon::sendAtMs).containsOnly(0L);
        assertThat(plan).extracting(b -> b.events().get(0).get("timestamp")).containsExactly(EPOCH - 60_000, EPOCH);
    }

    @Test
    void plan_malformedLine_isItsOwnRequest() {
        List<Beacon> plan = new BeaconPlanner(TrackerBatching.TRACKER_DEFAULTS, 1, EPOCH)
                .plan(List.of(RecordedLine.malformed(300, "{broken")));

        assertThat(plan).singleElement().satisfies(b -> {
            assertThat(b.isMalformed()).isTrue();
            assertThat(b.body()).isEqualTo("{broken");
            assertThat(b.sendAtMs()).isEqualTo(300);
        });
    }

    @Test
    void plan_onePerRequest_likeTheOriginalClient() {
        List<Beacon> plan = new BeaconPlanner(TrackerBatching.ONE_PER_REQUEST, 1, EPOCH)
                .plan(List.of(event(0, "a", 0), event(5, "a", 1)));

        assertThat(plan).extracting(Beacon::eventCount).containsExactly(1, 1);
    }
}
