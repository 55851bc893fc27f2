package io.liveinsight.event.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one rollup item holds, or a change to it (a delta): totals, the minute slots of a {@link Resolution#MINUTE}
 * item (minute of the hour 0-59), breakdowns, distinct users of an hour or day item, and an hour's latest events.
 * Rollups add: counts and breakdowns sum, users take the union, the latest events are the latest of both. Values;
 * {@link #plus} returns a new rollup.
 */
public record Rollup(
        Counts totals,
        Map<Integer, Counts> minutes,
        Map<Dimension, Map<String, Long>> breakdowns,
        Hll users,
        List<RecentEvent> recent) {

    /** Keys kept by name per breakdown and item; the rest are summed under {@link #OTHER}. */
    public static final int MAX_KEYS = 100;
    /** The key the rest of a breakdown is summed under; no page, source or type sorts after it. */
    public static final String OTHER = "~other";
    /** Latest events kept per item. */
    public static final int MAX_RECENT = 10;

    public static final Rollup EMPTY = new Rollup(Counts.ZERO, Map.of(), Map.of(), null, List.of());

    public Rollup {
        Objects.requireNonNull(totals, "totals");
        Map<Integer, Counts> nonZero = new TreeMap<>();
        minutes.forEach((minute, counts) -> {
            if (!counts.isZero()) {
                nonZero.put(minute, counts);
            }
        });
        minutes = Map.copyOf(nonZero);
        Map<Dimension, Map<String, Long>> copy = new EnumMap<>(Dimension.class);
        breakdowns.forEach((dimension, counts) -> {
            Map<String, Long> kept = new HashMap<>();
            counts.forEach((key, count) -> {
                if (count != 0) {
                    kept.put(key, count);
                }
            });
            if (!kept.isEmpty()) {
                copy.put(dimension, Map.copyOf(kept));
            }
        });
        breakdowns = Map.copyOf(copy);
        users = users == null || users.isEmpty() ? null : users.copy();
        recent = List.copyOf(recent);
    }

    public static Rollup of(Counts totals) {
        return new Rollup(totals, Map.of(), Map.of(), null, List.of());
    }

    public Rollup plus(Rollup other) {
        Map<Integer, Counts> sumMinutes = new TreeMap<>(minutes);
        other.minutes.forEach((minute, counts) -> sumMinutes.merge(minute, counts, Counts::plus));
        sumMinutes.values().removeIf(Counts::isZero);
        Map<Dimension, Map<String, Long>> sumBreakdowns = new EnumMap<>(Dimension.class);
        breakdowns.forEach((dimension, counts) -> sumBreakdowns.put(dimension, new HashMap<>(counts)));
        other.breakdowns.forEach((dimension, counts) -> {
            Map<String, Long> into = sumBreakdowns.computeIfAbsent(dimension, d -> new HashMap<>());
            counts.forEach((key, count) -> into.merge(key, count, Long::sum));
            into.values().removeIf(count -> count == 0);
        });
        Hll union = null;
        if (users != null || other.users != null) {
            union = new Hll();
            if (users != null) {
                union.merge(users);
            }
            if (other.users != null) {
                union.merge(other.users);
            }
        }
        List<RecentEvent> latest = new ArrayList<>(recent);
        latest.addAll(other.recent);
        return new Rollup(totals.plus(other.totals), sumMinutes, sumBreakdowns, union, latestOf(latest));
    }

    /**
     * This rollup as it is stored: each breakdown cut to its {@link #MAX_KEYS} largest keys, the rest summed under
     * {@link #OTHER} (a key folded there stays there: a later negative delta to it lands on {@link #OTHER} too, so the
     * breakdown's sum stays exact).
     */
    public Rollup cut() {
        Map<Dimension, Map<String, Long>> cut = new EnumMap<>(Dimension.class);
        breakdowns.forEach((dimension, counts) -> cut.put(dimension, top(counts, MAX_KEYS)));
        return new Rollup(totals, minutes, cut, users, recent);
    }

    /** A breakdown cut to its {@code n} largest keys (ties by key), the rest summed under {@link #OTHER}. */
    public static Map<String, Long> top(Map<String, Long> counts, int n) {
        if (counts.size() <= n && !counts.containsKey(OTHER)) {
            return counts;
        }
        List<Map.Entry<String, Long>> sorted = counts.entrySet().stream()
                .filter(entry -> !entry.getKey().equals(OTHER))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        Map<String, Long> kept = new HashMap<>();
        long rest = counts.getOrDefault(OTHER, 0L);
        for (int i = 0; i < sorted.size(); i++) {
            if (i < n) {
                kept.put(sorted.get(i).getKey(), sorted.get(i).getValue());
            } else {
                rest += sorted.get(i).getValue();
            }
        }
        if (rest != 0) {
            kept.put(OTHER, rest);
        }
        return kept;
    }

    /** A delta to a breakdown key that a stored rollup folded into {@link #OTHER} is applied to {@link #OTHER}. */
    public Rollup plusKeepingCut(Rollup delta) {
        Map<Dimension, Map<String, Long>> routed = new EnumMap<>(Dimension.class);
        delta.breakdowns.forEach((dimension, counts) -> {
            Map<String, Long> stored = breakdowns.getOrDefault(dimension, Map.of());
            boolean folded = stored.containsKey(OTHER);
            Map<String, Long> into = new HashMap<>();
            counts.forEach((key, count) -> {
                String target = folded && count < 0 && !stored.containsKey(key) ? OTHER : key;
                into.merge(target, count, Long::sum);
            });
            routed.put(dimension, into);
        });
        return plus(new Rollup(delta.totals, delta.minutes, routed, delta.users, delta.recent))
                .cut();
    }

    /**
     * The opposite change, to take a rollup back out (a session's figures before it changed). Only for rollups of
     * counts, minutes and breakdowns: users and latest events cannot be taken back.
     */
    public Rollup negate() {
        if (users != null || !recent.isEmpty()) {
            throw new IllegalStateException("users and latest events cannot be negated");
        }
        Map<Integer, Counts> negMinutes = new TreeMap<>();
        minutes.forEach((minute, counts) -> negMinutes.put(minute, counts.negate()));
        Map<Dimension, Map<String, Long>> negBreakdowns = new EnumMap<>(Dimension.class);
        breakdowns.forEach((dimension, counts) -> {
            Map<String, Long> neg = new HashMap<>();
            counts.forEach((key, count) -> neg.put(key, -count));
            negBreakdowns.put(dimension, neg);
        });
        return new Rollup(totals.negate(), negMinutes, negBreakdowns, null, List.of());
    }

    public boolean isEmpty() {
        return totals.isZero() && minutes.isEmpty() && breakdowns.isEmpty() && users == null && recent.isEmpty();
    }

    public Counts minute(int minute) {
        return minutes.getOrDefault(minute, Counts.ZERO);
    }

    public Map<String, Long> breakdown(Dimension dimension) {
        return breakdowns.getOrDefault(dimension, Map.of());
    }

    /** Distinct users (estimated, see {@link Hll}); 0 for minute items. */
    public long userCount() {
        return users == null ? 0 : users.estimate();
    }

    private static List<RecentEvent> latestOf(List<RecentEvent> events) {
        Map<String, RecentEvent> byId = new HashMap<>();
        events.forEach(event -> byId.putIfAbsent(event.eventId(), event));
        return byId.values().stream()
                .sorted(Comparator.comparingLong(RecentEvent::timestamp)
                        .reversed()
                        .thenComparing(RecentEvent::eventId))
                .limit(MAX_RECENT)
                .toList();
    }
}
