package io.liveinsight.load.original;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.load.replay.Beacon;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SustainedRunTest {

    @Test
    void plan_whenTenAnRequest_sendsEachSessionInOneRequest() {
        List<Beacon> plan = SustainedRun.plan("r", 3_000, 10, 1_000_000);

        assertThat(plan).hasSize(300).allSatisfy(b -> {
            assertThat(b.eventCount()).isEqualTo(10);
            assertThat(b.events()).allMatch(e -> e.get("session_id").equals(b.sessionId()));
        });
        assertThat(plan.stream().flatMap(b -> b.events().stream()).map(e -> e.get("event_id")))
                .hasSize(3_000)
                .doesNotHaveDuplicates();
    }

    @Test
    void plan_whenOneARequest_spreadsEachSessionsEventsOverTheRun() {
        List<Beacon> plan = SustainedRun.plan("r", 3_000, 1, 1_000_000);

        assertThat(plan).hasSize(3_000).allMatch(b -> b.eventCount() == 1);
        Map<String, List<Integer>> positions = plan.stream()
                .collect(Collectors.groupingBy(
                        Beacon::sessionId, Collectors.mapping(plan::indexOf, Collectors.toList())));
        assertThat(positions).hasSize(300).allSatisfy((session, at) -> assertThat(at.get(9) - at.get(0))
                .isEqualTo(9 * 300));
        assertThat(SustainedRun.plan("r", 3_000, 10, 1).get(0).events().get(0).get("event_id"))
                .as("the two plans never share an event")
                .isNotEqualTo(plan.get(0).events().get(0).get("event_id"));
    }
}
