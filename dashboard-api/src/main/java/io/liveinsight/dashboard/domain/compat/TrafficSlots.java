package io.liveinsight.dashboard.domain.compat;

import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The original traffic chart: events per 5 minutes over the last 100 minutes, the last slot the one now is in (still
 * filling). Slots are aligned to 5 minutes of UTC time, which is 5 minutes of local time in every zone in use (their
 * offsets are whole quarter hours); labels are the slot's local start, {@code HH:mm}.
 */
public final class TrafficSlots {

    public static final int SLOTS = 20;
    public static final long SLOT = 5 * Window.MINUTE;

    static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    /** One point of the chart. */
    public record Slot(long startMillis, String label, long events) {}

    private TrafficSlots() {}

    /** The window of the chart at {@code nowMillis}: twenty slots ending with the current one. */
    public static Window window(long nowMillis) {
        long end = Window.floor(nowMillis, SLOT) + SLOT;
        return new Window(end - SLOTS * SLOT, end);
    }

    /** The chart from the MINUTE items of {@link #window}'s {@link Window#minuteKeys}. */
    public static List<Slot> of(long nowMillis, ZoneId zone, Map<StatsKey, Rollup> minuteItems) {
        Window window = window(nowMillis);
        List<Slot> slots = new ArrayList<>(SLOTS);
        for (long start = window.fromMillis(); start < window.toMillis(); start += SLOT) {
            long events =
                    new Window(start, start + SLOT).minuteCounts(minuteItems).events();
            slots.add(new Slot(start, label(start, zone), events));
        }
        return slots;
    }

    public static String label(long millis, ZoneId zone) {
        return HH_MM.format(Instant.ofEpochMilli(millis).atZone(zone));
    }
}
