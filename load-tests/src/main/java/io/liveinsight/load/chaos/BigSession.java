package io.liveinsight.load.chaos;

import io.liveinsight.event.EventLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One long session: {@code events} events in requests of at most 500 (the edge's limit), client times spread evenly
 * over 24 hours and one minute, from {@link #FIRST_BEFORE} before the step to {@link #LAST_AFTER} after it. Every
 * time is within what the edge keeps (at most 24 h before its receipt, 5 min after) when the first request is sent
 * within 3 minutes; the activity passes 24 hours, so the session is cut there (its last minute becomes a second
 * segment), and the gaps stay far under 30 minutes (1.7 s at 50,000 events). Sent in time order, one request at a
 * time, so its records reach the stream in time order and the 24 h cut is where the check expects it. Pure.
 *
 * <p>Event types: page views, clicks and 34 custom types, 36 in all, so the Sessions item's {@code event_types} must
 * fold the names past the 31st into {@code ~other}.
 */
final class BigSession {

    static final String SESSION = "long-session";
    static final String USER = "long-user";
    static final Duration FIRST_BEFORE = Duration.ofHours(24).minusMinutes(3);
    static final Duration LAST_AFTER = Duration.ofMinutes(4);
    static final int CUSTOM_TYPES = 34;

    private BigSession() {}

    /** The requests, in the order to send them: each a list of at most 500 events. */
    static List<List<Map<String, Object>>> requests(int events, long stepStartMs) {
        if (events < 2) {
            throw new IllegalArgumentException("a long session has at least 2 events, not " + events);
        }
        long first = stepStartMs - FIRST_BEFORE.toMillis();
        long span = FIRST_BEFORE.plus(LAST_AFTER).toMillis();
        List<List<Map<String, Object>>> requests = new ArrayList<>();
        List<Map<String, Object>> request = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            long time = first + Math.round((double) span * i / (events - 1));
            request.add(Requests.event("L-" + i, SESSION, USER, time, type(i), "/long/" + (i % 97)));
            if (request.size() == EventLimits.MAX_EVENTS_PER_REQUEST) {
                requests.add(request);
                request = new ArrayList<>();
            }
        }
        if (!request.isEmpty()) {
            requests.add(request);
        }
        return requests;
    }

    private static String type(int i) {
        int kind = i % 10;
        if (kind < 5) {
            return "page_view";
        }
        if (kind < 8) {
            return "click";
        }
        return String.format("custom_%02d", (i / 10) % CUSTOM_TYPES);
    }
}
