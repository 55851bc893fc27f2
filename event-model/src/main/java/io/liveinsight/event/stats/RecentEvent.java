package io.liveinsight.event.stats;

import java.util.Comparator;
import java.util.Objects;

/**
 * One of the latest events an hour rollup keeps for drill-downs ({@link Rollup#MAX_RECENT} per item), with what the
 * details views show and filter on. An event is its id and time, as in the Events table's key.
 *
 * @param page as {@link Dimension#PAGE}; null for an event without a page URL
 * @param source the session's traffic source (as {@link Dimension#SOURCE}) for the event's own referrer and page;
 *     null when unknown
 */
public record RecentEvent(
        long timestamp, String eventId, String eventType, String sessionId, String userId, String page, String source) {

    private static final Comparator<String> ABSENT_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    /**
     * Newest first, then by every field, so that of two copies of one event that differ (which the ledger never lets
     * happen) every merge keeps the same one, whatever the order rollups are added in.
     */
    public static final Comparator<RecentEvent> NEWEST_FIRST = Comparator.comparingLong(RecentEvent::timestamp)
            .reversed()
            .thenComparing(RecentEvent::eventId)
            .thenComparing(RecentEvent::eventType)
            .thenComparing(RecentEvent::sessionId)
            .thenComparing(RecentEvent::userId)
            .thenComparing(RecentEvent::page, ABSENT_FIRST)
            .thenComparing(RecentEvent::source, ABSENT_FIRST);

    public RecentEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(userId, "userId");
    }

    /** The same event: its id and time, whatever else a copy says. */
    boolean isSameEvent(RecentEvent other) {
        return timestamp == other.timestamp && eventId.equals(other.eventId);
    }
}
