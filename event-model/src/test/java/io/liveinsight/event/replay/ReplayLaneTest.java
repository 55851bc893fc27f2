package io.liveinsight.event.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.StatsKey;
import org.junit.jupiter.api.Test;

/** docs/contract/replay.md#where-a-run-shows: a run's rollup site and its runs item's partition. */
class ReplayLaneTest {

    @Test
    void statsSite_isARunOwnSiteThatStatsKeysTake() {
        String site = ReplayLane.statsSite(StatsKey.DEFAULT_SITE, "run-1");

        assertThat(site).isEqualTo("default~replay~run-1");
        assertThat(StatsKey.of(site, Resolution.HOUR, 0).value()).isEqualTo("default~replay~run-1#h#0");
        assertThatThrownBy(() -> ReplayLane.statsSite("default", "Run#1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runsKey_isApartFromEveryRollupKeyOfTheSite() {
        String runs = ReplayLane.runsKey(StatsKey.DEFAULT_SITE);

        assertThat(runs).isEqualTo("default#runs");
        assertThatThrownBy(() -> StatsKey.parse(runs)).isInstanceOf(IllegalArgumentException.class);
    }
}
