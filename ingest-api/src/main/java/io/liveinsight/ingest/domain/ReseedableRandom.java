package io.liveinsight.ingest.domain;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Thread-safe randomness for minted ids that can be reseeded after a SnapStart restore: every sandbox restored from
 * one snapshot would otherwise replay the same random sequence and mint the same "unique" ids. Each thread keeps
 * its own generator, seeded from {@link SecureRandom}, and drops it when {@link #reseed()} has moved on.
 */
public final class ReseedableRandom implements RandomGenerator {

    private volatile SecureRandom seeds = new SecureRandom();
    private volatile long generation;
    private final ThreadLocal<Seeded> local = new ThreadLocal<>();

    private record Seeded(long generation, SplittableRandom random) {}

    @Override
    public long nextLong() {
        Seeded seeded = local.get();
        long current = generation;
        if (seeded == null || seeded.generation() != current) {
            seeded = new Seeded(current, new SplittableRandom(seeds.nextLong()));
            local.set(seeded);
        }
        return seeded.random().nextLong();
    }

    /** Forget every seed drawn so far (call after a snapshot restore). */
    public synchronized void reseed() {
        SecureRandom fresh = new SecureRandom();
        fresh.setSeed(System.nanoTime()); // supplements, never replaces, the system's entropy
        seeds = fresh;
        generation++;
    }
}
