package io.liveinsight.load.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.SessionIds;
import io.liveinsight.load.check.ExpectedSegments;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostileIdsTest {

    private static final long NOW = 1_780_000_000_000L;
    private static final long HOUR = 3_600_000;

    @Test
    void ids_areValidClientIdsUpToTheLongestAllowed_andNoneIsAnotherOnesSegment() {
        List<String> ids = HostileIds.punctuationAndUnicodeIds();

        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids)
                .allSatisfy(id -> assertThat(id.codePointCount(0, id.length())).isBetween(1, 128));
        assertThat(ids)
                .filteredOn(id -> id.codePointCount(0, id.length()) == 128)
                .hasSize(4);
        assertThat(ids).anySatisfy(id -> assertThat(id.codePoints().allMatch(Character::isSupplementaryCodePoint))
                .isTrue());
        Set<String> derived = new HashSet<>();
        for (String id : ids) {
            for (int ordinal = 1; ordinal < 4; ordinal++) {
                derived.add(SessionIds.segmentId(id, ordinal));
            }
        }
        assertThat(derived).hasSize(3 * ids.size()).doesNotContainAnyElementsOf(ids);
    }

    @Test
    void plan_sendsTheAttackInItsOrder_andEveryHostileIdGetsASecondSegment() {
        List<HostileIds.Request> plan = HostileIds.plan("t", NOW);

        assertThat(session(plan.get(0))).isEqualTo("evil");
        assertThat(time(plan.get(0))).isEqualTo(NOW - 3 * HOUR);
        assertThat(time(plan.get(1))).isEqualTo(NOW - HOUR);
        assertThat(plan.get(1).awaitStored()).isEqualTo(SessionIds.segmentId("evil", 1));
        assertThat(session(plan.get(2))).isEqualTo("evil~1");
        assertThat(session(plan.get(3))).isEqualTo("victim~1");
        assertThat(plan.get(3).awaitStored()).isEqualTo("victim~1");
        assertThat(List.of(session(plan.get(4)), session(plan.get(5)))).containsOnly("victim");

        Map<String, List<Map<String, Object>>> bySession = plan.stream()
                .flatMap(r -> r.events().stream())
                .collect(java.util.stream.Collectors.groupingBy(e -> (String) e.get("session_id")));
        assertThat(ExpectedSegments.of("evil", bySession.get("evil"))).hasSize(2);
        assertThat(ExpectedSegments.of("evil~1", bySession.get("evil~1"))).hasSize(1);
        assertThat(ExpectedSegments.of("victim", bySession.get("victim"))).hasSize(2);
        for (String id : HostileIds.punctuationAndUnicodeIds()) {
            assertThat(ExpectedSegments.of(id, bySession.get(id))).as(id).hasSize(2);
        }
        assertThat(plan.stream().flatMap(r -> r.events().stream()).map(e -> e.get("event_id")))
                .doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat((String) id).matches("[A-Za-z0-9_.:-]{1,64}"));
    }

    private static String session(HostileIds.Request request) {
        return (String) request.events().get(0).get("session_id");
    }

    private static long time(HostileIds.Request request) {
        return (Long) request.events().get(0).get("timestamp");
    }
}
