package io.liveinsight.dashboard.domain.compat;

import static io.liveinsight.dashboard.support.Rollups.breakdown;
import static io.liveinsight.dashboard.support.Rollups.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.dashboard.domain.compat.PageRanking.PageViews;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Rollup;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageRankingTest {

    private static final String HOSTILE = "shop.example/<script>alert(1)</script>/../😀";

    @Test
    void of_whenHoursAdded_ranksByViewsThenPageWithoutTheRest() {
        Rollup one = breakdown(
                events(0, 9), Dimension.PAGE, Map.of("shop.example/a", 3L, "shop.example/b", 2L, Rollup.OTHER, 4L));
        Rollup two = breakdown(events(0, 6), Dimension.PAGE, Map.of("shop.example/b", 1L, HOSTILE, 5L));

        assertThat(PageRanking.of(one.plus(two), 100))
                .containsExactly(
                        new PageViews(HOSTILE, 5),
                        new PageViews("shop.example/a", 3),
                        new PageViews("shop.example/b", 3));
    }

    @Test
    void of_whenLimited_keepsTheMostViewed() {
        Rollup hour = breakdown(events(0, 6), Dimension.PAGE, Map.of("a", 1L, "b", 3L, "c", 2L));

        assertThat(PageRanking.of(hour, 2)).extracting(PageViews::page).containsExactly("b", "c");
        assertThat(PageRanking.of(Rollup.EMPTY, 10)).isEmpty();
    }
}
