package io.liveinsight.processor.domain.stats;

import io.liveinsight.event.stats.Rollup;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One shard's day item (docs/contract/tables.md#day-items). Open ({@code isFinal} false) from before the shard's first
 * hour write of the day, and again before a late change to one of its hours; final (the {@code final} marker) once it
 * is the sum of the day's hour items, whose greatest mark it then keeps.
 *
 * @param revision the optimistic lock: every write is conditional on the revision read
 * @param mark the greatest mark of the hour items summed; -1 while open
 */
public record DayItem(long revision, BigInteger mark, boolean isFinal, Rollup rollup) {

    public static final BigInteger NO_MARK = BigInteger.ONE.negate();

    public DayItem {
        Objects.requireNonNull(mark, "mark");
        Objects.requireNonNull(rollup, "rollup");
        if (revision < 1) {
            throw new IllegalArgumentException("a stored item has a revision from 1, not " + revision);
        }
    }

    /** The item that reopens this one: the next revision, no sum, no mark. */
    public DayItem reopened() {
        return new DayItem(revision + 1, NO_MARK, false, Rollup.EMPTY);
    }
}
