package io.liveinsight.load.replay.plan;

import io.liveinsight.load.replay.source.Skipped;
import java.util.List;

/**
 * What the replay will send and what it expects, before anything is sent.
 *
 * @param source what was read
 * @param eventsRead events the source yielded
 * @param duplicatesDropped events dropped because their id came earlier ({@link Dedupe})
 * @param skipped what the source could not read (lines, files, HAR entries), with the reason
 * @param refused events the edge would refuse, not sent ({@link EdgeScreen})
 * @param requests the requests in send order
 * @param pace how they are paced
 * @param times what the time shift did
 */
public record ReplayPlan(
        String source,
        long eventsRead,
        long duplicatesDropped,
        List<Skipped> skipped,
        List<Refused> refused,
        List<PlannedRequest> requests,
        String pace,
        TimeShift.Result times) {

    public ReplayPlan {
        skipped = List.copyOf(skipped);
        refused = List.copyOf(refused);
        requests = List.copyOf(requests);
    }

    public long eventsToSend() {
        return requests.stream().mapToLong(r -> r.events().size()).sum();
    }

    public List<ExpectedEvent> expected() {
        return requests.stream().flatMap(r -> r.expected().stream()).toList();
    }

    /** The planned duration of sending, ms (the last request's send time). */
    public long plannedMs() {
        return requests.isEmpty() ? 0 : requests.get(requests.size() - 1).sendAtMs();
    }
}
