package io.liveinsight.ingest.port;

import io.liveinsight.event.Event;
import java.util.List;

/** Puts accepted events on the stream. Returns only once every event is stored, or says it could not. */
public interface EventPublisher {

    PublishResult publish(List<Event> events);

    /** Whether the stream answers right now (for /health). */
    boolean isHealthy();

    /**
     * @param refusedEntries how many record entries the stream refused along the way, retries included (the
     *     {@code KinesisPutFailures} metric)
     */
    sealed interface PublishResult {
        int refusedEntries();

        record Stored(int records, int refusedEntries) implements PublishResult {}

        /** Not all events are stored; the client must resend (event ids make that harmless). */
        record Refused(String reason, int refusedEntries) implements PublishResult {}
    }
}
