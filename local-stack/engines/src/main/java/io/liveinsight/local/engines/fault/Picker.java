package io.liveinsight.local.engines.fault;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** The running sequence of one {@link Share}: thread-safe, one per fault switched on. */
interface Picker {

    /** Whether the next request or entry, in arrival order, is hit. */
    boolean next();

    static Picker of(Share share) {
        return switch (share) {
            case Share.Random random -> () -> ThreadLocalRandom.current().nextDouble() < random.probability();
            case Share.SeededRandom seeded -> {
                java.util.Random random = new java.util.Random(seeded.seed());
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
