package io.liveinsight.load.replay.plan;

import static io.liveinsight.load.replay.plan.Requests.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.replay.ReplayIds;
import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.load.replay.source.Skipped;
import io.liveinsight.load.replay.source.SourceRead;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole plan: what is sent, when, and what the tables must then hold (docs/contract/replay.md#ids). */
class PlannerTest {

    static final long NOW = 1_800_000_000_000L;
    static final String KEY = "a-replay-key-of-some-length";
    static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    private final SourceRead read = new SourceRead(
            "test",
            List.of(
                    at(
                            1_000,
                            "{\"event_id\":\"a\",\"session_id\":\"s\",\"user_id\":\"u\",\"timestamp\":900,"
                                    + "\"user_agent\":\"" + FIREFOX + "\",\"page_url\":\"/p\",\"is_bot\":true}"),
                    at(2_000, "{\"event_id\":\"b\",\"session_id\":\"s\",\"user_id\":\"u\",\"event_type\":\"click\"}"),
                    at(2_500, "{\"event_id\":\"a\",\"session_id\":\"s\",\"user_id\":\"u\"}"),
                    at(
                            3_000,
                            "{\"event_id\":\"c\",\"session_id\":\"t\",\"user_id\":\"v\",\"user_agent\":\"" + GOOGLEBOT
                                    + "\"}",
                            "{\"event_id\":\"d\",\"session_id\":\"t\",\"user_id\":\"v\",\"ip\":\"1.2.3.4\"}"),
                    at(4_000, "{\"event_id\":\"bad id\"}")),
            List.of(new Skipped("x", "y")));

    @Test
    void plan_whenOnTheLane_expectsTheRunsMappedIdsAndSendsTheIdsAsRecorded() {
        ReplayPlan plan =
                new Planner(new Pace.Speed(1), true, IdMapping.lane(ReplayKey.of(KEY), "run-1")).plan(read, NOW);

        ReplayIds ids = new ReplayIds(ReplayKey.of(KEY), "run-1");
        assertThat(plan.expected())
                .extracting(ExpectedEvent::eventId)
                .containsExactly(ids.eventId("a"), ids.eventId("b"), ids.eventId("c"), ids.eventId("d"));
        assertThat(plan.expected().get(0).sessionId()).isEqualTo(ids.sessionId("s"));
        assertThat(plan.expected().get(0).userId()).isEqualTo(ids.userId("u"));
        assertThat(plan.requests().get(0).events().get(0).get("event_id").textValue())
                .isEqualTo("a");
        assertThat(plan.eventsRead()).isEqualTo(6);
        assertThat(plan.duplicatesDropped()).isEqualTo(1);
        assertThat(plan.refused()).singleElement().satisfies(r -> assertThat(r.reasons())
                .startsWith("event_id"));
        assertThat(plan.skipped()).hasSize(1);
    }

    @Test
    void plan_whenNoLane_expectsTheIdsAsSentWithTimesShiftedAndPaced() {
        ReplayPlan plan = new Planner(new Pace.Speed(2), true, IdMapping.asSent()).plan(read, NOW);

        assertThat(plan.requests()).extracting(PlannedRequest::sendAtMs).containsExactly(0L, 500L, 1_000L);
        assertThat(plan.expected()).extracting(ExpectedEvent::eventId).containsExactly("a", "b", "c", "d");
        assertThat(plan.expected()).extracting(ExpectedEvent::timestamp).allSatisfy(t -> assertThat(t)
                .isLessThanOrEqualTo(NOW + 1_000));
        assertThat(plan.expected().get(1).timestamp() - plan.expected().get(0).timestamp())
                .isEqualTo(1_100);
        assertThat(plan.expected().get(1).eventType()).isEqualTo("click");
        assertThat(plan.expected().get(0).eventType()).isEqualTo("page_view");
        assertThat(plan.requests().get(0).events().get(0).has("is_bot")).isFalse();
    }

    @Test
    void plan_whenUserAgentsDiffer_sendsTheRecordedOneAndExpectsTheEdgesBotRule() {
        ReplayPlan plan = new Planner(new Pace.Max(), true, IdMapping.asSent()).plan(read, NOW);

        assertThat(plan.requests())
                .extracting(PlannedRequest::userAgent)
                .containsExactly(FIREFOX, PlannedRequest.DEFAULT_USER_AGENT, GOOGLEBOT);
        // a: Firefox (recorded is_bot ignored); b: no agent, the default; c: Googlebot; d: the header's Googlebot
        assertThat(plan.expected()).extracting(ExpectedEvent::bot).containsExactly(false, false, true, true);
    }

    @Test
    void headerUserAgent_whenTheRecordedOneHasNonAscii_replacesItAndCutsAt512() {
        assertThat(PlannedRequest.headerUserAgent("Agent\u00e9\r\n\uD83D\uDE00 x"))
                .isEqualTo("Agent???? x");
        assertThat(PlannedRequest.headerUserAgent("a".repeat(600))).hasSize(512);
        assertThat(PlannedRequest.headerUserAgent("\u00e9 ")).isEqualTo("?");
        assertThat(PlannedRequest.headerUserAgent(" ")).isEqualTo(PlannedRequest.DEFAULT_USER_AGENT);
    }
}
