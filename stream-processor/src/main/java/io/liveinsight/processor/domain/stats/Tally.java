package io.liveinsight.processor.domain.stats;

import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Hll;
import io.liveinsight.event.stats.RecentEvent;
import io.liveinsight.event.stats.Rollup;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A rollup being added up (mutable, one thread): cheaper than adding immutable rollups event by event. */
final class Tally {

    private Counts totals = Counts.ZERO;
    private final Map<Integer, Counts> minutes = new TreeMap<>();
    private final Map<Dimension, Map<String, Long>> breakdowns = new EnumMap<>(Dimension.class);
    private Hll users;
    private final List<RecentEvent> recent = new ArrayList<>();

    Tally count(Counts counts) {
        totals = totals.plus(counts);
        return this;
    }

    Tally minute(int minute, Counts counts) {
        minutes.merge(minute, counts, Counts::plus);
        return this;
    }

    Tally by(Dimension dimension, String key, long count) {
        if (key != null) {
            breakdowns.computeIfAbsent(dimension, d -> new HashMap<>()).merge(BreakdownKeys.cut(key), count, Long::sum);
        }
        return this;
    }

    Tally user(String userId) {
        if (users == null) {
            users = new Hll();
        }
        users.add(userId);
        return this;
    }

    Tally recent(RecentEvent event) {
        recent.add(event);
        return this;
    }

    Tally add(Rollup rollup) {
        totals = totals.plus(rollup.totals());
        rollup.minutes().forEach(this::minute);
        rollup.breakdowns().forEach((dimension, counts) -> counts.forEach((key, count) -> by(dimension, key, count)));
        if (rollup.users() != null) {
            if (users == null) {
                users = new Hll();
            }
            users.merge(rollup.users());
        }
        recent.addAll(rollup.recent());
        return this;
    }

    Rollup toRollup() {
        Rollup rollup = new Rollup(totals, minutes, breakdowns, users, List.of());
        // plus keeps the latest MAX_RECENT, once each
        return recent.isEmpty() ? rollup : rollup.plus(new Rollup(Counts.ZERO, Map.of(), Map.of(), null, recent));
    }
}
