package io.liveinsight.event.stats;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A HyperLogLog sketch of distinct user ids: 2^11 one-byte registers, standard error 1.04 / sqrt(2048) = 2.3 %
 * (measured in {@code HllTest}), linear counting below 5/2 m. Adding an id twice, or merging a sketch into itself,
 * changes nothing: replays need no marks for it. Hashes are the first 64 bits of SHA-256, so an attacker choosing ids
 * cannot aim at registers. Written here because the library made for it (Apache DataSketches 6-8) refuses to load
 * on JDK 25 (its memory module checks the Java version, or needs preview features); the algorithm is the paper's
 * (Flajolet et al. 2007) with the small-range correction. Mutable; not thread-safe.
 */
public final class Hll {

    public static final int PRECISION = 11;
    public static final int REGISTERS = 1 << PRECISION;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final byte[] registers;

    public Hll() {
        this(new byte[REGISTERS]);
    }

    private Hll(byte[] registers) {
        this.registers = registers;
    }

    public static Hll of(byte[] registers) {
        if (registers.length != REGISTERS) {
            throw new IllegalArgumentException("an HLL has " + REGISTERS + " registers, not " + registers.length);
        }
        return new Hll(registers.clone());
    }

    public void add(String id) {
        byte[] digest = SHA256.get().digest(id.getBytes(StandardCharsets.UTF_8));
        long hash = 0;
        for (int i = 0; i < 8; i++) {
            hash = (hash << 8) | (digest[i] & 0xff);
        }
        int index = (int) (hash >>> (64 - PRECISION));
        long rest = hash << PRECISION;
        int rank = rest == 0 ? 64 - PRECISION + 1 : Long.numberOfLeadingZeros(rest) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    /** Folds another sketch in: the union of both sets. */
    public void merge(Hll other) {
        for (int i = 0; i < REGISTERS; i++) {
            if (other.registers[i] > registers[i]) {
                registers[i] = other.registers[i];
            }
        }
    }

    public long estimate() {
        double sum = 0;
        int zeros = 0;
        for (byte register : registers) {
            sum += 1.0 / (1L << register);
            if (register == 0) {
                zeros++;
            }
        }
        double m = REGISTERS;
        double alpha = 0.7213 / (1 + 1.079 / m);
        double raw = alpha * m * m / sum;
        if (raw <= 2.5 * m && zeros > 0) {
            return Math.round(m * Math.log(m / zeros));
        }
        return Math.round(raw);
    }

    public boolean isEmpty() {
        for (byte register : registers) {
            if (register != 0) {
                return false;
            }
        }
        return true;
    }

    public byte[] registers() {
        return registers.clone();
    }

    public Hll copy() {
        return new Hll(registers.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hll other && Arrays.equals(registers, other.registers);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(registers);
    }
}
