package io.liveinsight.event.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Adding, cutting and keeping the cut of rollups (docs/contract/tables.md#stats). */
class RollupTest {

    private static final Counts ONE_VIEW = new Counts(1, 1, 0, 0, 0, 0, 0, 0, 0, 0);
    private static final Counts ONE_SESSION = new Counts(0, 0, 1, 1, 4_000, 1, 0, 0, 0, 0);

    @Test
    void plus_addsEveryFigure_inEitherOrder() {
        Rollup a = new Rollup(
                ONE_VIEW,
                Map.of(3, ONE_VIEW),
                Map.of(Dimension.PAGE, Map.of("example.com/", 1L)),
                users("u1", "u2"),
                List.of(recent(10, "e1")));
        Rollup b = new Rollup(
                ONE_SESSION.plus(ONE_VIEW),
                Map.of(3, ONE_SESSION, 59, ONE_VIEW),
                Map.of(
                        Dimension.PAGE,
                        Map.of("example.com/", 2L, "example.com/a", 1L),
                        Dimension.DEVICE,
                        Map.of("phone", 1L)),
                users("u2", "u3"),
                List.of(recent(20, "e2")));

        Rollup sum = a.plus(b);

        assertThat(sum).isEqualTo(b.plus(a));
        assertThat(sum.totals()).isEqualTo(new Counts(2, 2, 1, 1, 4_000, 1, 0, 0, 0, 0));
        assertThat(sum.minute(3)).isEqualTo(ONE_VIEW.plus(ONE_SESSION));
        assertThat(sum.minute(59)).isEqualTo(ONE_VIEW);
        assertThat(sum.minute(0)).isEqualTo(Counts.ZERO);
        assertThat(sum.breakdown(Dimension.PAGE)).isEqualTo(Map.of("example.com/", 3L, "example.com/a", 1L));
        assertThat(sum.breakdown(Dimension.DEVICE)).isEqualTo(Map.of("phone", 1L));
        assertThat(sum.breakdown(Dimension.BROWSER)).isEmpty();
        assertThat(sum.users()).isEqualTo(users("u1", "u2", "u3"));
        assertThat(sum.userCount()).isEqualTo(3);
        assertThat(sum.recent()).extracting(RecentEvent::eventId).containsExactly("e2", "e1");
    }

    @Test
    void plus_isAssociative() {
        Rollup a = new Rollup(
                ONE_VIEW,
                Map.of(1, ONE_VIEW),
                Map.of(Dimension.OS, Map.of("iOS", 1L)),
                users("a"),
                List.of(recent(1, "x")));
        Rollup b = new Rollup(
                ONE_SESSION,
                Map.of(1, ONE_SESSION),
                Map.of(Dimension.OS, Map.of("iOS", -1L, "Linux", 2L)),
                users("b"),
                List.of(recent(2, "y")));
        Rollup c = new Rollup(
                ONE_VIEW,
                Map.of(2, ONE_VIEW),
                Map.of(Dimension.BROWSER, Map.of("Firefox", 1L)),
                null,
                List.of(recent(1, "x"), recent(3, "z")));

        assertThat(a.plus(b).plus(c)).isEqualTo(a.plus(b.plus(c)));
        assertThat(a.plus(b).plus(c).breakdown(Dimension.OS)).isEqualTo(Map.of("Linux", 2L));
    }

    @Test
    void plus_withEmpty_changesNothing() {
        Rollup a = new Rollup(
                ONE_VIEW,
                Map.of(1, ONE_VIEW),
                Map.of(Dimension.OS, Map.of("iOS", 1L)),
                users("a"),
                List.of(recent(1, "x")));

        assertThat(a.plus(Rollup.EMPTY)).isEqualTo(a);
        assertThat(Rollup.EMPTY.plus(a)).isEqualTo(a);
        assertThat(Rollup.EMPTY.plus(Rollup.EMPTY)).isEqualTo(Rollup.EMPTY);
    }

    @Test
    void plus_whenADeltaCancelsAFigure_dropsTheZeroEntries() {
        Rollup stored = new Rollup(
                ONE_VIEW.plus(ONE_SESSION),
                Map.of(7, ONE_VIEW, 8, ONE_SESSION),
                Map.of(Dimension.SOURCE, Map.of("google", 1L, "direct", 2L), Dimension.CHANNEL, Map.of("direct", 2L)),
                null,
                List.of());
        Rollup delta = new Rollup(
                ONE_SESSION.negate(),
                Map.of(8, ONE_SESSION.negate()),
                Map.of(Dimension.SOURCE, Map.of("google", -1L), Dimension.CHANNEL, Map.of("direct", -2L)),
                null,
                List.of());

        Rollup sum = stored.plus(delta);

        assertThat(sum.minutes()).containsOnlyKeys(7);
        assertThat(sum.breakdowns()).containsOnlyKeys(Dimension.SOURCE);
        assertThat(sum.breakdown(Dimension.SOURCE)).isEqualTo(Map.of("direct", 2L));
        assertThat(sum).isEqualTo(delta.plus(stored));
    }

    @Test
    void new_withZeroEntries_dropsThem_soEqualRollupsAreEqual() {
        Rollup withZeros = new Rollup(
                ONE_VIEW,
                Map.of(1, Counts.ZERO, 2, ONE_VIEW),
                Map.of(Dimension.PAGE, Map.of("a", 0L, "b", 1L), Dimension.OS, Map.of("x", 0L)),
                new Hll(),
                List.of());
        Rollup without =
                new Rollup(ONE_VIEW, Map.of(2, ONE_VIEW), Map.of(Dimension.PAGE, Map.of("b", 1L)), null, List.of());

        assertThat(withZeros).isEqualTo(without);
        assertThat(withZeros.minutes()).containsOnlyKeys(2);
        assertThat(withZeros.users()).isNull();
        Rollup other = Rollup.of(Counts.ZERO);
        assertThat(withZeros.plus(other)).isEqualTo(other.plus(withZeros));
    }

    @Test
    void new_whenAMinuteIsOutsideTheHour_isRefused() {
        for (int minute : new int[] {-1, 60}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> new Rollup(ONE_VIEW, Map.of(minute, ONE_VIEW), Map.of(), null, List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("minute");
        }
    }

    @Test
    void users_whenChangedByAReader_leaveTheRollupAsItWas() {
        Hll sketch = users("u1");
        Rollup rollup = new Rollup(ONE_VIEW, Map.of(), Map.of(), sketch, List.of());

        sketch.add("u2");
        rollup.users().add("u3");

        assertThat(rollup.users()).isEqualTo(users("u1"));
        assertThat(rollup.userCount()).isEqualTo(1);
    }

    @Test
    void cut_keepsTheHundredLargest_andSumsTheRestUnderOther() {
        Map<String, Long> pages = new HashMap<>();
        for (int i = 1; i <= 250; i++) {
            pages.put("example.com/p" + i, (long) i);
        }
        Rollup rollup = new Rollup(ONE_VIEW, Map.of(), Map.of(Dimension.PAGE, pages), null, List.of());

        Map<String, Long> cut = rollup.cut().breakdown(Dimension.PAGE);

        assertThat(cut).hasSize(Rollup.MAX_KEYS + 1);
        for (int i = 151; i <= 250; i++) {
            assertThat(cut).containsEntry("example.com/p" + i, (long) i);
        }
        long rest = IntStream.rangeClosed(1, 150).asLongStream().sum();
        assertThat(cut).containsEntry(Rollup.OTHER, rest);
        assertThat(sum(cut)).isEqualTo(sum(pages));
        assertThat(rollup.cut().cut()).isEqualTo(rollup.cut());
    }

    @Test
    void cut_whenThereIsAnOther_addsToIt_andNeverKeepsItAsAName() {
        Map<String, Long> sources = new HashMap<>();
        sources.put(Rollup.OTHER, 1_000L);
        for (int i = 0; i < 101; i++) {
            sources.put("s" + i, 5L);
        }

        Map<String, Long> cut = Rollup.top(sources, Rollup.MAX_KEYS);

        assertThat(cut).hasSize(Rollup.MAX_KEYS + 1).containsEntry(Rollup.OTHER, 1_005L);
        assertThat(cut).as("ties go by key").doesNotContainKey("s99").containsKey("s0");
        assertThat(sum(cut)).isEqualTo(sum(sources));
    }

    @Test
    void cut_ofFewKeys_keepsThemAll() {
        Map<String, Long> few = Map.of("a", 3L, "b", 1L);

        assertThat(Rollup.top(few, Rollup.MAX_KEYS)).isEqualTo(few);
        assertThat(Rollup.top(Map.of("a", 3L, "b", 1L, "c", 2L), 2))
                .isEqualTo(Map.of("a", 3L, "c", 2L, Rollup.OTHER, 1L));
    }

    @Test
    void plusKeepingCut_whenANegativeDeltaHitsAFoldedKey_takesItFromOther() {
        Map<String, Long> pages = new HashMap<>();
        for (int i = 0; i < 150; i++) {
            pages.put("p" + i, 150L - i); // p0 150 ... p149 1
        }
        Rollup stored = new Rollup(ONE_VIEW, Map.of(), Map.of(Dimension.PAGE, pages), null, List.of()).cut();
        assertThat(stored.breakdown(Dimension.PAGE)).doesNotContainKey("p120").containsKey(Rollup.OTHER);
        long other = stored.breakdown(Dimension.PAGE).get(Rollup.OTHER);

        Rollup after = stored.plusKeepingCut(new Rollup(
                Counts.ZERO, Map.of(), Map.of(Dimension.PAGE, Map.of("p120", -1L, "p0", -1L)), null, List.of()));

        assertThat(after.breakdown(Dimension.PAGE))
                .doesNotContainKey("p120")
                .containsEntry(Rollup.OTHER, other - 1)
                .containsEntry("p0", 149L);
        assertThat(sum(after.breakdown(Dimension.PAGE))).isEqualTo(sum(pages) - 2);
    }

    @Test
    void plusKeepingCut_whenAKeyCameBackAfterBeingFolded_neverGoesBelowZero() {
        Map<String, Long> pages = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            pages.put("p" + i, 10L);
        }
        pages.put("late", 3L); // folded: 3 under ~other
        Rollup stored = new Rollup(ONE_VIEW, Map.of(), Map.of(Dimension.PAGE, pages), null, List.of()).cut();
        assertThat(stored.breakdown(Dimension.PAGE)).doesNotContainKey("late").containsEntry(Rollup.OTHER, 3L);
        Rollup cameBack = stored.plusKeepingCut(page("late", 20L));
        assertThat(cameBack.breakdown(Dimension.PAGE))
                .as("late is back by name with its new views; p99 (last of the ties) folded")
                .containsEntry("late", 20L)
                .containsEntry(Rollup.OTHER, 13L)
                .doesNotContainKey("p99");

        Rollup after = cameBack.plusKeepingCut(page("late", -22L));

        assertThat(after.breakdown(Dimension.PAGE))
                .as("what the key holds comes off the key, the rest off ~other")
                .doesNotContainKey("late")
                .containsEntry(Rollup.OTHER, 11L);
        assertThat(after.breakdown(Dimension.PAGE).values()).allMatch(count -> count > 0);
        assertThat(sum(after.breakdown(Dimension.PAGE))).isEqualTo(sum(pages) + 20 - 22);
    }

    @Test
    void plusKeepingCut_withoutAFold_appliesEveryDeltaToItsKey() {
        Rollup stored =
                new Rollup(ONE_VIEW, Map.of(), Map.of(Dimension.PAGE, Map.of("a", 2L, "b", 1L)), null, List.of());

        Rollup after = stored.plusKeepingCut(
                new Rollup(ONE_VIEW, Map.of(), Map.of(Dimension.PAGE, Map.of("a", -1L, "c", 4L)), null, List.of()));

        assertThat(after.breakdown(Dimension.PAGE)).isEqualTo(Map.of("a", 1L, "b", 1L, "c", 4L));
        assertThat(after.totals()).isEqualTo(ONE_VIEW.plus(ONE_VIEW));
    }

    @Test
    void recent_keepsTheLatestMaxRecent_newestFirst_eachEventOnce() {
        int added = 3 * Rollup.MAX_RECENT;
        int newest = added - 1;
        Rollup a = Rollup.EMPTY;
        for (int i = 0; i < added; i++) {
            a = a.plus(new Rollup(Counts.ZERO, Map.of(), Map.of(), null, List.of(recent(i, "e" + i))));
        }
        Rollup replayed =
                a.plus(new Rollup(Counts.ZERO, Map.of(), Map.of(), null, List.of(recent(newest, "e" + newest))));

        assertThat(a.recent()).hasSize(Rollup.MAX_RECENT);
        assertThat(a.recent())
                .extracting(RecentEvent::timestamp)
                .containsExactlyElementsOf(IntStream.iterate(newest, i -> i > newest - Rollup.MAX_RECENT, i -> i - 1)
                        .mapToObj(i -> (long) i)
                        .toList());
        assertThat(replayed).isEqualTo(a);
    }

    @Test
    void recent_sameIdAtAnotherTime_isAnotherEvent() {
        Rollup both = new Rollup(Counts.ZERO, Map.of(), Map.of(), null, List.of(recent(1, "e"), recent(2, "e")));

        assertThat(both.plus(Rollup.EMPTY).recent())
                .extracting(RecentEvent::timestamp)
                .containsExactly(2L, 1L);
    }

    @Test
    void recent_whenTwoCopiesDiffer_keepsTheSameOneWhicheverIsAddedFirst() {
        RecentEvent one = new RecentEvent(5, "e", "page_view", "s", "u", "example.com/a", "direct");
        RecentEvent other = new RecentEvent(5, "e", "page_view", "s", "u", null, "google");
        Rollup a = new Rollup(Counts.ZERO, Map.of(), Map.of(), null, List.of(one));
        Rollup b = new Rollup(Counts.ZERO, Map.of(), Map.of(), null, List.of(other));

        assertThat(a.plus(b)).isEqualTo(b.plus(a));
        assertThat(a.plus(b).recent()).hasSize(1);
    }

    @Test
    void countsRates_whenNoSessions_areZero() {
        assertThat(Counts.ZERO.conversionRate()).isZero();
        assertThat(Counts.ZERO.averageDurationMs()).isZero();
        Counts counts = new Counts(10, 8, 4, 4, 10_000, 1, 1, 2, 3, 1);
        assertThat(counts.conversionRate()).isEqualTo(0.25);
        assertThat(counts.averageDurationMs()).isEqualTo(2_500.0);
        assertThat(counts.plus(counts.negate())).isEqualTo(Counts.ZERO);
        assertThat(counts.plus(counts.negate()).isZero()).isTrue();
    }

    static Hll users(String... ids) {
        Hll hll = new Hll();
        for (String id : ids) {
            hll.add(id);
        }
        return hll;
    }

    static RecentEvent recent(long timestamp, String eventId) {
        return new RecentEvent(timestamp, eventId, "page_view", "s1", "u1", "example.com/", "direct");
    }

    private static Rollup page(String key, long count) {
        return new Rollup(Counts.ZERO, Map.of(), Map.of(Dimension.PAGE, Map.of(key, count)), null, List.of());
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
