package io.liveinsight.local.engines.fault;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** The running sequence of one {@link Share}: thread-safe, one per fault switched on. */
interface Picker {

    /** Whether the next request or entry, in arrival order, is hit. */
    boolean next();

    static Picker of(Share share) {
        return switch (share) {
            case Share.Probability probability ->
                () -> ThreadLocalRandom.current().nextDouble() < probability.probability();
            case Share.SeededProbability seeded -> {
                Random random = new Random(seeded.seed());
                yield () -> {
                    synchronized (random) {
                        return random.nextDouble() < seeded.probability();
                    }
                };
            }
            case Share.EveryNth everyNth -> {
                AtomicLong count = new AtomicLong();
                yield () -> count.incrementAndGet() % everyNth.n() == 0;
            }
        };
    }
}
