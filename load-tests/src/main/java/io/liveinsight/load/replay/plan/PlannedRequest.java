package io.liveinsight.load.replay.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.load.replay.source.Origin;
import java.util.List;

/**
 * One request of the replay.
 *
 * @param sendAtMs when to send it, from the start of the replay
 * @param userAgent the {@code User-Agent} header: the first recorded {@code user_agent} of its events, else
 *     {@link #DEFAULT_USER_AGENT}
 * @param events the events as they are sent (edge fields removed, ids given, times shifted)
 * @param expected what the tables must hold for each of them, in the same order
 */
public record PlannedRequest(
        long sendAtMs, Origin origin, String userAgent, List<ObjectNode> events, List<ExpectedEvent> expected) {

    /** Not a bot to the edge's patterns: events sent without a user agent of their own count as humans, as live. */
    public static final String DEFAULT_USER_AGENT = "Mozilla/5.0 (compatible) LiveInsight-Replay/1.0";

    /**
     * A recorded agent as a header can carry it (visible ASCII and spaces, at most 512 characters: anything else
     * one {@code ?} a code point); the default when nothing is left.
     */
    public static String headerUserAgent(String recorded) {
        StringBuilder out = new StringBuilder(Math.min(recorded.length(), 512));
        for (int i = 0; i < recorded.length() && out.length() < 512; i = recorded.offsetByCodePoints(i, 1)) {
            int c = recorded.codePointAt(i);
            out.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
        }
        String header = out.toString().strip();
        return header.isEmpty() ? DEFAULT_USER_AGENT : header;
    }

    public PlannedRequest {
        events = List.copyOf(events);
        expected = List.copyOf(expected);
        if (events.size() != expected.size() || sendAtMs < 0) {
            throw new IllegalArgumentException("one expectation per event, a non-negative send time");
        }
    }
}
