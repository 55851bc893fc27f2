package io.liveinsight.load.replay.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One request as it was recorded: the events of one request (an archived stream record is one session's events of
 * one request) and when the edge received it, epoch milliseconds. Events are JSON objects as recorded (only ids a
 * source had to give are added, {@link MissingIds}); everything else passes through as it was.
 */
public record TimedRequest(long receivedAtMs, Origin origin, List<ObjectNode> events) {

    /** 9999-12-31T23:59:59.999Z: a receive time past it (or before 1970) is no time an edge received anything. */
    public static final long LATEST_MS = 253_402_300_799_999L;

    public TimedRequest {
        events = List.copyOf(events);
        if (!isTime(receivedAtMs)) {
            throw new IllegalArgumentException("a receive time lies in 1970-9999, was " + receivedAtMs);
        }
    }

    public static boolean isTime(long epochMs) {
        return epochMs >= 0 && epochMs <= LATEST_MS;
    }
}
