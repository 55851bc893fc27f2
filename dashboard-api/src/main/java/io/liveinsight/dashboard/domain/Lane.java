package io.liveinsight.dashboard.domain;

import io.liveinsight.event.replay.ReplayLane;
import io.liveinsight.event.stats.StatsKey;
import java.util.Objects;

/**
 * Which traffic a read shows (docs/contract/replay.md#where-a-run-shows): live traffic, what visitors did, with every
 * replayed item left out; or one replay run, that run only. A run's rollups are kept under its own site
 * ({@link ReplayLane#statsSite}), so the same keys read under that site give the run's figures.
 *
 * @param run the replay run (1-40 characters of a-z 0-9 -), or null for live traffic
 */
public record Lane(String run) {

    public static final Lane LIVE = new Lane(null);

    public Lane {
        if (run != null && ReplayLane.runError(run) != null) {
            throw new IllegalArgumentException("replay run " + ReplayLane.runError(run));
        }
    }

    public static Lane replay(String run) {
        return new Lane(Objects.requireNonNull(run, "run"));
    }

    public boolean live() {
        return run == null;
    }

    /** The rollup key holding this lane's figures of {@code key}: a live key as it is, a run's under the run's site. */
    public StatsKey statsKey(StatsKey key) {
        return live() ? key : new StatsKey(ReplayLane.statsSite(key.site(), run), key.resolution(), key.bucketStart());
    }
}
