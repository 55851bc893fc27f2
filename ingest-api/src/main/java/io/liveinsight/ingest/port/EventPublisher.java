package io.liveinsight.ingest.port;

import io.liveinsight.event.Event;
import java.util.List;

/** Puts accepted events on the stream. Returns only once every event is stored, or says it could not. */
public interface EventPublisher {

    PublishResult publish(List<Event> events);

    /** Whether the stream answers right now (for /health). */
    boolean isHealthy();

    sealed interface PublishResult {
        record Stored(int records) implements PublishResult {}

        /** Not all events are stored; the client must resend (event ids make that harmless). */
        record Refused(String reason) implements PublishResult {}
    }
}
