package io.liveinsight.dashboard.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.replay.ReplayLane;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.StatsKey;
import org.junit.jupiter.api.Test;

/** Cites docs/contract/replay.md#where-a-run-shows: a run's rollups are under its own site. */
class LaneTest {

    private static final StatsKey HOUR = StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.HOUR, 1_796_544_000_000L);

    @Test
    void statsKey_whenLive_isTheKeyItself() {
        assertThat(Lane.LIVE.live()).isTrue();
        assertThat(Lane.LIVE.statsKey(HOUR)).isSameAs(HOUR);
    }

    @Test
    void statsKey_whenARun_isTheSameBucketUnderTheRunsSite() {
        Lane lane = Lane.replay("run-7");

        StatsKey key = lane.statsKey(HOUR);

        assertThat(lane.live()).isFalse();
        assertThat(key.site()).isEqualTo(ReplayLane.statsSite(StatsKey.DEFAULT_SITE, "run-7"));
        assertThat(key.value()).isEqualTo("default~replay~run-7#h#1796544000");
        assertThat(key.resolution()).isEqualTo(HOUR.resolution());
        assertThat(key.bucketStart()).isEqualTo(HOUR.bucketStart());
        assertThat(Lane.replay("run-8").statsKey(HOUR)).isNotEqualTo(key);
    }

    @Test
    void replay_whenTheRunIdIsNotOne_isRefused() {
        for (String bad : new String[] {"", "-a", "A", "a".repeat(41), "a~b", "a#b", "a b", "é"}) {
            assertThatThrownBy(() -> Lane.replay(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Lane.replay("a".repeat(40)).run()).hasSize(40);
    }
}
