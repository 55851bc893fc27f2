package io.liveinsight.event.stats;

import java.time.Duration;
import java.util.Optional;

/**
 * The three kinds of rollup item (docs/contract/tables.md#stats). A {@code MINUTE} item holds one hour's sixty minute
 * slots (so a chart of the last half hour reads one or two items per shard, not thirty); {@code HOUR} and {@code DAY}
 * items hold that hour's or UTC day's totals, breakdowns and unique users.
 */
public enum Resolution {
    MINUTE("m", Duration.ofHours(1), Optional.of(Duration.ofHours(48))),
    HOUR("h", Duration.ofHours(1), Optional.of(Duration.ofDays(400))),
    DAY("d", Duration.ofDays(1), Optional.empty());

    private final String code;
    private final Duration span;
    private final Optional<Duration> kept;

    Resolution(String code, Duration span, Optional<Duration> kept) {
        this.code = code;
        this.span = span;
        this.kept = kept;
    }

    /** The letter in the item key. */
    public String code() {
        return code;
    }

    /** The time one item covers. */
    public Duration span() {
        return span;
    }

    /** How long after its bucket ends an item is kept (a TTL deletes it); empty: for ever. */
    public Optional<Duration> kept() {
        return kept;
    }

    public static Resolution ofCode(String code) {
        for (Resolution resolution : values()) {
            if (resolution.code.equals(code)) {
                return resolution;
            }
        }
        throw new IllegalArgumentException("no resolution " + code);
    }
}
