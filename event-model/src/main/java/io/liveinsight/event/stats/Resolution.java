package io.liveinsight.event.stats;

import java.time.Duration;
import java.util.Optional;

/**
 * The three kinds of rollup key (docs/contract/tables.md#resolutions). Two kinds of item are stored: an hour item per
 * UTC hour and shard holds that hour's totals, its sixty minute slots, breakdowns, unique users and latest events; a
 * day item per UTC day and shard the day's totals, breakdowns and unique users. A {@code MINUTE} key names an hour's
 * minute slots, which live in its hour item ({@link StatsKey#itemKey()}): one write per batch instead of two, and
 * kept as long as the hour item.
 */
public enum Resolution {
    MINUTE("m", Duration.ofHours(1), Optional.of(Duration.ofDays(400))),
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
