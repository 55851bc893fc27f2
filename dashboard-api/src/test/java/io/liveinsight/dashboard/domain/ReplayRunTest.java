package io.liveinsight.dashboard.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cites docs/contract/api.md#replay-runs: newest {@code last_at} first, at most 100, instants as ISO-8601. */
class ReplayRunTest {

    @Test
    void newestFirst_ordersByLastAtThenRunId_andKeepsTheNewestHundred() {
        List<ReplayRun> runs = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            runs.add(new ReplayRun("run-" + i, 0, (i * 7L) % 150));
        }
        runs.add(new ReplayRun("a-tie", 0, 149));

        List<ReplayRun> listed = ReplayRun.newestFirst(runs);

        assertThat(listed).hasSize(ReplayRun.MAX_LISTED);
        assertThat(listed.get(0).run()).isEqualTo("a-tie");
        assertThat(listed.get(1).lastAt()).isEqualTo(149);
        for (int i = 1; i < listed.size(); i++) {
            assertThat(listed.get(i).lastAt())
                    .isLessThanOrEqualTo(listed.get(i - 1).lastAt());
        }
        assertThat(listed.getLast().lastAt())
                .as("149 twice, then 148 down to 51")
                .isEqualTo(51);
    }

    @Test
    void toJson_writesInstantsAsIsoUtc() {
        Map<String, Object> json = new ReplayRun("r1", 1_796_544_000_120L, 1_796_544_000_000L).toJson();

        assertThat(json)
                .containsExactly(
                        Map.entry("run", "r1"),
                        Map.entry("first_at", "2026-12-06T08:00:00.120Z"),
                        Map.entry("last_at", "2026-12-06T08:00:00Z"));
    }

    @Test
    void replayRun_whenNotARunId_isRefused() {
        assertThatThrownBy(() -> new ReplayRun("<script>", 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
