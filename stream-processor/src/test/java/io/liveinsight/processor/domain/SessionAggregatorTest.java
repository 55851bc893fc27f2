package io.liveinsight.processor.domain;

import static io.liveinsight.processor.Events.event;
import static io.liveinsight.processor.Events.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.Event;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SessionAggregatorTest {

    private final List<Event> session = List.of(
            pageView("e1", "s", 1_000, "/home"),
            event("e2", "s", "click", 2_000, "/home"),
            pageView("e3", "s", 3_000, "/product"),
            event("e4", "s", "add_to_cart", 4_000, "/product"),
            pageView("e5", "s", 9_000, "/checkout"));

    @Test
    void aggregate_whenEventsOfOneSession_computesSpecFigures() {
        SessionAggregate a = SessionAggregator.aggregate("s", session);

        assertThat(a.startTime()).isEqualTo(1_000);
        assertThat(a.lastActivity()).isEqualTo(9_000);
        assertThat(a.sessionDuration()).isEqualTo(8_000);
        assertThat(a.totalEvents()).isEqualTo(5);
        assertThat(a.pageViews()).isEqualTo(3);
        assertThat(a.entryPage().value()).isEqualTo("/home");
        assertThat(a.exitPage().value()).isEqualTo("/checkout");
        assertThat(a.eventTypes()).isEqualTo(Map.of("page_view", 3L, "click", 1L, "add_to_cart", 1L));
    }

    @Test
    void aggregate_whenEventsOutOfOrder_givesTheSameAggregate() {
        SessionAggregate inOrder = SessionAggregator.aggregate("s", session);
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            List<Event> shuffled = new ArrayList<>(session);
            Collections.shuffle(shuffled, random);

            assertThat(SessionAggregator.aggregate("s", shuffled)).isEqualTo(inOrder);
        }
    }

    @Test
    void aggregate_whenEventRepeated_countsItOnce() {
        List<Event> withDuplicates = new ArrayList<>(session);
        withDuplicates.add(session.get(2));
        withDuplicates.add(session.get(0));

        assertThat(SessionAggregator.aggregate("s", withDuplicates))
                .isEqualTo(SessionAggregator.aggregate("s", session));
    }

    @Test
    void merge_whenSplitAnyWay_equalsAggregateOfAll() {
        SessionAggregate all = SessionAggregator.aggregate("s", session);
        for (int cut = 1; cut < session.size(); cut++) {
            SessionAggregate left = SessionAggregator.aggregate("s", session.subList(0, cut));
            SessionAggregate right = SessionAggregator.aggregate("s", session.subList(cut, session.size()));

            assertThat(left.merge(right)).isEqualTo(all);
            assertThat(right.merge(left)).isEqualTo(all);
        }
    }

    @Test
    void aggregate_whenOneEventIsBot_flagsTheSession() {
        Event bot = new Event(
                "b1",
                "u",
                "s",
                "page_view",
                500,
                "/",
                null,
                "Googlebot",
                Map.of(),
                null,
                null,
                null,
                null,
                600,
                null,
                true,
                false);
        List<Event> events = new ArrayList<>(session);
        events.add(bot);

        assertThat(SessionAggregator.aggregate("s", events).isBot()).isTrue();
    }

    @Test
    void aggregate_whenEventsInSeveralMinutes_countsEventsPerMinute() {
        SessionAggregate a = SessionAggregator.aggregate("s", session);

        assertThat(a.minutes()).containsExactly(java.util.Map.entry(0L, 5L));
        SessionAggregate later = SessionAggregator.aggregate(
                "s",
                List.of(
                        pageView("x", "s", 60_000, "/"),
                        pageView("y", "s", 125_000, "/"),
                        pageView("z", "s", 130_000, "/")));
        assertThat(later.minutes()).containsExactly(java.util.Map.entry(1L, 1L), java.util.Map.entry(2L, 2L));
        assertThat(later.expiresAt()).isEqualTo(130 + 30 * 60);
    }
}
