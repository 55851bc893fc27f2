package io.liveinsight.dashboard.http;

import io.liveinsight.dashboard.domain.Lane;
import io.liveinsight.dashboard.domain.ReplayRun;
import io.liveinsight.dashboard.port.StatsReader;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Stats table as one lane sees it: a replay run's keys are read under the run's site ({@link Lane#statsKey}) and
 * answered under the keys asked, so every statistic reads a run exactly as it reads live traffic. Live traffic reads
 * the reader itself, whose keys never reach a run's site.
 */
final class LaneStatsReader implements StatsReader {

    private final StatsReader reader;
    private final Lane lane;

    private LaneStatsReader(StatsReader reader, Lane lane) {
        this.reader = reader;
        this.lane = lane;
    }

    static StatsReader of(StatsReader reader, Lane lane) {
        return lane.live() ? reader : new LaneStatsReader(reader, lane);
    }

    @Override
    public Rollup read(StatsKey key) {
        return reader.read(lane.statsKey(key));
    }

    @Override
    public Map<StatsKey, Rollup> readAll(List<StatsKey> keys) {
        Map<StatsKey, Rollup> read =
                reader.readAll(keys.stream().map(lane::statsKey).toList());
        Map<StatsKey, Rollup> asked = new LinkedHashMap<>();
        keys.forEach(key -> asked.put(key, read.getOrDefault(lane.statsKey(key), Rollup.EMPTY)));
        return asked;
    }

    @Override
    public List<ReplayRun> replayRuns(long nowMillis) {
        return reader.replayRuns(nowMillis);
    }
}
