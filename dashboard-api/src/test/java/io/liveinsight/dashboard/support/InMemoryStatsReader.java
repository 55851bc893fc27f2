package io.liveinsight.dashboard.support;

import io.liveinsight.dashboard.domain.ReplayRun;
import io.liveinsight.dashboard.port.StatsReader;
import io.liveinsight.dashboard.port.StoreUnavailableException;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Stats table in memory: rollups by key, each key's shard items already added ({@link #add} adds another shard's).
 * Records every key read, and can be made to fail.
 */
public final class InMemoryStatsReader implements StatsReader {

    public final Map<StatsKey, Rollup> rollups = new ConcurrentHashMap<>();
    public final List<StatsKey> reads = new CopyOnWriteArrayList<>();
    /** The default site's runs the table lists (expired ones are not put here). */
    public final List<ReplayRun> replayRuns = new CopyOnWriteArrayList<>();
    /** Other sites' runs, by site. */
    public final Map<String, List<ReplayRun>> siteRuns = new ConcurrentHashMap<>();

    public volatile boolean down;

    /** One more shard's item of {@code key}. */
    public InMemoryStatsReader add(StatsKey key, Rollup rollup) {
        rollups.merge(key, rollup, Rollup::plus);
        return this;
    }

    @Override
    public Rollup read(StatsKey key) {
        if (down) {
            throw new StoreUnavailableException("stats down", null);
        }
        reads.add(key);
        return rollups.getOrDefault(key, Rollup.EMPTY);
    }

    @Override
    public List<ReplayRun> replayRuns(String site, long nowMillis) {
        if (down) {
            throw new StoreUnavailableException("stats down", null);
        }
        return site.equals(StatsKey.DEFAULT_SITE) ? List.copyOf(replayRuns) : siteRuns.getOrDefault(site, List.of());
    }
}
