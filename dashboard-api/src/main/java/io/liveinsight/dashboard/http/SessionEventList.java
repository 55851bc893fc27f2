package io.liveinsight.dashboard.http;

import io.liveinsight.dashboard.port.DashboardStore;
import io.liveinsight.dashboard.port.DashboardStore.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A session's events in time order as one list, the original's {@code /api/sessions/<id>/events/}: the store is paged
 * through (SessionIndex, the session's time span, as {@code /api/sessions/{id}/events}) until the last page or a cap.
 * The cap keeps the answer under Lambda's 6 MB response limit whatever the events: at most {@link #MAX_EVENTS}
 * events and {@link JsonBudget#MAX_BYTES} bytes of their JSON (an event may be 32 KiB). A session that is not stored
 * has no events (an empty list, as the original answered), and neither has a replayed one: the original routes never
 * show replays (docs/contract/replay.md#where-a-run-shows).
 */
final class SessionEventList {

    static final int MAX_EVENTS = 2_000;

    private final DashboardStore store;

    SessionEventList(DashboardStore store) {
        this.store = store;
    }

    List<Map<String, Object>> of(String sessionId) {
        Optional<Map<String, Object>> session = store.session(sessionId);
        if (session.isEmpty() || session.get().get(DashboardStore.REPLAY_RUN) != null) {
            return List.of();
        }
        String clientId = String.valueOf(session.get().get(DashboardStore.CLIENT_SESSION_ID));
        long from = number(session.get().get("start_time"));
        long to = number(session.get().get("last_activity"));
        List<Map<String, Object>> events = new ArrayList<>();
        JsonBudget budget = new JsonBudget(JsonBudget.MAX_BYTES);
        Map<String, Object> start = null;
        do {
            int limit = Math.min(DashboardApi.MAX_EVENTS, MAX_EVENTS - events.size());
            Page page = store.sessionEvents(clientId, from, to, start, limit, true);
            for (Map<String, Object> event : page.items()) {
                if (events.size() == MAX_EVENTS || !budget.take(event)) {
                    return events;
                }
                events.add(event);
            }
            start = page.next();
        } while (start != null && events.size() < MAX_EVENTS);
        return events;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }
}
