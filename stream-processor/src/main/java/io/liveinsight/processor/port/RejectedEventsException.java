package io.liveinsight.processor.port;

import io.liveinsight.event.Event;
import java.util.List;

/**
 * A store refused these events for good (a validation error, not a passing fault): retrying cannot help, so they
 * go to the dead letters with the reason. Everything else of the call was stored.
 */
public final class RejectedEventsException extends RuntimeException {

    private final transient List<Event> rejected;

    public RejectedEventsException(String reason, List<Event> rejected, Throwable cause) {
        super(reason, cause);
        this.rejected = List.copyOf(rejected);
    }

    public List<Event> rejected() {
        return rejected;
    }
}
