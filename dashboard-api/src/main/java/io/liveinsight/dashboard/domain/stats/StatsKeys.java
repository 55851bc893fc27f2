package io.liveinsight.dashboard.domain.stats;

import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.StatsKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which rollup items answer a time span. The stream processor writes one item per UTC hour and shard, holding the
 * hour's totals, its sixty minute slots, breakdowns, users and latest events (docs/design/statistics.md), so every
 * statistic reads hour items: one per hour of a range, or per hour holding a minute of it. (Day items are designed
 * but not written; reading them for the whole UTC days of a range would cut a 30-day summary from 720 items to about
 * 50, here and nowhere else.)
 */
public final class StatsKeys {

    /** Every key starts with a site; one site until a deployment serves several. */
    public static final String SITE = StatsKey.DEFAULT_SITE;

    private static final Duration HOUR = Duration.ofHours(1);

    private StatsKeys() {}

    /** One hour item per UTC hour of {@code [from, to)}, which start and end on UTC hours. */
    public static List<StatsKey> hours(Instant from, Instant to) {
        if (!Align.aligned(from, HOUR) || !Align.aligned(to, HOUR)) {
            throw new IllegalArgumentException("hour items tile whole UTC hours, not " + from + " .. " + to);
        }
        return holding(from, to);
    }

    /** The hour items holding the minutes of {@code [from, to)}: one per UTC hour it touches. */
    public static List<StatsKey> holding(Instant from, Instant to) {
        List<StatsKey> keys = new ArrayList<>();
        for (Instant t = Align.floor(from, HOUR); t.isBefore(to); t = t.plus(HOUR)) {
            keys.add(hour(t));
        }
        return keys;
    }

    /** The hour item holding {@code t}. */
    public static StatsKey hour(Instant t) {
        return StatsKey.of(SITE, Resolution.HOUR, t.toEpochMilli());
    }
}
