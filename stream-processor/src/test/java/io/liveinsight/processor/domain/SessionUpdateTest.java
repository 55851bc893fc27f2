package io.liveinsight.processor.domain;

import static io.liveinsight.processor.Events.event;
import static io.liveinsight.processor.Events.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionUpdateTest {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long T0 = 1_790_000_000_000L;

    private final InMemorySessions store = new InMemorySessions("s");

    @Test
    void apply_whenOneEventPerRecordForFourDays_touchesOneItemPerRecordAndKeepsFewSegmentsOpen() {
        int maxWrites = 0;
        int maxOpen = 0;
        int events = 4 * 24 * 120; // a heartbeat every 30 s for four days
        for (int i = 0; i < events; i++) {
            RecordPosition position = store.nextPosition();
            SessionUpdate.Plan plan =
                    store.apply(position, List.of(event("h" + i, "s", "heartbeat", T0 + i * 30_000L, "/")), false);
            maxWrites = Math.max(maxWrites, plan.writes().size());
            maxOpen = Math.max(maxOpen, plan.after().open().size());
        }

        List<SessionAggregate> segments = store.aggregates();
        assertThat(segments).hasSize(4); // cut every 24 h
        assertThat(segments.stream().mapToLong(SessionAggregate::totalEvents).sum())
                .isEqualTo(events);
        assertThat(maxWrites).isEqualTo(1);
        assertThat(maxOpen).isLessThanOrEqualTo(3);
        assertThat(store.stored().sealed()).isEqualTo(1);
        assertThat(segments.get(0).minutes()).hasSizeLessThanOrEqualTo(31);
    }

    @Test
    void apply_whenAnOldRecordIsReplayedAfterLaterOnes_countsNothingAgain() {
        List<Event> first = List.of(pageView("a", "s", T0, "/"), event("b", "s", "click", T0 + 1_000, "/"));
        RecordPosition position = store.deliver(first);
        store.deliver(List.of(pageView("c", "s", T0 + 2 * MINUTE, "/cart")));
        List<SessionAggregate> before = store.aggregates();

        SessionUpdate.Plan plan = store.apply(position, first, true);

        assertThat(plan.writes()).isEmpty();
        assertThat(plan.replayedInto()).hasSize(1);
        assertThat(store.aggregates()).isEqualTo(before);
    }

    @Test
    void apply_whenAnEventClosesTheGap_mergesTheSegmentsAndRemovesTheLaterItem() {
        store.deliver(List.of(pageView("a", "s", T0, "/")));
        store.deliver(List.of(pageView("b", "s", T0 + 50 * MINUTE, "/b")));
        assertThat(store.aggregates()).hasSize(2);

        store.deliver(List.of(pageView("c", "s", T0 + 25 * MINUTE, "/c")));

        assertThat(store.aggregates()).hasSize(1);
        assertThat(store.itemCount()).isEqualTo(1);
        SessionAggregate merged = store.aggregates().get(0);
        assertThat(merged.totalEvents()).isEqualTo(3);
        assertThat(merged.sessionId()).isEqualTo("s");
        assertThat(merged.exitPage().value()).isEqualTo("/b");
    }

    @Test
    void apply_whenAnEventComesBeforeTheFirstSegment_renumbersSoTheEarliestKeepsTheClientId() {
        store.deliver(List.of(pageView("late", "s", T0 + 2 * HOUR, "/later")));

        store.deliver(List.of(pageView("early", "s", T0, "/early")));

        List<SessionAggregate> segments = store.aggregates();
        assertThat(segments)
                .extracting(SessionAggregate::sessionId)
                .containsExactly("s", SessionRules.segmentId("s", 1));
        assertThat(segments.get(0).entryPage().value()).isEqualTo("/early");
        assertThat(segments.get(1).entryPage().value()).isEqualTo("/later");
    }

    @Test
    void apply_whenAnEventIsOlderThanTheSealedSegmentsAllow_setsItAsideUnlessItIsAReplay() {
        for (int day = 0; day < 3; day++) {
            store.deliver(List.of(pageView("d" + day, "s", T0 + day * 25 * HOUR, "/")));
        }
        assertThat(store.stored().sealed()).isEqualTo(1);
        Event ancient = pageView("ancient", "s", T0 + HOUR, "/");

        SessionUpdate.Plan fresh = store.apply(store.nextPosition(), List.of(ancient), false);
        SessionUpdate.Plan replay = store.apply(store.nextPosition(), List.of(ancient), true);

        assertThat(fresh.tooOld()).containsExactly(new PositionedEvent(ancient, InMemorySessions.position(4), false));
        assertThat(fresh.writes()).isEmpty();
        assertThat(replay.tooOld()).isEmpty();
        assertThat(store.aggregates().stream()
                        .mapToLong(SessionAggregate::totalEvents)
                        .sum())
                .isEqualTo(3);
    }

    @Test
    void aggregate_whenManyEventTypes_keepsABoundedMapWithTheRestCounted() {
        for (int i = 0; i < 100; i++) {
            store.deliver(List.of(event("e" + i, "s", "type_" + (1000 + i), T0 + i * 1_000L, "/")));
        }

        SessionAggregate session = store.aggregates().get(0);
        assertThat(session.eventTypes()).hasSize(SessionAggregate.MAX_EVENT_TYPES);
        assertThat(session.eventTypes().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(100);
        assertThat(session.eventTypes()).containsEntry(SessionAggregate.OTHER_TYPES, 100L - 31);
    }
}
