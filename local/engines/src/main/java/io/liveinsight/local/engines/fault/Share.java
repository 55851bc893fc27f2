package io.liveinsight.local.engines.fault;

/**
 * Which requests (or batch entries) a fault hits. A value: each time a fault is switched on, the proxy starts a fresh
 * sequence from it, so a seeded share or every n-th request gives the same pattern every run.
 *
 * <pre>{@code
 * Share.of(0.3)          // about 30 %, unseeded
 * Share.of(0.3, 42L)     // 30 %, the same pattern every run: hit when new Random(42).nextDouble() < 0.3
 * Share.everyNth(3)      // the 3rd, 6th, 9th, ... request
 * Share.all()            // every request
 * }</pre>
 */
public sealed interface Share {

    static Share of(double probability) {
        return new Probability(probability);
    }

    static Share of(double probability, long seed) {
        return new SeededProbability(probability, seed);
    }

    static Share everyNth(int n) {
        return new EveryNth(n);
    }

    static Share all() {
        return new EveryNth(1);
    }

    /** Each one with this probability, independently; not repeatable. */
    record Probability(double probability) implements Share {
        public Probability {
            checkProbability(probability);
        }
    }

    /** Each one while {@code new java.util.Random(seed).nextDouble() < probability}, drawn in arrival order. */
    record SeededProbability(double probability, long seed) implements Share {
        public SeededProbability {
            checkProbability(probability);
        }
    }

    /** The n-th, 2n-th, ... one, counted from when the fault was switched on. */
    record EveryNth(int n) implements Share {
        public EveryNth {
            if (n < 1) {
                throw new IllegalArgumentException("n must be at least 1, was " + n);
            }
        }
    }

    private static void checkProbability(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
        }
    }
}
