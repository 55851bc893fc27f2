package io.liveinsight.event.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.StatsKey;
import org.junit.jupiter.api.Test;

/**
 * docs/contract/replay.md#where-a-run-shows: a run's rollup site and its runs item's partition; #ids: a session id is
 * in one lane.
 */
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

    @Test
    void sessionIdError_keepsTheReplayPrefixForTheRunsMappedIds() {
        ReplayIds ids = new ReplayIds(ReplayKey.of("replay-lane-test-key-0123456789"), "run-1");
        String mapped = ids.sessionId("s\uD83D\uDE00~#|");

        assertThat(io.liveinsight.event.SessionIds.laneError(mapped, "run-1")).isNull();
        assertThat(io.liveinsight.event.SessionIds.laneError("s~r~#|", null)).isNull();
        assertThat(io.liveinsight.event.SessionIds.laneError("R~1", null)).isNull();
        assertThat(io.liveinsight.event.SessionIds.laneError(mapped, null))
                .isEqualTo("must not start with r~: the prefix is kept for replayed sessions");
        assertThat(io.liveinsight.event.SessionIds.laneError("r~", null)).isNotNull();
        assertThat(io.liveinsight.event.SessionIds.laneError(mapped, "run-2"))
                .isEqualTo("is not a session id of replay run run-2");
        assertThat(io.liveinsight.event.SessionIds.laneError("r~run-10~x", "run-1"))
                .isNotNull();
        assertThat(io.liveinsight.event.SessionIds.laneError("s", "run-1")).isNotNull();
    }
}
