package io.liveinsight.dashboard.domain.compat;

import static io.liveinsight.dashboard.support.Rollups.breakdown;
import static io.liveinsight.dashboard.support.Rollups.event;
import static io.liveinsight.dashboard.support.Rollups.events;
import static io.liveinsight.dashboard.support.Rollups.pageView;
import static io.liveinsight.dashboard.support.Rollups.recent;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.RecentEvent;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageDetailsTest {

    private static final long NOW = Instant.parse("2026-12-06T08:41:30Z").toEpochMilli();
    private static final String PAGE = "shop.example/<script>alert(1)</script>/😀";

    private final Window day = Window.lastHours(NOW, 24);
    private final List<StatsKey> keys = day.hourKeys();
    private final Map<StatsKey, Rollup> items = new HashMap<>();

    @Test
    void of_whenViewsInSeveralHours_totalsThemByHourOfDay() {
        items.put(keys.get(0), breakdown(events(0, 5), Dimension.PAGE, Map.of(PAGE, 2L, "shop.example/", 3L)));
        items.put(keys.get(23), breakdown(events(0, 4), Dimension.PAGE, Map.of(PAGE, 4L)));

        PageDetails details = PageDetails.of(PAGE, keys, items, ZoneId.of("Asia/Seoul"));

        assertThat(details.totalViews()).isEqualTo(6);
        assertThat(details.distribution()).hasSize(24);
        assertThat(details.distribution()).containsEntry("18:00", 2L).containsEntry("17:00", 4L);
        assertThat(details.distribution().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(details.totalViews());
        assertThat(List.copyOf(details.distribution().keySet())).isSorted();
    }

    @Test
    void of_whenAHalfHourZone_labelsTheHoursAtHalfPast() {
        PageDetails details = PageDetails.of(PAGE, keys, items, ZoneId.of("Asia/Kolkata"));

        assertThat(details.distribution().keySet()).allMatch(label -> label.endsWith(":30"));
        assertThat(details.totalViews()).isZero();
    }

    @Test
    void of_whenLatestEvents_listsThatPagesViewsNewestFirstAtMostTen() {
        List<RecentEvent> events = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            events.add(pageView("v" + i, NOW - 3_600_000 + i * 1000L, PAGE, "google"));
        }
        events.add(event("click", "click", NOW - 1000, PAGE, "google"));
        events.add(pageView("other-page", NOW - 500, "shop.example/", "google"));
        items.put(keys.get(22), recent(events.subList(0, 7).toArray(RecentEvent[]::new)));
        items.put(keys.get(23), recent(events.subList(7, 16).toArray(RecentEvent[]::new)));

        PageDetails details = PageDetails.of(PAGE, keys, items, ZoneId.of("UTC"));

        assertThat(details.recent()).hasSize(10);
        assertThat(details.recent().get(0).eventId()).isEqualTo("v13");
        assertThat(details.recent().get(9).eventId()).isEqualTo("v4");
    }

    @Test
    void key_whenAWholeUrl_dropsSchemeQueryAndFragment() {
        assertThat(PageDetails.key("https://shop.example/a?utm_source=x#top")).isEqualTo("shop.example/a");
        assertThat(PageDetails.key("HTTP://shop.example/a")).isEqualTo("shop.example/a");
        assertThat(PageDetails.key("shop.example/a?b")).isEqualTo("shop.example/a?b");
        assertThat(PageDetails.key("../../etc/passwd")).isEqualTo("../../etc/passwd");
    }
}
