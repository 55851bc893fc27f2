package io.liveinsight.dashboard.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Hll;
import io.liveinsight.event.stats.Rollup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RollupSumTest {

    @Test
    void add_whenManyRollups_equalsAddingThemOneByOneWithoutMinutesOrLatestEvents() {
        Random random = new Random(14);
        List<Rollup> rollups = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Map<String, Long> pages = new HashMap<>();
            for (int k = 0; k < 20; k++) {
                pages.put("example.com/" + random.nextInt(60), 1L + random.nextInt(9));
            }
            Hll users = new Hll();
            users.add("user-" + random.nextInt(500));
            rollups.add(new Rollup(
                    new Counts(random.nextInt(99), random.nextInt(50), random.nextInt(9), 1, 2, 3, 4, 5, 6, 7),
                    Map.of(random.nextInt(60), Counts.ZERO.plus(new Counts(1, 1, 1, 1, 1, 1, 1, 1, 1, 1))),
                    Map.of(Dimension.PAGE, pages, Dimension.SOURCE, Map.of(i % 2 == 0 ? "google" : "direct", 1L)),
                    i % 3 == 0 ? null : users,
                    List.of()));
        }
        Rollup plus = Rollup.EMPTY;
        for (Rollup rollup : rollups) {
            plus = plus.plus(rollup);
        }

        Rollup sum = new RollupSum().addAll(rollups).toRollup();

        assertThat(sum.totals()).isEqualTo(plus.totals());
        assertThat(sum.breakdowns()).isEqualTo(plus.breakdowns());
        assertThat(sum.users()).isEqualTo(plus.users());
        assertThat(sum.minutes()).isEmpty();
        assertThat(rollups.get(1).users().estimate())
                .as("the rollups added are not changed")
                .isEqualTo(1);
    }
}
