package io.liveinsight.load.check;

import io.liveinsight.event.SessionIds;
import io.liveinsight.event.contract.SessionWindows;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The segments a client session id's events must be stored as (docs/contract/sessions.md#segments: over 30 minutes
 * without activity starts a new session, and none lasts 24 hours), with the ids store format 2 gives them
 * (stream-processor README, "Derived ids no client can send"). Written from the documented rules, not from the
 * processor's code, so the check is an independent reading of them. Pure.
 *
 * <p>Events are taken in time order (then event id); a segment ends before an event more than 30 minutes after its
 * last one, or 24 hours or more after its first. For activity under 24 hours this is the store's grouping whatever
 * the arrival order. Past 24 hours the store cuts where the stream order reaches the limit; the two agree when the
 * session's records reached the stream in time order, which is how the chaos run sends its one long session.
 */
public final class ExpectedSegments {

    static final long INACTIVITY_MS = SessionWindows.INACTIVITY.toMillis();
    static final long MAX_DURATION_MS = SessionWindows.MAX_DURATION.toMillis();

    /**
     * One segment.
     *
     * @param sessionId its key in Sessions and ActiveSessions: the client's id for ordinal 0, a derived id after
     * @param segmentCount how many segments the client session id has (the client id's item says so when over 1)
     */
    public record Segment(
            String clientSessionId,
            int ordinal,
            String sessionId,
            int segmentCount,
            List<Map<String, Object>> events,
            ExpectedSession aggregate) {

        public Segment {
            events = List.copyOf(events);
        }
    }

    private ExpectedSegments() {}

    public static List<Segment> of(String clientSessionId, Collection<Map<String, Object>> events) {
        List<Map<String, Object>> ordered =
                events.stream().sorted(ExpectedSession.ORDER).toList();
        List<List<Map<String, Object>>> groups = new ArrayList<>();
        List<Map<String, Object>> current = new ArrayList<>();
        long start = 0;
        long last = 0;
        for (Map<String, Object> event : ordered) {
            long time = ExpectedSession.timestamp(event);
            if (!current.isEmpty() && (time - last > INACTIVITY_MS || time - start >= MAX_DURATION_MS)) {
                groups.add(current);
                current = new ArrayList<>();
            }
            if (current.isEmpty()) {
                start = time;
            }
            current.add(event);
            last = time;
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        List<Segment> segments = new ArrayList<>();
        for (int ordinal = 0; ordinal < groups.size(); ordinal++) {
            List<Map<String, Object>> group = groups.get(ordinal);
            segments.add(new Segment(
                    clientSessionId,
                    ordinal,
                    SessionIds.segmentId(clientSessionId, ordinal),
                    groups.size(),
                    group,
                    ExpectedSession.of(group)));
        }
        return segments;
    }
}
