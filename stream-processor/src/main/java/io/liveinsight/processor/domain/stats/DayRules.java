package io.liveinsight.processor.domain.stats;

import io.liveinsight.event.EventLimits;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When a UTC day's rollup can no longer change, and what its day item then holds (docs/contract/tables.md#day-items).
 * Pure.
 *
 * <p>A day's hour items change through events whose time is in the day, and through the sessions that started in it
 * (their bounces and conversions follow their later events, for as long as a segment lasts). The edge keeps an event
 * time at most {@link EventLimits#MAX_CLOCK_BEHIND_MS 24 hours} before its receipt, so on-time traffic (stored within
 * two hours of being sent) has finished changing a day {@link #FINAL_AFTER 26 hours} after its end. Later changes (a
 * consumer days behind, a session's late events) still happen: the day item is reopened before them and written again
 * after, so a final day item is always the sum of its hour items.
 */
public final class DayRules {

    /** How long after its end a day is final: the edge's 24 hours of clock lag, and two hours for the stream. */
    public static final Duration FINAL_AFTER = Duration.ofHours(26);

    /** How many days before the current one a shard's start-up and the sweeps look at. */
    public static final int LOOK_BACK_DAYS = 8;

    private static final int HOURS_PER_DAY = 24;

    private DayRules() {}

    /** The day holding an hour (or minute, or day) key. */
    public static StatsKey dayOf(StatsKey key) {
        return StatsKey.of(key.site(), Resolution.DAY, key.bucketStart() * 1000);
    }

    /** The 24 hour items a day sums. */
    public static List<StatsKey> hoursOf(StatsKey day) {
        requireDay(day);
        List<StatsKey> hours = new ArrayList<>(HOURS_PER_DAY);
        long span = Resolution.HOUR.span().toSeconds();
        for (int h = 0; h < HOURS_PER_DAY; h++) {
            hours.add(new StatsKey(day.site(), Resolution.HOUR, day.bucketStart() + h * span));
        }
        return hours;
    }

    /** True once {@link #FINAL_AFTER} has passed since the end of the day. */
    public static boolean isFinal(StatsKey day, Instant now) {
        requireDay(day);
        long finalAt = day.bucketStart() + Resolution.DAY.span().toSeconds() + FINAL_AFTER.toSeconds();
        return now.getEpochSecond() >= finalAt;
    }

    /** The days of the last {@link #LOOK_BACK_DAYS} (before the current UTC day) that are final at {@code now}. */
    public static List<StatsKey> recentFinalDays(String site, Instant now) {
        StatsKey today = StatsKey.of(site, Resolution.DAY, now.toEpochMilli());
        long span = Resolution.DAY.span().toSeconds();
        List<StatsKey> days = new ArrayList<>();
        for (int back = LOOK_BACK_DAYS; back >= 1; back--) {
            StatsKey day = new StatsKey(site, Resolution.DAY, today.bucketStart() - back * span);
            if (isFinal(day, now)) {
                days.add(day);
            }
        }
        return days;
    }

    /**
     * A day's rollup: the sum of its hour items' (totals, breakdowns, users), without their minute slots and latest
     * events, each breakdown cut to {@link Rollup#MAX_KEYS} keys and {@link Rollup#OTHER}, within the same size
     * budget as an hour item ({@link #MAX_ROLLUP_BYTES}).
     */
    public static Rollup sum(List<Rollup> hours) {
        Rollup sum = Rollup.EMPTY;
        for (Rollup hour : hours) {
            sum = sum.plus(new Rollup(hour.totals(), Map.of(), hour.breakdowns(), hour.users(), List.of()));
        }
        return sum.cut().fitTo(MAX_ROLLUP_BYTES);
    }

    /** A stored rollup's budget, hour and day items alike (see {@link Rollup#fitTo}). */
    public static final int MAX_ROLLUP_BYTES = 6 * 1024;

    /**
     * What a shard's day item should be, given it as stored (null: none) and the shard's hour items of the day: empty
     * when it already is (final, and its mark is the greatest of the hours': no hour changed since it was summed), or
     * when there is neither a day item nor an hour. Else the final item, one revision on.
     */
    public static Optional<DayItem> next(DayItem stored, List<HourItem> hours) {
        if (stored == null && hours.isEmpty()) {
            return Optional.empty();
        }
        BigInteger mark = DayItem.NO_MARK;
        for (HourItem hour : hours) {
            mark = mark.max(hour.mark());
        }
        if (stored != null && stored.isFinal() && stored.mark().equals(mark)) {
            return Optional.empty();
        }
        Rollup day = sum(hours.stream().map(HourItem::rollup).toList());
        return Optional.of(new DayItem(stored == null ? 1 : stored.revision() + 1, mark, true, day));
    }

    private static void requireDay(StatsKey day) {
        if (day.resolution() != Resolution.DAY) {
            throw new IllegalArgumentException("not a day key: " + day);
        }
    }
}
