package io.liveinsight.processor;

import io.liveinsight.event.Event;
import java.util.Map;

/** Test events with only what a test cares about. */
public final class Events {

    private Events() {}

    public static Event event(String id, String session, String type, long time, String page) {
        return new Event(
                id,
                "u-" + session,
                session,
                type,
                time,
                page,
                "https://ref.example/",
                "Mozilla/5.0",
                Map.of("k", "v"),
                null,
                null,
                null,
                null,
                time + 5,
                "198.51.100.0",
                false,
                false);
    }

    public static Event pageView(String id, String session, long time, String page) {
        return event(id, session, "page_view", time, page);
    }

    /** An event of {@code type} with the referrer and user agent a test reads the enrichment from (either may be null). */
    public static Event from(
            String id, String session, String type, long time, String page, String referrer, String userAgent) {
        return new Event(
                id,
                "u-" + session,
                session,
                type,
                time,
                page,
                referrer,
                userAgent,
                Map.of(),
                null,
                null,
                null,
                null,
                time + 5,
                "198.51.100.0",
                false,
                false);
    }
}
