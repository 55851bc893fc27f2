package io.liveinsight.dashboard.domain.compat;

import static io.liveinsight.dashboard.support.Rollups.breakdown;
import static io.liveinsight.dashboard.support.Rollups.event;
import static io.liveinsight.dashboard.support.Rollups.pageView;
import static io.liveinsight.dashboard.support.Rollups.recent;
import static io.liveinsight.dashboard.support.Rollups.sessions;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.RecentEvent;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferrerDetailsTest {

    private static final long NOW = Instant.parse("2026-12-06T08:41:30Z").toEpochMilli();
    private static final ZoneId UTC = ZoneId.of("UTC");

    private final List<StatsKey> keys = Window.lastHours(NOW, 168).hourKeys();
    private final Map<StatsKey, Rollup> items = new HashMap<>();

    @Test
    void of_whenABucket_addsItsSourcesSessionsByHourOfDayOverTheWeek() {
        items.put(keys.get(0), breakdown(sessions(5, 0, 0), Dimension.SOURCE, Map.of("direct", 2L, "internal", 1L)));
        items.put(keys.get(24), breakdown(sessions(5, 0, 0), Dimension.SOURCE, Map.of("direct", 4L, "google", 1L)));
        items.put(keys.get(167), breakdown(sessions(1, 0, 0), Dimension.SOURCE, Map.of("direct", 1L)));

        ReferrerDetails details = ReferrerDetails.of(ReferrerFilter.of("Direct"), keys, items, UTC);

        assertThat(details.totalSessions()).isEqualTo(8);
        assertThat(details.distribution())
                .hasSize(24)
                .containsEntry("09:00", 7L)
                .containsEntry("08:00", 1L);
    }

    @Test
    void of_whenASourceName_countsOnlyThatSource() {
        items.put(keys.get(3), breakdown(sessions(5, 0, 0), Dimension.SOURCE, Map.of("bing", 2L, "yahoo", 3L)));

        assertThat(ReferrerDetails.of(ReferrerFilter.of("bing"), keys, items, UTC)
                        .totalSessions())
                .isEqualTo(2);
        assertThat(ReferrerDetails.of(ReferrerFilter.of("Other"), keys, items, UTC)
                        .totalSessions())
                .isEqualTo(5);
    }

    @Test
    void of_whenLatestEvents_listsThatBucketsPageViewsNewestFirst() {
        RecentEvent google = pageView("g", NOW - 2000, "shop.example/", "google");
        RecentEvent internal = pageView("i", NOW - 1000, "shop.example/b", "internal");
        RecentEvent direct = pageView("d", NOW - 3 * 86_400_000L, "shop.example/<i>", "direct");
        RecentEvent click = event("c", "click", NOW - 500, "shop.example/", "direct");
        items.put(keys.get(167), recent(google, internal, click));
        items.put(keys.get(167 - 72), recent(direct));

        ReferrerDetails details = ReferrerDetails.of(ReferrerFilter.of("direct"), keys, items, UTC);

        assertThat(details.recent()).containsExactly(internal, direct);
    }
}
