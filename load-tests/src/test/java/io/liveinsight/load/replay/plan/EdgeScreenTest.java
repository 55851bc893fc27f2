package io.liveinsight.load.replay.plan;

import static io.liveinsight.load.replay.plan.Requests.at;
import static io.liveinsight.load.replay.plan.Requests.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.load.replay.source.ReplayJson;
import io.liveinsight.load.replay.source.TimedRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only what the edge takes is sent (docs/contract/events.md#validation-errors), cut to its limits. */
class EdgeScreenTest {

    @Test
    void of_whenEventsCarryEdgeFields_removesThemAndKeepsEverythingElseExactly() {
        String hostile = "{\"event_id\":\"e1\",\"session_id\":\"\uD83D\uDE00~#|<script>\",\"user_id\":\"u\","
                + "\"page_url\":\"/\\u0000x\",\"timestamp\":5,\"properties\":{\"p\":1.50},\"received_at\":9,"
                + "\"ip\":\"203.0.113.0\",\"is_bot\":true,\"clock_skew\":false,\"replay_run\":\"r1\"}";

        EdgeScreen.Result result = EdgeScreen.of(List.of(at(10, hostile)));

        assertThat(result.refused()).isEmpty();
        assertThat(ReplayJson.write(result.requests().get(0).events().get(0)))
                .isEqualTo("{\"event_id\":\"e1\",\"session_id\":\"\uD83D\uDE00~#|<script>\",\"user_id\":\"u\","
                        + "\"page_url\":\"/\\u0000x\",\"timestamp\":5,\"properties\":{\"p\":1.50}}");
    }

    @Test
    void of_whenTheEdgeWouldRefuseAnEvent_doesNotSendItAndSaysEveryReason() {
        EdgeScreen.Result result = EdgeScreen.of(List.of(at(
                10,
                event("ok", "s", 5),
                "{\"event_id\":\"bad id!\",\"event_type\":\"Not A Type\",\"session_id\":\"s\",\"user_id\":\"u\"}",
                "{\"event_id\":\"big\",\"session_id\":\"s\",\"user_id\":\"u\",\"page_url\":\"" + "x".repeat(2_049)
                        + "\"}",
                "{\"event_id\":\"huge\",\"session_id\":\"s\",\"user_id\":\"u\",\"properties\":{" + properties(40, 1_000)
                        + "}}",
                "{\"event_id\":\"t\",\"session_id\":\"s\",\"user_id\":\"u\",\"timestamp\":\"yesterday\"}")));

        assertThat(Requests.ids(result.requests())).containsExactly("ok");
        assertThat(result.refused()).extracting(Refused::eventId).containsExactly("bad id!", "big", "huge", "t");
        assertThat(result.refused().get(0).reasons())
                .isEqualTo("event_id: must be 1-64 characters of A-Z a-z 0-9 _ . : -; "
                        + "event_type: must be 1-64 characters of a-z 0-9 _ . : -");
        assertThat(result.refused().get(1).reasons()).isEqualTo("page_url: must be at most 2048 characters");
        assertThat(result.refused().get(2).reasons()).startsWith("event: must be at most 32768 bytes of JSON (is ");
        assertThat(result.refused().get(3).reasons()).isEqualTo("timestamp: must be a number (epoch milliseconds)");
        assertThat(result.refused().get(0).where()).isEqualTo("test:10 event 1");
    }

    @Test
    void of_whenARequestHasMoreThan500Events_cutsItIntoRequestsTheEdgeTakes() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 1_201; i++) {
            events.add(event("e" + i, "s", i));
        }

        List<TimedRequest> out =
                EdgeScreen.of(List.of(at(10, events.toArray(String[]::new)))).requests();

        assertThat(out).extracting(r -> r.events().size()).containsExactly(500, 500, 201);
        assertThat(Requests.ids(out)).hasSize(1_201).startsWith("e0").endsWith("e1200");
    }

    @Test
    void of_whenABodyWouldPassOneMebibyte_cutsItByBytes() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add("{\"event_id\":\"e" + i + "\",\"session_id\":\"s\",\"user_id\":\"u\",\"properties\":{"
                    + properties(25, 1_000) + "}}");
        }

        List<TimedRequest> out =
                EdgeScreen.of(List.of(at(10, events.toArray(String[]::new)))).requests();

        assertThat(out).hasSizeGreaterThan(1);
        assertThat(out).allSatisfy(r -> assertThat(ReplayJson.write(r.events()).length())
                .isLessThanOrEqualTo(EdgeScreen.MAX_BODY_BYTES));
        assertThat(Requests.ids(out)).hasSize(100);
    }

    private static String properties(int count, int chars) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ",")
                    .append("\"k")
                    .append(i)
                    .append("\":\"")
                    .append("v".repeat(chars))
                    .append('"');
        }
        return out.toString();
    }
}
