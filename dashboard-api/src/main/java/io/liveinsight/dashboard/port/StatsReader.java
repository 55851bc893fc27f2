package io.liveinsight.dashboard.port;

import io.liveinsight.dashboard.domain.ReplayRun;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Stats table (docs/contract/tables.md#stats): rollups by key, each merged over the shards that wrote it; and the
 * replay runs it lists (docs/contract/replay.md#where-a-run-shows).
 */
public interface StatsReader {

    /** The rollup of one bucket, its shards' items added ({@link Rollup#EMPTY} when none). */
    Rollup read(StatsKey key);

    /** The rollups of several buckets, in the order asked; implementations may read them side by side. */
    default Map<StatsKey, Rollup> readAll(List<StatsKey> keys) {
        Map<StatsKey, Rollup> rollups = new LinkedHashMap<>();
        keys.forEach(key -> rollups.put(key, read(key)));
        return rollups;
    }

    /**
     * The replay runs of {@code site} listed ({@code <site>#runs}), in no particular order, leaving out those expired
     * at {@code nowMillis}. A reader that keeps no list says it is unavailable rather than that there are none.
     */
    default List<ReplayRun> replayRuns(String site, long nowMillis) {
        throw new StoreUnavailableException("this Stats reader lists no replay runs", null);
    }
}
