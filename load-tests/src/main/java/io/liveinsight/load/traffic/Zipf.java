package io.liveinsight.load.traffic;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Ranks 1..n drawn with probability proportional to 1 / rank^exponent (inverse CDF over a precomputed table). */
public final class Zipf {

    private final double[] cumulative;

    public Zipf(int n, double exponent) {
        if (n < 1 || exponent <= 0) {
            throw new IllegalArgumentException("need n >= 1 and exponent > 0");
        }
        cumulative = new double[n];
        double sum = 0;
        for (int rank = 1; rank <= n; rank++) {
            sum += 1 / Math.pow(rank, exponent);
            cumulative[rank - 1] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
    }

    /** A rank in 1..n. */
    public int sample(RandomGenerator random) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(cumulative.length, (index >= 0 ? index : -index - 1) + 1);
    }

    /** The probability of a rank, for tests. */
    public double probability(int rank) {
        return cumulative[rank - 1] - (rank == 1 ? 0 : cumulative[rank - 2]);
    }
}
