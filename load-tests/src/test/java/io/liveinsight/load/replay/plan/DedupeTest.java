package io.liveinsight.load.replay.plan;

import static io.liveinsight.load.replay.plan.Requests.at;
import static io.liveinsight.load.replay.plan.Requests.event;
import static io.liveinsight.load.replay.plan.Requests.ids;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/contract/archive.md#duplicates: each event id once, the first by received_at. */
class DedupeTest {

    @Test
    void of_whenAnIdRepeats_keepsItsFirstByReceivedAtWhateverTheReadOrder() {
        Dedupe.Result result = Dedupe.of(List.of(
                at(2_000, event("a", "s", 1), event("b", "s", 1)),
                at(1_000, "{\"event_id\":\"a\",\"session_id\":\"s\",\"page_url\":\"/first\"}"),
                at(3_000, event("a", "s", 1))));

        assertThat(ids(result.requests())).containsExactly("a", "b");
        assertThat(result.requests().get(0).events().get(0).get("page_url").textValue())
                .isEqualTo("/first");
        assertThat(result.requests()).hasSize(2); // the third request held only a repeat
        assertThat(result.dropped()).isEqualTo(2);
    }

    @Test
    void of_whenTwoRequestsShareATime_keepsTheOneReadFirst() {
        Dedupe.Result result = Dedupe.of(List.of(
                at(1_000, "{\"event_id\":\"a\",\"page_url\":\"/read-first\"}"),
                at(1_000, "{\"event_id\":\"a\",\"page_url\":\"/read-second\"}")));

        assertThat(result.requests()).singleElement().satisfies(r -> assertThat(
                        r.events().get(0).get("page_url").textValue())
                .isEqualTo("/read-first"));
    }

    @Test
    void of_whenAnIdIsNoString_leavesItForTheEdgeRules() {
        Dedupe.Result result = Dedupe.of(List.of(at(1, "{\"event_id\":7}"), at(2, "{\"event_id\":7}")));

        assertThat(result.requests()).hasSize(2);
        assertThat(result.dropped()).isZero();
    }
}
