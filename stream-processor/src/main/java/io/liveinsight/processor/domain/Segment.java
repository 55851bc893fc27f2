package io.liveinsight.processor.domain;

import java.util.Objects;

/**
 * One session (segment) as stored: its ordinal among the client session id's segments (0 keeps the client's id),
 * its aggregate, the marks of the records it holds, and the revision of its item (1 for the first write; the
 * optimistic-lock token, and what keeps an ActiveSessions projection from going backwards). Revision 0: read from a
 * store-format-1 item, not stored in format 2 yet (the next write of the session stores it).
 */
public record Segment(int ordinal, SessionAggregate aggregate, Marks marks, long revision) {

    public Segment {
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(marks, "marks");
        if (ordinal < 0 || revision < 0) {
            throw new IllegalArgumentException("ordinal " + ordinal + ", revision " + revision);
        }
    }

    /** Whether the segment holds an event at this time that this record (or a later one of its shard) carried. */
    boolean holds(long time, RecordPosition position) {
        return aggregate.startTime() <= time && time <= aggregate.lastActivity() && marks.covers(position);
    }
}
