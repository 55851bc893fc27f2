package io.liveinsight.dashboard.support;

import io.liveinsight.dashboard.port.StatsReader;
import io.liveinsight.dashboard.port.StoreUnavailableException;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Rollups by key in memory, for tests without engines; records the keys read and can be made to fail. */
public final class InMemoryStatsReader implements StatsReader {

    public final Map<StatsKey, Rollup> rollups = new ConcurrentHashMap<>();
    public final List<StatsKey> read = new CopyOnWriteArrayList<>();
    public volatile boolean down;

    /** Adds a rollup to what the key holds (as a further shard's item would). */
    public InMemoryStatsReader add(StatsKey key, Rollup rollup) {
        rollups.merge(key, rollup, Rollup::plus);
        return this;
    }

    @Override
    public Rollup read(StatsKey key) {
        if (down) {
            throw new StoreUnavailableException("down", null);
        }
        read.add(key);
        return rollups.getOrDefault(key, Rollup.EMPTY);
    }
}
