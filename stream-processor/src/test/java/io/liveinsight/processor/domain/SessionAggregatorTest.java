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
        SessionAggregate a = SessionAggregator.aggregate(session).get("s");

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
        SessionAggregate inOrder = SessionAggregator.aggregate(session).get("s");
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            List<Event> shuffled = new ArrayList<>(session);
            Collections.shuffle(shuffled, random);

            assertThat(SessionAggregator.aggregate(shuffled).get("s")).isEqualTo(inOrder);
        }
    }

    @Test
    void aggregate_whenEventRepeated_countsItOnce() {
        List<Event> withDuplicates = new ArrayList<>(session);
        withDuplicates.add(session.get(2));
        withDuplicates.add(session.get(0));

        assertThat(SessionAggregator.aggregate(withDuplicates).get("s"))
                .isEqualTo(SessionAggregator.aggregate(session).get("s"));
    }

    @Test
    void merge_whenSplitAnyWay_equalsAggregateOfAll() {
        SessionAggregate all = SessionAggregator.aggregate(session).get("s");
        for (int cut = 1; cut < session.size(); cut++) {
            SessionAggregate left =
                    SessionAggregator.aggregate(session.subList(0, cut)).get("s");
            SessionAggregate right = SessionAggregator.aggregate(session.subList(cut, session.size()))
                    .get("s");

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

        assertThat(SessionAggregator.aggregate(events).get("s").isBot()).isTrue();
    }

    @Test
    void aggregate_whenTwoSessions_keepsThemApart() {
        var sessions = SessionAggregator.aggregate(List.of(pageView("a", "s1", 1, "/a"), pageView("b", "s2", 2, "/b")));

        assertThat(sessions).containsOnlyKeys("s1", "s2");
        assertThat(sessions.get("s2").entryPage().value()).isEqualTo("/b");
    }
}
