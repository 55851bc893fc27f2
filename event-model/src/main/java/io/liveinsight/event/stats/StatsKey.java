package io.liveinsight.event.stats;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The partition key of a rollup: {@code <site>#<m|h|d>#<bucket start, epoch seconds>}. Every key starts with the
 * site ({@link #DEFAULT_SITE} until a deployment serves several), so serving several needs no migration. A site id
 * never contains {@code #}.
 */
public record StatsKey(String site, Resolution resolution, long bucketStart) {

    public static final String DEFAULT_SITE = "default";

    public StatsKey {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(resolution, "resolution");
        if (site.isEmpty() || site.indexOf('#') >= 0) {
            throw new IllegalArgumentException("site id must be non-empty and free of '#': " + site);
        }
        if (bucketStart % resolution.span().toSeconds() != 0) {
            throw new IllegalArgumentException(resolution + " bucket must start on its span: " + bucketStart);
        }
    }

    /** The item of this resolution holding the time {@code epochMillis}. */
    public static StatsKey of(String site, Resolution resolution, long epochMillis) {
        long span = resolution.span().toSeconds();
        return new StatsKey(site, resolution, Math.floorDiv(Math.floorDiv(epochMillis, 1000), span) * span);
    }

    /**
     * The key of the item that stores this key's figures: a {@link Resolution#MINUTE} key's minute slots are in the
     * hour item of the same hour; hour and day keys are their own items.
     */
    public StatsKey itemKey() {
        return resolution == Resolution.MINUTE ? new StatsKey(site, Resolution.HOUR, bucketStart) : this;
    }

    public String value() {
        return site + "#" + resolution.code() + "#" + bucketStart;
    }

    /**
     * The epoch second after which a TTL deletes the item; empty for items kept for ever. A minute key's is its hour
     * item's.
     */
    public OptionalLong expiresAt() {
        return resolution
                .kept()
                .map(kept -> OptionalLong.of(bucketStart + resolution.span().toSeconds() + kept.toSeconds()))
                .orElse(OptionalLong.empty());
    }

    /** The key {@link #value()} wrote; anything else (another spelling of the number too) is refused. */
    public static StatsKey parse(String value) {
        String[] parts = value.split("#", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a stats key: " + value);
        }
        StatsKey key = new StatsKey(parts[0], Resolution.ofCode(parts[1]), Long.parseLong(parts[2]));
        if (!key.value().equals(value)) {
            throw new IllegalArgumentException("not a stats key as written: " + value);
        }
        return key;
    }

    @Override
    public String toString() {
        return value();
    }
}
