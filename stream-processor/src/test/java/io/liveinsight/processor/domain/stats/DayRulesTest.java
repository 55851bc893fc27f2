package io.liveinsight.processor.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.EventLimits;
import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Hll;
import io.liveinsight.event.stats.RecentEvent;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** docs/contract/tables.md#day-items: when a day is final, and what its item holds. Pure. */
class DayRulesTest {

    private static final Instant DAY = Instant.parse("2026-12-01T00:00:00Z");
    private static final StatsKey D = StatsKey.of("default", Resolution.DAY, DAY.toEpochMilli());
    private static final String HOSTILE_SITE = "<script>~|😀" + "s".repeat(120);

    @Test
    void dayOf_anHourOrMinuteOrDay_isItsUtcDay() {
        StatsKey lastHour = StatsKey.of(
                "default", Resolution.HOUR, DAY.plusSeconds(23 * 3600 + 59 * 60).toEpochMilli());

        assertThat(DayRules.dayOf(lastHour)).isEqualTo(D);
        assertThat(DayRules.dayOf(StatsKey.of("default", Resolution.MINUTE, DAY.toEpochMilli())))
                .isEqualTo(D);
        assertThat(DayRules.dayOf(D)).isEqualTo(D);
        assertThat(DayRules.dayOf(StatsKey.of(
                        "default", Resolution.HOUR, DAY.minusSeconds(1).toEpochMilli())))
                .isEqualTo(new StatsKey("default", Resolution.DAY, D.bucketStart() - 86_400));
        assertThat(DayRules.dayOf(StatsKey.of("default", Resolution.HOUR, -1)).bucketStart())
                .as("before 1970: the day before, not towards zero")
                .isEqualTo(-86_400);
    }

    @Test
    void hoursOf_aDay_areItsTwentyFourUtcHoursOfTheSameSite() {
        StatsKey day = new StatsKey(HOSTILE_SITE, Resolution.DAY, D.bucketStart());

        List<StatsKey> hours = DayRules.hoursOf(day);

        assertThat(hours).hasSize(24).allMatch(hour -> hour.resolution() == Resolution.HOUR);
        assertThat(hours).allMatch(hour -> hour.site().equals(HOSTILE_SITE));
        assertThat(hours).allMatch(hour -> DayRules.dayOf(hour).equals(day));
        assertThat(hours.get(0).bucketStart()).isEqualTo(D.bucketStart());
        assertThat(hours.get(23).bucketStart()).isEqualTo(D.bucketStart() + 23 * 3600);
        assertThatThrownBy(() -> DayRules.hoursOf(hours.get(0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isFinal_from26HoursAfterTheDaysEnd() {
        Instant end = DAY.plus(Duration.ofDays(1));

        assertThat(DayRules.isFinal(D, end.plus(Duration.ofHours(26)).minusSeconds(1)))
                .isFalse();
        assertThat(DayRules.isFinal(D, end.plus(Duration.ofHours(26)))).isTrue();
        assertThat(DayRules.isFinal(D, end.plus(Duration.ofDays(400)))).isTrue();
        assertThat(DayRules.isFinal(D, DAY)).isFalse();
    }

    @Test
    void finalAfter_coversTheEdgesClockLagWithTimeForTheStream() {
        Duration lag = Duration.ofMillis(EventLimits.MAX_CLOCK_BEHIND_MS);

        assertThat(DayRules.FINAL_AFTER).isEqualTo(lag.plus(Duration.ofHours(2)));
    }

    @Test
    void recentFinalDays_areTheFinalOnesOfTheLastEight_oldestFirst() {
        Instant today = DAY.plus(Duration.ofDays(10));

        List<StatsKey> before = DayRules.recentFinalDays(
                "default", today.plus(Duration.ofHours(2)).minusSeconds(1));
        List<StatsKey> after = DayRules.recentFinalDays("default", today.plus(Duration.ofHours(2)));

        assertThat(before).hasSize(6);
        assertThat(after).hasSize(7);
        assertThat(after.get(0))
                .isEqualTo(StatsKey.of(
                        "default",
                        Resolution.DAY,
                        today.minus(Duration.ofDays(8)).toEpochMilli()));
        assertThat(after.get(6))
                .isEqualTo(StatsKey.of(
                        "default",
                        Resolution.DAY,
                        today.minus(Duration.ofDays(2)).toEpochMilli()));
        assertThat(after).allMatch(day -> DayRules.isFinal(day, today.plus(Duration.ofHours(2))));
    }

    @Test
    void sum_addsTotalsBreakdownsAndUsers_andDropsMinutesAndLatestEvents() {
        Counts one = new Counts(3, 2, 1, 1, 40_000, 0, 1, 1, 2, 1);
        Rollup h0 = new Rollup(
                one,
                Map.of(7, one),
                Map.of(Dimension.PAGE, Map.of("<script>alert(1)</script>", 2L), Dimension.SOURCE, Map.of("google", 1L)),
                users("u1", "u2"),
                List.of(new RecentEvent(1, "e1", "page_view", "s", "u1", "p", "google")));
        Rollup h5 = new Rollup(
                one,
                Map.of(59, one),
                Map.of(Dimension.PAGE, Map.of("<script>alert(1)</script>", 1L, "😀/p", 4L)),
                users("u2", "u3"),
                List.of(new RecentEvent(2, "e2", "click", "s", "u2", null, null)));

        Rollup day = DayRules.sum(List.of(h0, h5));

        assertThat(day.totals()).isEqualTo(one.plus(one));
        assertThat(day.minutes()).isEmpty();
        assertThat(day.recent()).isEmpty();
        assertThat(day.breakdown(Dimension.PAGE)).isEqualTo(Map.of("<script>alert(1)</script>", 3L, "😀/p", 4L));
        assertThat(day.breakdown(Dimension.SOURCE)).isEqualTo(Map.of("google", 1L));
        assertThat(day.users()).isEqualTo(users("u1", "u2", "u3"));
        assertThat(DayRules.sum(List.of())).isEqualTo(Rollup.EMPTY);
    }

    @Test
    void sum_ofBusyHours_cutsEachBreakdownToTheLargestKeys_andKeepsItsSumExact() {
        List<Rollup> hours = new ArrayList<>();
        long pageViews = 0;
        for (int h = 0; h < 24; h++) {
            Map<String, Long> pages = new HashMap<>();
            for (int i = 0; i < 150; i++) {
                pages.put("example.com/h" + h + "/p" + i, 1L + i);
                pageViews += 1 + i;
            }
            hours.add(new Rollup(Counts.ZERO, Map.of(), Map.of(Dimension.PAGE, pages), null, List.of()).cut());
        }

        Map<String, Long> pages = DayRules.sum(hours).breakdown(Dimension.PAGE);

        assertThat(pages).hasSize(Rollup.MAX_KEYS + 1).containsKey(Rollup.OTHER);
        assertThat(pages.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(pageViews);
    }

    @Test
    void sum_inAnyOrder_isTheSame() {
        List<Rollup> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            Map<String, Long> pages = new HashMap<>();
            for (int i = 0; i < 40; i++) {
                pages.put("p" + ((h * 7 + i) % 130), (long) (h + i) % 9 + 1);
            }
            hours.add(new Rollup(
                            new Counts(h, h, 1, 1, h * 1000L, 0, 0, 0, 0, 0),
                            Map.of(h % 60, Counts.ZERO.plus(new Counts(h, 0, 0, 0, 0, 0, 0, 0, 0, 0))),
                            Map.of(Dimension.PAGE, pages),
                            users("u" + h, "u" + (h + 1)),
                            List.of())
                    .cut());
        }
        Rollup inOrder = DayRules.sum(hours);
        Random random = new Random(14);

        for (int run = 0; run < 20; run++) {
            List<Rollup> shuffled = new ArrayList<>(hours);
            Collections.shuffle(shuffled, random);

            assertThat(DayRules.sum(shuffled)).isEqualTo(inOrder);
        }
    }

    @Test
    void next_withNeitherADayItemNorHours_writesNothing() {
        assertThat(DayRules.next(null, List.of())).isEmpty();
    }

    @Test
    void next_ofAnOpenItem_isTheFinalSumOneRevisionOn_markTheGreatestOfTheHours() {
        DayItem open = new DayItem(1, DayItem.NO_MARK, false, Rollup.EMPTY);
        Rollup a = Rollup.of(new Counts(1, 1, 1, 1, 0, 1, 0, 0, 0, 0));
        Rollup b = Rollup.of(new Counts(2, 0, 0, 0, 0, 0, 0, 0, 1, 0));

        DayItem next = DayRules.next(open, List.of(hour(900, a), hour(77, b))).orElseThrow();

        assertThat(next).isEqualTo(new DayItem(2, BigInteger.valueOf(900), true, DayRules.sum(List.of(a, b))));
    }

    @Test
    void next_ofAnOpenItemWithoutHours_isFinalAndEmpty() {
        DayItem open = new DayItem(3, DayItem.NO_MARK, false, Rollup.EMPTY);

        assertThat(DayRules.next(open, List.of())).contains(new DayItem(4, DayItem.NO_MARK, true, Rollup.EMPTY));
    }

    @Test
    void next_ofHoursWithoutADayItem_isTheFirstRevision() {
        Rollup a = Rollup.of(new Counts(1, 1, 1, 1, 0, 1, 0, 0, 0, 0));

        assertThat(DayRules.next(null, List.of(hour(5, a))))
                .contains(new DayItem(1, BigInteger.valueOf(5), true, DayRules.sum(List.of(a))));
    }

    @Test
    void next_ofAFinalItemWhoseHoursAreUnchanged_writesNothing_andOfOneBehindThem_rewritesIt() {
        Rollup a = Rollup.of(new Counts(1, 1, 1, 1, 0, 1, 0, 0, 0, 0));
        Rollup late = Rollup.of(new Counts(1, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        DayItem done = DayRules.next(null, List.of(hour(5, a), hour(9, a))).orElseThrow();

        assertThat(DayRules.next(done, List.of(hour(9, a), hour(5, a)))).isEmpty();
        assertThat(DayRules.next(done, List.of(hour(5, a), hour(12, a.plus(late)))))
                .contains(new DayItem(2, BigInteger.valueOf(12), true, DayRules.sum(List.of(a, a.plus(late)))));
    }

    @Test
    void reopened_isTheNextRevision_openAndEmpty() {
        DayItem done = new DayItem(4, BigInteger.TEN, true, Rollup.of(new Counts(1, 0, 0, 0, 0, 0, 0, 0, 0, 0)));

        assertThat(done.reopened()).isEqualTo(new DayItem(5, DayItem.NO_MARK, false, Rollup.EMPTY));
        assertThatThrownBy(() -> new DayItem(0, DayItem.NO_MARK, false, Rollup.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static HourItem hour(long mark, Rollup rollup) {
        return new HourItem(BigInteger.valueOf(mark), rollup);
    }

    private static Hll users(String... ids) {
        Hll hll = new Hll();
        for (String id : ids) {
            hll.add(id);
        }
        return hll;
    }
}
