package io.liveinsight.processor.domain.stats;

import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A change one stream record makes to one rollup: counted in the shard's item under {@code key} exactly when the
 * item's mark is before {@code sequence}. Every contribution of a record is applied with it, in one write per item,
 * and records are applied in stream order, so an item's mark tells what it counts (docs/design/statistics.md).
 */
public record Contribution(String shardId, BigInteger sequence, StatsKey key, Rollup delta) {

    public Contribution {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(delta, "delta");
    }
}
