package io.liveinsight.dashboard.domain.compat;

import io.liveinsight.dashboard.domain.stats.StatsKeys;
import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A time window {@code [fromMillis, toMillis)} of the original routes, and the rollup items that answer it: HOUR items
 * for whole UTC hours, DAY items for whole UTC days, the minute slots of MINUTE items for anything finer. The site is
 * {@link StatsKey#DEFAULT_SITE} until a deployment serves several.
 */
public record Window(long fromMillis, long toMillis) {

    public static final long MINUTE = 60_000L;
    public static final long HOUR = 3_600_000L;
    public static final long DAY = 86_400_000L;

    private static final String SITE = StatsKey.DEFAULT_SITE;

    public Window {
        if (toMillis <= fromMillis) {
            throw new IllegalArgumentException("empty window " + fromMillis + ".." + toMillis);
        }
    }

    /** The current UTC hour and the {@code hours - 1} before it: what "the last N hours" reads from HOUR items. */
    public static Window lastHours(long nowMillis, int hours) {
        long end = floor(nowMillis, HOUR) + HOUR;
        return new Window(end - hours * HOUR, end);
    }

    public static long floor(long millis, long step) {
        return Math.floorDiv(millis, step) * step;
    }

    /** The HOUR items of every UTC hour the window touches, oldest first. */
    public List<StatsKey> hourKeys() {
        return StatsKeys.holding(Instant.ofEpochMilli(fromMillis), Instant.ofEpochMilli(toMillis));
    }

    /** The MINUTE items (one per UTC hour) of every hour the window touches, oldest first. */
    public List<StatsKey> minuteKeys() {
        return keys(Resolution.MINUTE, floor(fromMillis, HOUR), toMillis, HOUR);
    }

    /**
     * The fewest items that cover an hour-aligned window: a DAY item for each whole UTC day inside it, HOUR items for
     * the hours before the first and after the last (7 days: 30 items instead of 168).
     */
    public List<StatsKey> coveringKeys() {
        long from = floor(fromMillis, HOUR);
        long to = floor(toMillis + HOUR - 1, HOUR);
        long firstDay = floor(from + DAY - 1, DAY);
        long lastDay = floor(to, DAY);
        if (firstDay >= lastDay) {
            return keys(Resolution.HOUR, from, to, HOUR);
        }
        List<StatsKey> keys = new ArrayList<>(keys(Resolution.HOUR, from, firstDay, HOUR));
        keys.addAll(keys(Resolution.DAY, firstDay, lastDay, DAY));
        keys.addAll(keys(Resolution.HOUR, lastDay, to, HOUR));
        return keys;
    }

    /**
     * The counts of the window's whole minutes, read from the minute slots of its MINUTE items ({@link #minuteKeys});
     * a minute that is only partly inside counts whole when its start is inside.
     */
    public Counts minuteCounts(Map<StatsKey, Rollup> minuteItems) {
        Counts sum = Counts.ZERO;
        for (long minute = floor(fromMillis + MINUTE - 1, MINUTE); minute < toMillis; minute += MINUTE) {
            Rollup item = minuteItems.get(StatsKey.of(SITE, Resolution.MINUTE, minute));
            if (item != null) {
                sum = sum.plus(item.minute((int) (Math.floorMod(minute, HOUR) / MINUTE)));
            }
        }
        return sum;
    }

    /** The items of {@code keys} added up (absent ones count as empty). */
    public static Rollup sum(Map<StatsKey, Rollup> items, List<StatsKey> keys) {
        Rollup sum = Rollup.EMPTY;
        for (StatsKey key : keys) {
            sum = sum.plus(items.getOrDefault(key, Rollup.EMPTY));
        }
        return sum;
    }

    private static List<StatsKey> keys(Resolution resolution, long from, long to, long step) {
        List<StatsKey> keys = new ArrayList<>();
        for (long start = from; start < to; start += step) {
            keys.add(new StatsKey(SITE, resolution, start / 1000));
        }
        return keys;
    }
}
