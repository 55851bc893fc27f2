package io.liveinsight.processor.port;

import io.liveinsight.event.Event;
import java.util.List;

/** The Events table. Writing the same event twice leaves one item: puts are keyed by (event_id, timestamp). */
public interface EventStore {

    /** Stores every event, or throws {@link StoreUnavailableException} having stored some (safe to repeat). */
    void putAll(List<Event> events);
}
