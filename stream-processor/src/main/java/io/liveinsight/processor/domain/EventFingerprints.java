package io.liveinsight.processor.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;

/**
 * The event ids a session has counted, as a sorted set of 64-bit fingerprints: 8 bytes an event, so a session of
 * 10 events adds 80 bytes to its item. Two distinct ids collide with probability about n^2 / 2^65 (10^-11 for a
 * session of 25,000 events). Beyond {@link #MAX_SIZE} the numerically smallest fingerprints are dropped, which is
 * deterministic for a given set; only resends of dropped events could then be counted again.
 */
public final class EventFingerprints {

    /** Keeps the item well under DynamoDB's 400 KB (25,000 x 8 B = 200 KB). */
    public static final int MAX_SIZE = 25_000;

    public static final EventFingerprints EMPTY = new EventFingerprints(new long[0]);

    private final long[] sorted;

    private EventFingerprints(long[] sorted) {
        this.sorted = sorted;
    }

    public static long of(String eventId) {
        // FNV-1a over the UTF-8 bytes, then the SplitMix64 finaliser to spread the bits.
        long hash = 0xcbf29ce484222325L;
        for (byte b : eventId.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
        hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
        return hash ^ (hash >>> 31);
    }

    public boolean contains(long fingerprint) {
        return Arrays.binarySearch(sorted, fingerprint) >= 0;
    }

    public EventFingerprints plus(Collection<Long> fingerprints) {
        long[] merged = Arrays.copyOf(sorted, sorted.length + fingerprints.size());
        int i = sorted.length;
        for (long fingerprint : fingerprints) {
            merged[i++] = fingerprint;
        }
        long[] distinct = Arrays.stream(merged).sorted().distinct().toArray();
        if (distinct.length > MAX_SIZE) {
            distinct = Arrays.copyOfRange(distinct, distinct.length - MAX_SIZE, distinct.length);
        }
        return new EventFingerprints(distinct);
    }

    public int size() {
        return sorted.length;
    }

    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(sorted.length * Long.BYTES);
        for (long fingerprint : sorted) {
            buffer.putLong(fingerprint);
        }
        return buffer.array();
    }

    public static EventFingerprints fromBytes(byte[] bytes) {
        if (bytes.length % Long.BYTES != 0) {
            throw new IllegalArgumentException("fingerprints must be a multiple of 8 bytes, got " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long[] values = new long[bytes.length / Long.BYTES];
        for (int i = 0; i < values.length; i++) {
            values[i] = buffer.getLong();
        }
        return new EventFingerprints(Arrays.stream(values).sorted().distinct().toArray());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventFingerprints that && Arrays.equals(sorted, that.sorted);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sorted);
    }

    @Override
    public String toString() {
        return "EventFingerprints[" + sorted.length + "]";
    }
}
