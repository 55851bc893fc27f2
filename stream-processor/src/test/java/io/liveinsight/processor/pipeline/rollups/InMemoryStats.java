package io.liveinsight.processor.pipeline.rollups;

import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.RollupCodec;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.processor.domain.stats.Contribution;
import io.liveinsight.processor.domain.stats.DayRules;
import io.liveinsight.processor.domain.stats.RunSpan;
import io.liveinsight.processor.port.StatsStore;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The Stats table in memory, written as {@code DynamoDbStatsStore} writes it: one item per key and shard, holding
 * the encoded rollup ({@link RollupCodec}) and its mark, the highest record sequence it counts; a batch's
 * contributions past the mark are added to the item all at once (cut and fitted to the size budget as stored), the
 * others skipped. The items of a batch are written one by one, in any order, so a crash can leave any of them
 * unwritten. Day items are not written by batches: {@link #readDays} gives what the day finalizer would write. The
 * replay runs items are widened as {@code RunItems} widens them.
 */
final class InMemoryStats implements StatsStore {

    record ItemId(StatsKey key, String shardId) {}

    private record Item(BigInteger mark, byte[] rollup) {}

    private final Map<ItemId, Item> items = new HashMap<>();
    private final Map<String, RunSpan> runs = new HashMap<>();
    private final Supplier<Fault> fault;
    private final Random random;
    private Runnable beforeNextAdd;

    InMemoryStats(Supplier<Fault> fault, Random random) {
        this.fault = fault;
        this.random = random;
    }

    /** Runs {@code other} when the next batch's rollups are about to be written (another worker's batch). */
    void beforeNextAdd(Runnable other) {
        beforeNextAdd = other;
    }

    @Override
    public void add(List<Contribution> contributions) {
        if (beforeNextAdd != null) {
            Runnable other = beforeNextAdd;
            beforeNextAdd = null;
            other.run();
        }
        Map<ItemId, List<Contribution>> byItem = new LinkedHashMap<>();
        contributions.forEach(c -> byItem.computeIfAbsent(new ItemId(c.key(), c.shardId()), id -> new ArrayList<>())
                .add(c));
        List<ItemId> order = new ArrayList<>(byItem.keySet());
        Collections.shuffle(order, random);
        int written = fault.get() == Fault.MID_ROLLUPS ? random.nextInt(order.size()) : order.size();
        for (int i = 0; i < written; i++) {
            write(order.get(i), byItem.get(order.get(i)));
        }
        if (fault.get() == Fault.MID_ROLLUPS) {
            throw new Crash("after " + written + " of " + order.size() + " rollup items");
        }
        if (fault.get() == Fault.AFTER_ROLLUPS) {
            throw new Crash("after the rollups");
        }
    }

    /** Widens each run's span as {@code DynamoDbStatsStore} widens its runs item; a crash fault leaves some unwritten. */
    @Override
    public synchronized void seen(List<RunSpan> spans) {
        List<RunSpan> order = new ArrayList<>(spans);
        Collections.shuffle(order, random);
        int written = fault.get() == Fault.MID_ROLLUPS ? random.nextInt(order.size() + 1) : order.size();
        for (int i = 0; i < written; i++) {
            RunSpan span = order.get(i);
            runs.merge(span.site() + "#runs|" + span.run(), span, RunSpan::widen);
        }
    }

    /** The runs items: {@code <site>/<run>} to its span. */
    synchronized Map<String, RunSpan> runs() {
        Map<String, RunSpan> byRun = new HashMap<>();
        runs.values().forEach(span -> byRun.put(span.site() + "/" + span.run(), span));
        return byRun;
    }

    private synchronized void write(ItemId id, List<Contribution> contributions) {
        Item stored = items.get(id);
        BigInteger mark = stored == null ? BigInteger.ONE.negate() : stored.mark();
        Rollup delta = Rollup.EMPTY;
        BigInteger next = mark;
        for (Contribution contribution : contributions) {
            if (contribution.sequence().compareTo(mark) > 0) {
                delta = delta.plus(contribution.delta());
                next = next.max(contribution.sequence());
            }
        }
        if (next.equals(mark)) {
            return;
        }
        Rollup rollup = stored == null ? Rollup.EMPTY : RollupCodec.decode(stored.rollup());
        items.put(
                id,
                new Item(next, RollupCodec.encode(rollup.plusKeepingCut(delta).fitTo(DayRules.MAX_ROLLUP_BYTES))));
    }

    /** What a reader sees: per key, the sum of its shards' items; keys whose sum is empty are left out. */
    synchronized Map<StatsKey, Rollup> read() {
        Map<StatsKey, Rollup> sums = new HashMap<>();
        items.forEach((id, item) -> sums.merge(id.key(), RollupCodec.decode(item.rollup()), Rollup::plus));
        sums.values().removeIf(Rollup::isEmpty);
        return sums;
    }

    /**
     * What a reader sees of final days: per UTC day, the sum over shards of each shard's day item as the day finalizer
     * writes it ({@link DayRules#sum} of the shard's hour items of the day); days whose sum is empty are left out.
     */
    synchronized Map<StatsKey, Rollup> readDays() {
        Map<ItemId, List<Rollup>> hoursByDay = new HashMap<>();
        items.forEach((id, item) -> {
            if (id.key().resolution() == Resolution.HOUR) {
                hoursByDay
                        .computeIfAbsent(new ItemId(DayRules.dayOf(id.key()), id.shardId()), day -> new ArrayList<>())
                        .add(RollupCodec.decode(item.rollup()));
            }
        });
        Map<StatsKey, Rollup> days = new HashMap<>();
        hoursByDay.forEach((day, hours) -> days.merge(day.key(), DayRules.sum(hours), Rollup::plus));
        days.values().removeIf(Rollup::isEmpty);
        return days;
    }
}
