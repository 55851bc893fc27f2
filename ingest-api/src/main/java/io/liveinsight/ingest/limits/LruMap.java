package io.liveinsight.ingest.limits;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that forgets its least recently used entry beyond {@code capacity}: the per-client and per-session buckets of
 * one edge instance, so a flood of new addresses or sessions costs bounded memory (a forgotten bucket comes back
 * full, which errs towards admitting). Not thread-safe: the owner locks.
 */
final class LruMap<K, V> extends LinkedHashMap<K, V> {

    private final int capacity;

    LruMap(int capacity) {
        super(16, 0.75f, true);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
