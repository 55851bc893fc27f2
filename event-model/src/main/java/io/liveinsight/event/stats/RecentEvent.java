package io.liveinsight.event.stats;

/**
 * One of the latest events an hour rollup keeps for drill-downs ({@link Rollup#MAX_RECENT} per item), with what the
 * details views show and filter on.
 *
 * @param page as {@link Dimension#PAGE}
 * @param source the session's traffic source (as {@link Dimension#SOURCE}) for the event's own referrer and page
 */
public record RecentEvent(
        long timestamp,
        String eventId,
        String eventType,
        String sessionId,
        String userId,
        String page,
        String source) {}
