package io.liveinsight.load.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LateResendsTest {

    private static Map<String, Object> event(String id, String session) {
        return Requests.event(id, session, "u", 1_780_000_000_000L, "page_view", "/");
    }

    @Test
    void regroup_sendsTheSameEventsInOtherRequests() {
        List<Map<String, Object>> three = List.of(event("a1", "a"), event("a2", "a"), event("a3", "a"));
        List<List<Map<String, Object>>> acknowledged =
                List.of(three, List.of(event("b1", "b")), List.of(event("c1", "c")));

        List<List<Map<String, Object>>> again = LateResends.regroup(acknowledged);

        assertThat(again)
                .containsExactly(
                        List.of(event("a2", "a"), event("a3", "a")),
                        List.of(event("a1", "a")),
                        List.of(event("b1", "b"), event("c1", "c")));
        assertThat(again.stream().flatMap(List::stream))
                .containsExactlyInAnyOrderElementsOf(
                        acknowledged.stream().flatMap(List::stream).toList());
    }

    @Test
    void regroup_whenManySingleEvents_gathersTenToARequest() {
        List<List<Map<String, Object>>> singles = java.util.stream.IntStream.range(0, 23)
                .mapToObj(i -> List.of(event("e" + i, "s" + i)))
                .toList();

        assertThat(LateResends.regroup(singles)).extracting(List::size).containsExactly(10, 10, 3);
    }
}
