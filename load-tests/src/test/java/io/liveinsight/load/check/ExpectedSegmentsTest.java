package io.liveinsight.load.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.SessionIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectedSegmentsTest {

    private static final long T = 1_780_000_000_000L;
    private static final long MINUTE = 60_000;

    private static Map<String, Object> event(String id, String session, long time, String type) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event_id", id);
        event.put("session_id", session);
        event.put("user_id", "u");
        event.put("event_type", type);
        event.put("page_url", "https://x/" + id);
        event.put("timestamp", time);
        return event;
    }

    @Test
    void of_whenAGapIsOverThirtyMinutes_startsASegmentUnderADerivedId() {
        List<Map<String, Object>> events = List.of(
                event("e3", "evil", T + 2 * 60 * MINUTE, "page_view"),
                event("e1", "evil", T, "page_view"),
                event("e2", "evil", T + 30 * MINUTE, "click"));

        List<ExpectedSegments.Segment> segments = ExpectedSegments.of("evil", events);

        assertThat(segments).hasSize(2);
        assertThat(segments.get(0).sessionId()).isEqualTo("evil");
        assertThat(segments.get(0).aggregate().totalEvents()).isEqualTo(2); // exactly 30 minutes: still together
        assertThat(segments.get(1).sessionId())
                .startsWith("evil~1~")
                .hasSize(129)
                .endsWith("~~~");
        assertThat(segments.get(1).aggregate().startTime()).isEqualTo(T + 2 * 60 * MINUTE);
        assertThat(segments).allSatisfy(s -> assertThat(s.segmentCount()).isEqualTo(2));
    }

    @Test
    void of_whenActivityReachesTwentyFourHours_cutsAtTheFirstEventThatReachesIt() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i <= 24 * 4 + 2; i++) {
            events.add(event("e" + i, "long", T + i * 15 * MINUTE, "page_view"));
        }

        List<ExpectedSegments.Segment> segments = ExpectedSegments.of("long", events);

        assertThat(segments).extracting(s -> s.events().size()).containsExactly(24 * 4, 3);
        assertThat(segments.get(1).aggregate().startTime()).isEqualTo(T + 24 * 60 * MINUTE);
    }

    @Test
    void segmentId_whateverTheClientIdHoldsIsLongerThanAnyClientIdAndGivesTheClientIdBack() {
        String longest = "😀".repeat(100) + "~".repeat(28);
        for (String client : List.of("~", "x~~", "a~b~1", "a#b|c~d", longest, "evil~1" + "~".repeat(122))) {
            for (int ordinal : List.of(1, 2, 10, 12_345)) {
                String derived = SessionIds.segmentId(client, ordinal);
                assertThat(SessionIds.isDerived(derived)).isTrue();
                assertThat(SessionIds.isDerived(client)).isFalse();
                assertThat(SessionIds.clientSessionId(derived)).isEqualTo(client);
            }
        }
        assertThat(SessionIds.segmentId("x~~", 0)).isEqualTo("x~~");
        assertThat(SessionIds.segmentId("x~~", 1)).isNotEqualTo(SessionIds.segmentId("x~", 1));
    }

    @Test
    void aggregate_whenOverThirtyTwoEventTypes_foldsThoseAfterTheThirtyFirstIntoOther() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(event("e" + i, "s", T + i, String.format("t%02d", i)));
        }
        events.add(event("e40", "s", T + 40, "t00"));

        ExpectedSession session = ExpectedSession.of(events);

        assertThat(session.eventTypes()).hasSize(32).containsEntry("t00", 2L).containsEntry("t30", 1L);
        assertThat(session.eventTypes()).containsEntry("~other", 9L).doesNotContainKey("t31");
    }

    @Test
    void aggregate_keepsTheMinutesOfTheLastHalfHourOnly() {
        ExpectedSession session = ExpectedSession.of(List.of(
                event("a", "s", T, "page_view"),
                event("b", "s", T + 20 * MINUTE, "page_view"),
                event("c", "s", T + 50 * MINUTE, "page_view")));

        long last = (T + 50 * MINUTE) / MINUTE;
        assertThat(session.recentMinutes()).containsOnlyKeys(last - 30, last);
        assertThat(session.expiresAt()).isEqualTo((T + 50 * MINUTE) / 1000 + 1800);
    }
}
