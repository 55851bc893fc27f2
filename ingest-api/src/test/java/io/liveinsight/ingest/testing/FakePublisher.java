package io.liveinsight.ingest.testing;

import io.liveinsight.event.Event;
import io.liveinsight.ingest.port.EventPublisher;
import java.util.ArrayList;
import java.util.List;

/** In-memory publisher: stores what it is given, or refuses everything while {@link #refuse} is set. */
public final class FakePublisher implements EventPublisher {

    public final List<Event> published = new ArrayList<>();
    public final List<List<Event>> calls = new ArrayList<>();
    public boolean refuse;

    @Override
    public synchronized PublishResult publish(List<Event> events) {
        calls.add(List.copyOf(events));
        if (refuse) {
            return new PublishResult.Refused("test", events.size());
        }
        published.addAll(events);
        return new PublishResult.Stored(events.size(), 0);
    }

    @Override
    public boolean isHealthy() {
        return !refuse;
    }
}
