package io.liveinsight.ingest.site;

import io.liveinsight.event.site.Site;
import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.ingest.limits.TokenBucket;
import io.liveinsight.sites.SiteDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The registry as the edge reads it (docs/contract/sites.md#at-the-edge): every answer kept for
 * {@code SITE_CACHE_SECONDS} (30 s), a key that was not found too, so a flood of requests costs the registry one read
 * per key and age, and a rotation, a disable or a new site reaches every edge within that age. Keys are kept by their
 * SHA-256, never as sent. At most {@code maxEntries} keys and ids are kept (least recently used out). When the
 * registry fails, an expired answer is served rather than none; with none, the failure goes to the caller.
 *
 * <p>Reads are bounded too ({@code readsPerSecond}, burst twice that, per edge instance): a flood of distinct made-up
 * keys, each well-formed, would otherwise cost a registry read apiece. Past the bound, a key with an expired answer
 * gets that answer and a key never seen fails as {@link RegistryBusyException} (the edge answers 503 with
 * {@code Retry-After}), so an attacker cannot turn requests into DynamoDB reads faster than the bound. Thread-safe.
 */
public final class CachingSiteDirectory implements SiteDirectory {

    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    public static final int DEFAULT_READS_PER_SECOND = 50;

    /** More keys to look up than the instance's read bound allows right now. */
    public static final class RegistryBusyException extends IllegalStateException {
        public RegistryBusyException() {
            super("site registry reads over this edge's bound");
        }
    }

    private final SiteDirectory registry;
    private final Clock clock;
    private final long maxAgeMillis;
    private final Map<String, Entry<Optional<KeyedSite>>> byKey;
    private final Map<String, Entry<Optional<Site>>> byId;
    private Entry<List<Site>> all;
    private final TokenBucket reads; // guarded by this

    private record Entry<T>(T value, long readAt) {}

    public CachingSiteDirectory(SiteDirectory registry, Clock clock, Duration maxAge, int maxEntries) {
        this(registry, clock, maxAge, maxEntries, DEFAULT_READS_PER_SECOND);
    }

    public CachingSiteDirectory(
            SiteDirectory registry, Clock clock, Duration maxAge, int maxEntries, int readsPerSecond) {
        this.reads = new TokenBucket(readsPerSecond, 2 * readsPerSecond, nanos(clock));
        this.registry = registry;
        this.clock = clock;
        this.maxAgeMillis = maxAge.toMillis();
        this.byKey = lru(maxEntries);
        this.byId = lru(maxEntries);
    }

    @Override
    public Optional<KeyedSite> byKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        return cached(byKey, SiteKeys.sha256(key), () -> registry.byKey(key));
    }

    @Override
    public Optional<Site> byId(String siteId) {
        return cached(byId, siteId, () -> registry.byId(siteId));
    }

    @Override
    public List<Site> all() {
        long now = clock.millis();
        synchronized (this) {
            if (all != null && now - all.readAt() < maxAgeMillis) {
                return all.value();
            }
        }
        List<Site> read;
        try {
            read = List.copyOf(registry.all());
        } catch (RuntimeException e) {
            synchronized (this) {
                if (all != null) {
                    return all.value();
                }
            }
            throw e;
        }
        synchronized (this) {
            all = new Entry<>(read, now);
        }
        return read;
    }

    private <T> T cached(Map<String, Entry<T>> cache, String key, Supplier<T> read) {
        long now = clock.millis();
        Entry<T> entry;
        synchronized (this) {
            entry = cache.get(key);
        }
        if (entry != null && now - entry.readAt() < maxAgeMillis) {
            return entry.value();
        }
        synchronized (this) {
            if (reads.waitNanos(1, nanos(clock)) > 0) {
                if (entry != null) {
                    return entry.value();
                }
                throw new RegistryBusyException();
            }
            reads.take(1, nanos(clock));
        }
        T value;
        try {
            value = read.get(); // outside the lock: one slow read does not hold up the others
        } catch (RuntimeException e) {
            if (entry != null) {
                return entry.value();
            }
            throw e;
        }
        synchronized (this) {
            cache.put(key, new Entry<>(value, now));
        }
        return value;
    }

    /** The bound's time: the injected clock, so tests move it. */
    private static long nanos(Clock clock) {
        return clock.millis() * 1_000_000;
    }

    private static <V> Map<String, V> lru(int maxEntries) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > maxEntries;
            }
        };
    }
}
