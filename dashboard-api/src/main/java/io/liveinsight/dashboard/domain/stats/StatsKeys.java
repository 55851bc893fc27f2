package io.liveinsight.dashboard.domain.stats;

import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.StatsKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which rollup items answer a time span: the fewest items whose buckets tile it exactly. Items are per UTC hour and
 * UTC day (and minute items per UTC hour), so spans must start and end on UTC hours.
 */
public final class StatsKeys {

    /** Every key starts with a site; one site until a deployment serves several. */
    public static final String SITE = StatsKey.DEFAULT_SITE;

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    private StatsKeys() {}

    /**
     * Day items for the whole UTC days inside {@code [from, to)}, hour items for the hours around them: a 30-day
     * summary reads about 30 day items and 48 hour items, not 720 hour items. The sums are the same either way; only
     * recent events are kept by hour items alone (see {@link #hours}).
     */
    public static List<StatsKey> cover(Instant from, Instant to) {
        checkHours(from, to);
        List<StatsKey> keys = new ArrayList<>();
        Instant t = from;
        while (t.isBefore(to)) {
            if (Align.aligned(t, DAY) && !t.plus(DAY).isAfter(to)) {
                keys.add(key(Resolution.DAY, t));
                t = t.plus(DAY);
            } else {
                keys.add(key(Resolution.HOUR, t));
                t = t.plus(HOUR);
            }
        }
        return keys;
    }

    /** One hour item per UTC hour of {@code [from, to)}. */
    public static List<StatsKey> hours(Instant from, Instant to) {
        checkHours(from, to);
        List<StatsKey> keys = new ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = t.plus(HOUR)) {
            keys.add(key(Resolution.HOUR, t));
        }
        return keys;
    }

    /** The minute items (one per UTC hour) holding the minutes of {@code [from, to)}. */
    public static List<StatsKey> minutes(Instant from, Instant to) {
        List<StatsKey> keys = new ArrayList<>();
        for (Instant t = Align.floor(from, HOUR); t.isBefore(to); t = t.plus(HOUR)) {
            keys.add(key(Resolution.MINUTE, t));
        }
        return keys;
    }

    /**
     * The first hour whose minute item is still there at {@code now}: minute items are deleted 48 hours after their
     * hour ends, so the hour that started 48 hours before the current one is the oldest kept.
     */
    public static Instant minutesKeptSince(Instant now) {
        Duration kept = Resolution.MINUTE.kept().orElseThrow();
        return Align.floor(now, HOUR).minus(kept);
    }

    /** The item of this resolution holding {@code t}. */
    public static StatsKey key(Resolution resolution, Instant t) {
        return StatsKey.of(SITE, resolution, t.toEpochMilli());
    }

    private static void checkHours(Instant from, Instant to) {
        if (!Align.aligned(from, HOUR) || !Align.aligned(to, HOUR)) {
            throw new IllegalArgumentException("hour and day items tile whole UTC hours, not " + from + " .. " + to);
        }
    }
}
