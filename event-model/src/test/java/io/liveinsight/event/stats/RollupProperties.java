package io.liveinsight.event.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The laws readers and the processor rely on, over arbitrary rollups (any valid Unicode in keys and events, counts
 * of any sign, colliding keys and event ids): stored bytes decode to the rollup written, and adding rollups does not
 * depend on order or grouping.
 */
class RollupProperties {

    @Property(tries = 500)
    void decode_ofEncode_isTheRollup(@ForAll("rollups") Rollup rollup) {
        assertThat(RollupCodec.decode(RollupCodec.encode(rollup))).isEqualTo(rollup);
    }

    @Property(tries = 500)
    void plus_isCommutative(@ForAll("rollups") Rollup a, @ForAll("rollups") Rollup b) {
        assertThat(a.plus(b)).isEqualTo(b.plus(a));
    }

    @Property(tries = 500)
    void plus_isAssociative(@ForAll("rollups") Rollup a, @ForAll("rollups") Rollup b, @ForAll("rollups") Rollup c) {
        assertThat(a.plus(b).plus(c)).isEqualTo(a.plus(b.plus(c)));
    }

    @Property(tries = 300)
    void plus_ofEmpty_isTheRollup(@ForAll("rollups") Rollup a) {
        assertThat(a.plus(Rollup.EMPTY)).isEqualTo(a);
    }

    @Property(tries = 300)
    void cut_keepsEveryBreakdownsSum_andAtMostMaxKeysByName(@ForAll("rollups") Rollup a) {
        Rollup cut = a.cut();

        for (Dimension dimension : Dimension.values()) {
            assertThat(sum(cut.breakdown(dimension))).isEqualTo(sum(a.breakdown(dimension)));
            assertThat(cut.breakdown(dimension).keySet().stream().filter(key -> !key.equals(Rollup.OTHER)))
                    .hasSizeLessThanOrEqualTo(Rollup.MAX_KEYS);
        }
        assertThat(cut.totals()).isEqualTo(a.totals());
    }

    @Provide
    Arbitrary<Rollup> rollups() {
        Arbitrary<Map<Integer, Counts>> minutes = Arbitraries.maps(
                        Arbitraries.integers().between(0, 59), counts())
                .ofMaxSize(4);
        Arbitrary<Map<String, Long>> keys = Arbitraries.maps(
                        Arbitraries.oneOf(Arbitraries.of("a", "b", Rollup.OTHER, "<script>", "😀"), text()),
                        Arbitraries.longs().between(-3, 3))
                .ofMaxSize(6);
        Arbitrary<Map<Dimension, Map<String, Long>>> breakdowns =
                Arbitraries.maps(Arbitraries.of(Dimension.class), keys).ofMaxSize(4);
        Arbitrary<Hll> users = Arbitraries.of("u1", "u2", "u3", "😀", "")
                .list()
                .ofMaxSize(4)
                .map(ids -> RollupTest.users(ids.toArray(String[]::new)))
                .injectNull(0.3);
        Arbitrary<List<RecentEvent>> recent = recentEvent().list().ofMaxSize(25);
        return Combinators.combine(counts(), minutes, breakdowns, users, recent).as(Rollup::new);
    }

    private static Arbitrary<Counts> counts() {
        Arbitrary<Long> figure = Arbitraries.oneOf(Arbitraries.longs().between(-2, 2), Arbitraries.longs());
        return figure.list()
                .ofSize(10)
                .map(f -> new Counts(
                        f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5), f.get(6), f.get(7), f.get(8),
                        f.get(9)));
    }

    private static Arbitrary<RecentEvent> recentEvent() {
        Arbitrary<Long> time = Arbitraries.longs().between(0, 30);
        Arbitrary<String> id = Arbitraries.of("e1", "e2", "e3", "e4");
        Arbitrary<String> any = Arbitraries.oneOf(Arbitraries.of("x", "y"), text());
        return Combinators.combine(time, id, any, any, any, any.injectNull(0.2), any.injectNull(0.2))
                .as(RecentEvent::new);
    }

    /** Any text the contract allows: code points of the whole range, never a lone surrogate. */
    private static Arbitrary<String> text() {
        return Arbitraries.integers()
                .between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .list()
                .ofMaxSize(12)
                .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
