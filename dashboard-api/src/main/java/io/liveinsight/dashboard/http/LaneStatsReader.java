package io.liveinsight.dashboard.http;

import io.liveinsight.dashboard.domain.Lane;
import io.liveinsight.dashboard.domain.ReplayRun;
import io.liveinsight.dashboard.port.StatsReader;
import io.liveinsight.event.site.SiteId;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Stats table as one site and lane see it: the statistics ask for the default site's keys, which are read under
 * the site's (docs/contract/sites.md#isolation: {@code <site>#...}) and, for a replay run, under the run's site
 * ({@link Lane#statsKey}: {@code <site>~replay~<run>#...}), and answered under the keys asked; so every statistic reads
 * a site, or one of its runs, exactly as it reads the default site's live traffic. The default site's live traffic
 * reads the reader itself.
 */
final class LaneStatsReader implements StatsReader {

    private final StatsReader reader;
    private final String site;
    private final Lane lane;

    private LaneStatsReader(StatsReader reader, String site, Lane lane) {
        this.reader = reader;
        this.site = site;
        this.lane = lane;
    }

    static StatsReader of(StatsReader reader, String site, Lane lane) {
        return lane.live() && site.equals(SiteId.DEFAULT) ? reader : new LaneStatsReader(reader, site, lane);
    }

    /** The key holding the figures of {@code key} for this site and lane. */
    private StatsKey stored(StatsKey key) {
        return lane.statsKey(new StatsKey(site, key.resolution(), key.bucketStart()));
    }

    @Override
    public Rollup read(StatsKey key) {
        return reader.read(stored(key));
    }

    @Override
    public Map<StatsKey, Rollup> readAll(List<StatsKey> keys) {
        Map<StatsKey, Rollup> read =
                reader.readAll(keys.stream().map(this::stored).toList());
        Map<StatsKey, Rollup> asked = new LinkedHashMap<>();
        keys.forEach(key -> asked.put(key, read.getOrDefault(stored(key), Rollup.EMPTY)));
        return asked;
    }

    @Override
    public List<ReplayRun> replayRuns(String runsSite, long nowMillis) {
        return reader.replayRuns(runsSite, nowMillis);
    }
}
