package io.liveinsight.processor.domain.stats;

import io.liveinsight.event.stats.Rollup;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One shard's hour item as stored: the furthest record it counts ({@code mk}: every change to the item moves it
 * forward, since a shard's records are applied in stream order) and its rollup.
 */
public record HourItem(BigInteger mark, Rollup rollup) {

    public HourItem {
        Objects.requireNonNull(mark, "mark");
        Objects.requireNonNull(rollup, "rollup");
    }
}
