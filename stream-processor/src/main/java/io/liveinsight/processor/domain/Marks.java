package io.liveinsight.processor.domain;

import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per shard, the furthest stream position (record, then event within it) whose event a stored segment holds. A
 * session's events are applied in stream order, each step all at once, so what is applied is always a prefix of the
 * stream: "the segment that holds an event's time has a mark at or past the event's position" means the event is
 * counted: a replay (KCL after a crash, a second worker during a
 * lease handover, a Lambda retry) is recognised without remembering any event id. Merging segments keeps the
 * highest mark per shard. A session meets a new shard only through resharding (a handful of times), and the oldest
 * marks are dropped past {@link #MAX_SHARDS}.
 */
public record Marks(Map<String, BigInteger> byShard) {

    public static final int MAX_SHARDS = 8;
    public static final Marks NONE = new Marks(Map.of());

    public Marks {
        byShard = Map.copyOf(byShard);
    }

    public boolean covers(RecordPosition position) {
        BigInteger mark = byShard.get(position.shardId());
        return mark != null && mark.compareTo(position.order()) >= 0;
    }

    public Marks with(RecordPosition position) {
        return merge(new Marks(Map.of(position.shardId(), position.order())));
    }

    public Marks merge(Marks other) {
        TreeMap<String, BigInteger> merged = new TreeMap<>(byShard);
        other.byShard.forEach((shard, sequence) -> merged.merge(shard, sequence, BigInteger::max));
        while (merged.size() > MAX_SHARDS) {
            // Shard ids grow with resharding (shardId-000000000007 after ...06): the smallest is the oldest.
            merged.pollFirstEntry();
        }
        return new Marks(merged);
    }
}
