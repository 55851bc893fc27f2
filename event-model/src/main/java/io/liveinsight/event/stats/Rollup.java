package io.liveinsight.event.stats;

import java.util.ArrayList;
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

    private static final int MINUTES_PER_HOUR = 60;

    public static final Rollup EMPTY = new Rollup(Counts.ZERO, Map.of(), Map.of(), null, List.of());

    /**
     * Normalises, so that equal figures make equal rollups: zero minutes and zero breakdown entries are dropped, an
     * empty sketch is none, and the latest events are sorted {@link RecentEvent#NEWEST_FIRST}, each once (its id and
     * time), at most {@link #MAX_RECENT}.
     */
    public Rollup {
        Objects.requireNonNull(totals, "totals");
        Map<Integer, Counts> slots = new TreeMap<>();
        minutes.forEach((minute, counts) -> {
            if (minute < 0 || minute >= MINUTES_PER_HOUR) {
                throw new IllegalArgumentException("a minute of the hour is 0-59, not " + minute);
            }
            if (!counts.isZero()) {
                slots.put(minute, counts);
            }
        });
        minutes = Map.copyOf(slots);
        Map<Dimension, Map<String, Long>> copy = new EnumMap<>(Dimension.class);
        breakdowns.forEach((dimension, counts) -> {
            Map<String, Long> nonZero = new HashMap<>(counts);
            nonZero.values().removeIf(count -> count == 0);
            if (!nonZero.isEmpty()) {
                copy.put(dimension, Map.copyOf(nonZero));
            }
        });
        breakdowns = Map.copyOf(copy);
        users = users == null || users.isEmpty() ? null : users.copy();
        recent = latestOf(recent);
    }

    public static Rollup of(Counts totals) {
        return new Rollup(totals, Map.of(), Map.of(), null, List.of());
    }

    public Rollup plus(Rollup other) {
        Map<Integer, Counts> sumMinutes = new TreeMap<>(minutes);
        other.minutes.forEach((minute, counts) -> sumMinutes.merge(minute, counts, Counts::plus));
        Map<Dimension, Map<String, Long>> sumBreakdowns = new EnumMap<>(Dimension.class);
        breakdowns.forEach((dimension, counts) -> sumBreakdowns.put(dimension, new HashMap<>(counts)));
        other.breakdowns.forEach((dimension, counts) -> {
            Map<String, Long> into = sumBreakdowns.computeIfAbsent(dimension, d -> new HashMap<>());
            counts.forEach((key, count) -> into.merge(key, count, Long::sum));
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
        return new Rollup(totals.plus(other.totals), sumMinutes, sumBreakdowns, union, latest);
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

    /**
     * This rollup as stored within a size budget: when its stored form ({@link RollupCodec}) passes {@code maxBytes},
     * its breakdowns are cut to fewer keys (halved each time, the rest summed under {@link #OTHER}, so every sum stays
     * exact) and its latest events to fewer, until it fits or a breakdown keeps one key. Normal hours fit untouched
     * (a busy hour's item is 3-6 KB); what it stops is a client whose hundred hostile 200-character pages, sources and
     * campaigns would make every write of the hour cost hundreds of write units.
     */
    public Rollup fitTo(int maxBytes) {
        Rollup fitted = this;
        for (int keys = MAX_KEYS / 2; keys >= 1 && RollupCodec.encode(fitted).length > maxBytes; keys /= 2) {
            int n = keys;
            Map<Dimension, Map<String, Long>> cut = new EnumMap<>(Dimension.class);
            fitted.breakdowns.forEach((dimension, counts) -> cut.put(dimension, top(counts, n)));
            List<RecentEvent> fewer = fitted.recent.subList(0, Math.min(fitted.recent.size(), Math.max(1, n / 5)));
            fitted = new Rollup(totals, minutes, cut, users, fewer);
        }
        return fitted;
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

    /**
     * Adds a delta to this stored rollup and cuts the sum. A breakdown that has an {@link #OTHER} may hold part of a
     * key's count there (folded by an earlier cut), so a negative delta to a key takes off the key what the key holds
     * by name and the rest off {@link #OTHER}: no count goes below zero and the breakdown's sum stays exact.
     */
    public Rollup plusKeepingCut(Rollup delta) {
        Map<Dimension, Map<String, Long>> routed = new EnumMap<>(Dimension.class);
        delta.breakdowns.forEach((dimension, counts) -> {
            Map<String, Long> stored = breakdowns.getOrDefault(dimension, Map.of());
            boolean folded = stored.containsKey(OTHER);
            Map<String, Long> into = new HashMap<>();
            counts.forEach((key, count) -> {
                if (folded && count < 0 && !key.equals(OTHER)) {
                    long held = stored.getOrDefault(key, 0L);
                    long fromKey = Math.max(count, -Math.max(held, 0));
                    into.merge(key, fromKey, Long::sum);
                    into.merge(OTHER, count - fromKey, Long::sum);
                } else {
                    into.merge(key, count, Long::sum);
                }
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

    /** The distinct users sketch (a copy: a rollup is a value), or null for none (minute items). */
    @Override
    public Hll users() {
        return users == null ? null : users.copy();
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
        List<RecentEvent> sorted = new ArrayList<>(events);
        sorted.sort(RecentEvent.NEWEST_FIRST);
        List<RecentEvent> latest = new ArrayList<>();
        for (RecentEvent event : sorted) {
            if (latest.size() == MAX_RECENT) {
                break;
            }
            if (latest.isEmpty() || !latest.get(latest.size() - 1).isSameEvent(event)) {
                latest.add(event);
            }
        }
        return List.copyOf(latest);
    }
}
