package io.liveinsight.processor.domain;

import static io.liveinsight.processor.Events.event;
import static io.liveinsight.processor.Events.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.Event;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionStateTest {

    private static final long MINUTE = 60_000;

    private static SessionState apply(SessionState current, Event... events) {
        return SessionState.apply(current, "s", List.of(events)).orElseThrow().state();
    }

    @Test
    void apply_whenNewSession_countsEachDistinctEvent() {
        SessionState state =
                apply(null, pageView("a", "s", 1, "/"), event("b", "s", "click", 2, "/"), pageView("a", "s", 1, "/"));

        assertThat(state.segments()).hasSize(1);
        assertThat(state.segments().get(0).totalEvents()).isEqualTo(2);
        assertThat(state.appliedEvents()).isEqualTo(2);
        assertThat(state.seen().size()).isEqualTo(2);
    }

    @Test
    void apply_whenEveryEventCountedBefore_changesNothing() {
        SessionState stored = apply(null, pageView("a", "s", 1, "/"), pageView("b", "s", 2, "/"));

        assertThat(SessionState.apply(stored, "s", List.of(pageView("b", "s", 2, "/"), pageView("a", "s", 1, "/"))))
                .isEmpty();
    }

    @Test
    void apply_whenBatchMixesResendsAndNewEvents_countsOnlyTheNewOnes() {
        SessionState stored = apply(null, pageView("a", "s", 1, "/a"), pageView("b", "s", 2, "/b"));

        SessionState.Applied next = SessionState.apply(
                        stored, "s", List.of(pageView("b", "s", 2, "/b"), pageView("c", "s", 3, "/c")))
                .orElseThrow();

        assertThat(next.state().segments().get(0).totalEvents()).isEqualTo(3);
        assertThat(next.state().segments().get(0).exitPage().value()).isEqualTo("/c");
        assertThat(next.state().appliedEvents()).isEqualTo(3);
        assertThat(next.changedSegments()).containsExactly(0);
    }

    @Test
    void apply_whenGapOverThirtyMinutes_startsSegmentWithDeterministicId() {
        SessionState state = apply(
                null,
                pageView("a", "s", 0, "/a"),
                pageView("b", "s", 29 * MINUTE, "/b"),
                pageView("c", "s", 60 * MINUTE, "/c"),
                pageView("d", "s", 61 * MINUTE, "/d"));

        assertThat(state.segments()).extracting(SessionAggregate::sessionId).containsExactly("s", "s~1");
        assertThat(state.segments().get(0).totalEvents()).isEqualTo(2);
        assertThat(state.segments().get(0).exitPage().value()).isEqualTo("/b");
        assertThat(state.segments().get(1).totalEvents()).isEqualTo(2);
        assertThat(state.segments().get(1).entryPage().value()).isEqualTo("/c");
    }

    @Test
    void apply_whenExactlyThirtyMinutesApart_staysOneSession() {
        SessionState state = apply(null, pageView("a", "s", 0, "/"), pageView("b", "s", 30 * MINUTE, "/"));

        assertThat(state.segments()).hasSize(1);
    }

    @Test
    void apply_whenActiveForMoreThanADay_capsEachSegmentBelow24Hours() {
        SessionState state = null;
        for (int minute = 0; minute <= 25 * 60; minute += 20) {
            state = SessionState.apply(state, "s", List.of(pageView("e" + minute, "s", minute * MINUTE, "/")))
                    .orElseThrow()
                    .state();
        }

        assertThat(state.segments()).hasSize(2);
        assertThat(state.segments())
                .allSatisfy(s -> assertThat(s.sessionDuration()).isLessThan(24 * 60 * MINUTE));
        assertThat(state.segments().stream()
                        .mapToLong(SessionAggregate::totalEvents)
                        .sum())
                .isEqualTo(state.appliedEvents());
    }

    @Test
    void apply_whenLateEventBelongsToEarlierSegment_joinsIt() {
        SessionState split = apply(null, pageView("a", "s", 0, "/a"), pageView("c", "s", 90 * MINUTE, "/c"));

        SessionState.Applied late = SessionState.apply(split, "s", List.of(pageView("b", "s", 10 * MINUTE, "/b")))
                .orElseThrow();

        assertThat(late.changedSegments()).isEqualTo(Set.of(0));
        assertThat(late.state().segments().get(0).exitPage().value()).isEqualTo("/b");
        assertThat(late.state().segments().get(1).totalEvents()).isEqualTo(1);
    }

    @Test
    void fingerprints_whenSerialised_roundTripAndStaySorted() {
        EventFingerprints fingerprints = EventFingerprints.EMPTY.plus(
                List.of(EventFingerprints.of("b"), EventFingerprints.of("a"), EventFingerprints.of("b")));

        assertThat(fingerprints.size()).isEqualTo(2);
        assertThat(EventFingerprints.fromBytes(fingerprints.toBytes())).isEqualTo(fingerprints);
        assertThat(fingerprints.contains(EventFingerprints.of("a"))).isTrue();
        assertThat(fingerprints.contains(EventFingerprints.of("c"))).isFalse();
    }
}
