package io.liveinsight.load.replay.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.ingest.domain.Ids;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** docs/contract/replay.md#ids: ids for events without them, the same every time they are read. */
class MissingIdsTest {

    @Test
    void fill_whenIdsAreAbsentOrNull_givesIdsFromTheSourceLineAndPosition() {
        List<ObjectNode> events = events("{}", "{\"event_id\":null,\"user_id\":\"u1\"}", "{\"user_id\":\"u1\"}");

        MissingIds.fill(new Origin("a.ndjson", 7), events);

        String tag = MissingIds.tag("a.ndjson");
        assertThat(events)
                .extracting(e -> e.get("event_id").textValue())
                .containsExactly("rp-" + tag + "-7-0", "rp-" + tag + "-7-1", "rp-" + tag + "-7-2");
        assertThat(events.get(0).get("session_id").textValue()).isEqualTo("rp-" + tag + "-7-s0");
        assertThat(events.get(1).get("session_id").textValue()).isEqualTo("rp-" + tag + "-7-s1");
        assertThat(events.get(2).get("session_id").textValue()).isEqualTo("rp-" + tag + "-7-s1");
        assertThat(events.get(0).get("user_id").textValue())
                .isEqualTo(new Ids(Clock.systemUTC(), RandomGenerator.getDefault())
                        .userIdForSession("rp-" + tag + "-7-s0"));
    }

    @Test
    void fill_whenIdsArePresentOrOfTheWrongType_leavesThemForTheEdgeToJudge() {
        List<ObjectNode> events = events(
                "{\"event_id\":\"x\",\"session_id\":\"s\",\"user_id\":\"u\"}", "{\"event_id\":42,\"session_id\":[1]}");

        MissingIds.fill(new Origin("b", 1), events);

        assertThat(ReplayJson.write(events.get(0)))
                .isEqualTo("{\"event_id\":\"x\",\"session_id\":\"s\",\"user_id\":\"u\"}");
        assertThat(ReplayJson.write(events.get(1))).isEqualTo("{\"event_id\":42,\"session_id\":[1]}");
    }

    @Test
    void fill_whenTheSourceDiffers_givesOtherIds() {
        List<ObjectNode> a = events("{}");
        List<ObjectNode> b = events("{}");

        MissingIds.fill(new Origin("dt=2026-12-06/hour=09/a.ndjson.gz", 1), a);
        MissingIds.fill(new Origin("dt=2026-12-06/hour=09/b.ndjson.gz", 1), b);

        assertThat(a.get(0).get("event_id")).isNotEqualTo(b.get(0).get("event_id"));
    }

    private static List<ObjectNode> events(String... json) {
        List<ObjectNode> out = new ArrayList<>();
        for (String one : json) {
            out.add((ObjectNode) ReplayJson.parse(one));
        }
        return out;
    }
}
