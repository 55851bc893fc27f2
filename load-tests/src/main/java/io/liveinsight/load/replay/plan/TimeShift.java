package io.liveinsight.load.replay.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.event.EventLimits;
import io.liveinsight.load.replay.source.TimedRequest;
import java.util.List;

/**
 * Event times for the replay. Pure; edits the events in place.
 *
 * <p>First, in the recorded frame ({@link #normalize}), every event gets the time the edge stored for it: an event
 * without {@code timestamp} the time its request was received, and one outside [received - 24 h, received + 5 min]
 * (docs/contract/events.md#clock-skew) that time too, as the edge replaced it. Archived events already hold what the
 * edge stored. Then ({@link #apply}) with {@code now} every time moves by one shift, keeping the recorded times
 * relative to each other (sessions keep their gaps, their 30-minute splits and durations): the first request's time
 * goes to now, or earlier by just enough that no event is later than when its request is sent (at speed N > 1 the
 * requests come N times faster than their times, so the recorded times end near the last send; the edge keeps a time
 * at most 5 minutes ahead). A time that would still be over 24 h old when sent (recordings longer than a day at high
 * speed) is raised to 23 h 50 min before its send, so the edge keeps it and the expectation stays exact; these are
 * counted. With {@code none} the times are sent as recorded and those the edge will replace are counted.
 */
public final class TimeShift {

    /** What the time shift did. */
    public record Result(
            String mode, long shiftMs, long leadMs, long filled, long moved, long raised, long edgeWillReplace) {}

    /** Margin against sends that start late: a time this close to 24 h old is treated as too old. */
    static final long SAFETY_MS = 10 * 60_000L;

    private TimeShift() {}

    /** Counts of the recorded frame: events given their request's time (absent, and out of the edge's window). */
    public record Normalized(long filled, long moved) {}

    public static Normalized normalize(List<TimedRequest> requests) {
        long filled = 0;
        long moved = 0;
        for (TimedRequest request : requests) {
            long received = request.receivedAtMs();
            for (ObjectNode event : request.events()) {
                JsonNode time = event.get("timestamp");
                if (time == null || time.isNull()) {
                    event.put("timestamp", received);
                    filled++;
                } else if (time.isNumber() && (!time.canConvertToLong() || outside(time.longValue(), received))) {
                    event.put("timestamp", received);
                    moved++;
                } else if (time.isNumber()) {
                    event.put("timestamp", time.longValue()); // the edge keeps the integer part
                }
            }
        }
        return new Normalized(filled, moved);
    }

    /** Shifts the (normalized, screened) events' times; {@code offsets} are the requests' send times from now. */
    public static Result apply(
            List<TimedRequest> requests, long[] offsets, boolean toNow, long nowMs, Normalized normalized) {
        if (requests.isEmpty()) {
            return new Result(toNow ? "now" : "none", 0, 0, normalized.filled(), normalized.moved(), 0, 0);
        }
        long first = requests.get(0).receivedAtMs();
        long lead = 0;
        for (int i = 0; i < requests.size(); i++) {
            for (ObjectNode event : requests.get(i).events()) {
                lead = Math.max(lead, event.get("timestamp").longValue() - first - offsets[i]);
            }
        }
        long shift = toNow ? nowMs - first - lead : 0;
        long raised = 0;
        long replaced = 0;
        for (int i = 0; i < requests.size(); i++) {
            long sendAt = nowMs + offsets[i];
            long oldest = sendAt - EventLimits.MAX_CLOCK_BEHIND_MS + SAFETY_MS;
            for (ObjectNode event : requests.get(i).events()) {
                long time = event.get("timestamp").longValue() + shift;
                if (toNow && time < oldest) {
                    time = oldest;
                    raised++;
                } else if (!toNow && (time < oldest || time > sendAt + EventLimits.MAX_CLOCK_AHEAD_MS - 60_000)) {
                    replaced++;
                }
                event.put("timestamp", time);
            }
        }
        return new Result(
                toNow ? "now" : "none",
                shift,
                toNow ? lead : 0,
                normalized.filled(),
                normalized.moved(),
                raised,
                replaced);
    }

    private static boolean outside(long time, long received) {
        return time < received - EventLimits.MAX_CLOCK_BEHIND_MS || time > received + EventLimits.MAX_CLOCK_AHEAD_MS;
    }
}
