package io.liveinsight.load.replay.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.ingest.domain.BotDetector;
import io.liveinsight.load.replay.source.SourceRead;
import io.liveinsight.load.replay.source.TimedRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * A source's requests as a replay: each event id once ({@link Dedupe}), the times the edge stored
 * ({@link TimeShift#normalize}), only what the edge takes ({@link EdgeScreen}), paced ({@link Pace}), times shifted
 * ({@link TimeShift#apply}), and for each event what the tables must then hold ({@link ExpectedEvent}: the lane's ids,
 * the edge's bot rule for the user agent it will see). Pure but for editing the read events in place.
 */
public final class Planner {

    private final Pace pace;
    private final boolean shiftToNow;
    private final IdMapping ids;

    public Planner(Pace pace, boolean shiftToNow, IdMapping ids) {
        this.pace = pace;
        this.shiftToNow = shiftToNow;
        this.ids = ids;
    }

    /** The plan, with {@code nowMs} the time the first request goes out. */
    public ReplayPlan plan(SourceRead read, long nowMs) {
        Dedupe.Result distinct = Dedupe.of(read.requests());
        TimeShift.Normalized normalized = TimeShift.normalize(distinct.requests());
        EdgeScreen.Result screened = EdgeScreen.of(distinct.requests());
        List<TimedRequest> requests = screened.requests();
        long[] offsets = pace.offsets(requests);
        TimeShift.Result times = TimeShift.apply(requests, offsets, shiftToNow, nowMs, normalized);
        List<PlannedRequest> planned = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            planned.add(request(requests.get(i), offsets[i]));
        }
        return new ReplayPlan(
                read.description(),
                read.events(),
                distinct.dropped(),
                read.skipped(),
                screened.refused(),
                planned,
                pace.describe(),
                times);
    }

    private PlannedRequest request(TimedRequest request, long sendAtMs) {
        String userAgent = request.events().stream()
                .map(e -> text(e, "user_agent"))
                .filter(agent -> agent != null)
                .findFirst()
                .map(PlannedRequest::headerUserAgent)
                .orElse(PlannedRequest.DEFAULT_USER_AGENT);
        List<ExpectedEvent> expected = new ArrayList<>(request.events().size());
        for (ObjectNode event : request.events()) {
            String agent = text(event, "user_agent");
            String type = text(event, "event_type");
            expected.add(new ExpectedEvent(
                    ids.eventId(text(event, "event_id")),
                    ids.sessionId(text(event, "session_id")),
                    ids.userId(text(event, "user_id")),
                    type == null ? "page_view" : type,
                    text(event, "page_url"),
                    event.get("timestamp").longValue(),
                    BotDetector.isBot(agent == null ? userAgent : agent)));
        }
        return new PlannedRequest(sendAtMs, request.origin(), userAgent, request.events(), expected);
    }

    private static String text(ObjectNode event, String field) {
        JsonNode value = event.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
