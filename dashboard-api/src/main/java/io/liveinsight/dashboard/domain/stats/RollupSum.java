package io.liveinsight.dashboard.domain.stats;

import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Hll;
import io.liveinsight.event.stats.Rollup;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rollups added in place: counts, breakdowns and users (not minute slots nor latest events, which a sum over a range
 * does not show). {@link Rollup#plus} copies its maps on every addition, which over the thousands of hour items of a
 * long range is quadratic; this is linear. Mutable, not thread-safe.
 */
public final class RollupSum {

    private Counts totals = Counts.ZERO;
    private final Map<Dimension, Map<String, Long>> breakdowns = new EnumMap<>(Dimension.class);
    private Hll users;

    public RollupSum add(Rollup rollup) {
        totals = totals.plus(rollup.totals());
        rollup.breakdowns().forEach((dimension, counts) -> {
            Map<String, Long> into = breakdowns.computeIfAbsent(dimension, d -> new HashMap<>());
            counts.forEach((key, count) -> into.merge(key, count, Long::sum));
        });
        Hll sketch = rollup.users();
        if (sketch != null) {
            if (users == null) {
                users = sketch;
            } else {
                users.merge(sketch);
            }
        }
        return this;
    }

    public RollupSum addAll(Iterable<Rollup> rollups) {
        rollups.forEach(this::add);
        return this;
    }

    public Rollup toRollup() {
        return new Rollup(totals, Map.of(), breakdowns, users, List.of());
    }
}
