package io.liveinsight.dashboard.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.stats.Counts;
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

/** Cites docs/contract/api.md#get-apistatsdetails. */
class DetailsTest {

    private static final Instant H7 = Instant.parse("2026-12-06T07:00:00Z");
    private static final Instant H8 = Instant.parse("2026-12-06T08:00:00Z");
    private static final String PAGE = "example.com/<b>pricing</b>\uD83D\uDE00";

    private static RecentEvent event(Instant at, String id, String page, String source) {
        return new RecentEvent(at.toEpochMilli(), id, "page_view", "s-" + id, "u-" + id, page, source);
    }

    private static Map<StatsKey, Rollup> twoHours() {
        Map<StatsKey, Rollup> rollups = new HashMap<>();
        List<RecentEvent> seven = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // the item keeps the latest 10: a10 to a19
            seven.add(event(H7.plusSeconds(i * 60), "a" + i, i % 2 == 0 ? PAGE : "example.com/", "google"));
        }
        rollups.put(
                StatsKeys.hour(H7),
                new Rollup(
                        new Counts(20, 20, 3, 0, 0, 0, 0, 0, 0, 0),
                        Map.of(),
                        Map.of(
                                Dimension.PAGE,
                                Map.of(PAGE, 10L, "example.com/", 10L),
                                Dimension.SOURCE,
                                Map.of("google", 3L)),
                        null,
                        seven));
        rollups.put(
                StatsKeys.hour(H8),
                new Rollup(
                        new Counts(2, 2, 1, 0, 0, 0, 0, 0, 0, 0),
                        Map.of(0, SeriesTest.events(1), 1, SeriesTest.events(1), 17, SeriesTest.events(4)),
                        Map.of(Dimension.PAGE, Map.of(PAGE, 2L), Dimension.SOURCE, Map.of("direct", 1L)),
                        null,
                        List.of(
                                event(H8.plusSeconds(5), "b0", PAGE, "direct"),
                                event(H8.plusSeconds(65), "b1", PAGE, "direct"))));
        return rollups;
    }

    @Test
    void of_whenAPage_totalsItsViewsPerHourAndListsItsLatestEventsNewestFirst() {
        StatsRange range = new StatsRange(H7, H8.plusSeconds(3600), ZoneId.of("Asia/Seoul"));

        Details details = Details.of(range, Details.Kind.PAGE, PAGE, twoHours());

        assertThat(details.total()).isEqualTo(12);
        assertThat(details.series()).extracting(Details.Point::count).containsExactly(10L, 2L);
        assertThat(details.series()).extracting(p -> p.slot().label()).containsExactly("16:00", "17:00");
        assertThat(details.recent()).hasSize(5 + 2).allMatch(e -> e.page().equals(PAGE));
        assertThat(details.recent().get(0).eventId()).isEqualTo("b1");
        assertThat(details.toJson()).containsEntry("key", PAGE).containsEntry("dimension", "page");
        Map<String, Object> recent =
                ((List<Map<String, Object>>) details.toJson().get("recent")).get(0);
        assertThat(recent)
                .containsEntry("time", H8.plusSeconds(65).toString())
                .containsEntry("event_id", "b1")
                .containsEntry("page", PAGE)
                .containsEntry("source", "direct")
                .containsKeys("timestamp", "event_type", "session_id", "user_id");
    }

    @Test
    void of_whenASource_totalsItsSessions() {
        StatsRange range = new StatsRange(H7, H8.plusSeconds(3600), ZoneId.of("UTC"));

        Details details = Details.of(range, Details.Kind.SOURCE, "google", twoHours());

        assertThat(details.total()).isEqualTo(3);
        assertThat(details.recent()).hasSize(10).allMatch(e -> e.source().equals("google"));
    }

    @Test
    void of_whenAnHour_totalsItsEventsWithFiveMinutePointsFromItsMinuteSlots() {
        StatsRange range = Details.hourRange(H8, ZoneId.of("Asia/Kolkata"));

        Details details = Details.of(range, Details.Kind.HOUR, "ignored", twoHours());

        assertThat(Details.keys(range)).containsExactly(StatsKeys.hour(H8));
        assertThat(details.key()).isEqualTo("2026-12-06T08:00:00Z");
        assertThat(details.total()).isEqualTo(2);
        assertThat(details.series()).hasSize(12);
        assertThat(details.series()).extracting(Details.Point::count).startsWith(2L, 0L, 0L, 4L);
        assertThat(details.series().get(0).slot().label()).isEqualTo("13:30");
        assertThat(details.recent()).extracting(RecentEvent::eventId).containsExactly("b1", "b0");
    }

    @Test
    void of_whenEventsHaveNoPageOrSource_neverMatchesAKey() {
        Map<StatsKey, Rollup> rollups = Map.of(
                StatsKeys.hour(H7),
                new Rollup(
                        Counts.ZERO,
                        Map.of(),
                        Map.of(),
                        null,
                        List.of(new RecentEvent(H7.toEpochMilli(), "x", "click", "s", "u", null, null))));
        StatsRange range = new StatsRange(H7, H8, ZoneId.of("UTC"));

        assertThat(Details.of(range, Details.Kind.PAGE, "example.com/", rollups).recent())
                .isEmpty();
        assertThat(Details.of(range, Details.Kind.SOURCE, "direct", rollups).recent())
                .isEmpty();
        List<?> recent = (List<?>)
                Details.of(range, Details.Kind.HOUR, "x", rollups).toJson().get("recent");
        Map<?, ?> event = (Map<?, ?>) recent.get(0);
        assertThat(event.containsKey("page") && event.get("page") == null).isTrue();
        assertThat(event.containsKey("source") && event.get("source") == null).isTrue();
    }
}
