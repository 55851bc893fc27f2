package io.liveinsight.load.replay.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.load.replay.source.Origin;
import io.liveinsight.load.replay.source.ReplayJson;
import io.liveinsight.load.replay.source.TimedRequest;
import java.util.ArrayList;
import java.util.List;

/** Recorded requests for the planning tests. */
final class Requests {

    private Requests() {}

    static TimedRequest at(long receivedAt, String... events) {
        List<ObjectNode> nodes = new ArrayList<>();
        for (String event : events) {
            nodes.add((ObjectNode) ReplayJson.parse(event));
        }
        return new TimedRequest(receivedAt, new Origin("test", receivedAt), nodes);
    }

    static String event(String id, String session, long timestamp) {
        return "{\"event_id\":\"" + id + "\",\"session_id\":\"" + session + "\",\"user_id\":\"u-" + session
                + "\",\"timestamp\":" + timestamp + "}";
    }

    static List<String> ids(List<TimedRequest> requests) {
        return requests.stream()
                .flatMap(r -> r.events().stream())
                .map(e -> e.get("event_id").textValue())
                .toList();
    }
}
