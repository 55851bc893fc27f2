package io.liveinsight.processor.domain;

import java.util.List;
import java.util.Objects;

/**
 * What is stored for one client session id, as far as new events can still change it: the number of sealed
 * segments (ordinals {@code 0..sealed-1}, final, no longer read) and the open ones (ordinals {@code sealed..}),
 * with segment 0 always at hand because its item, keyed by the client's id, also holds these counts.
 *
 * @param first segment 0 (the first of {@code open} when nothing is sealed)
 */
public record StoredSession(String clientSessionId, int sealed, List<Segment> open, Segment first) {

    public StoredSession {
        Objects.requireNonNull(clientSessionId, "clientSessionId");
        Objects.requireNonNull(first, "first");
        open = List.copyOf(open);
        if (open.isEmpty()) {
            throw new IllegalArgumentException("a session has at least one open segment");
        }
        for (int i = 0; i < open.size(); i++) {
            if (open.get(i).ordinal() != sealed + i) {
                throw new IllegalArgumentException(
                        "open segment " + i + " has ordinal " + open.get(i).ordinal());
            }
        }
        if (sealed == 0 && !open.get(0).equals(first)) {
            throw new IllegalArgumentException("segment 0 is open but differs from the first");
        }
    }

    public int segmentCount() {
        return sealed + open.size();
    }
}
