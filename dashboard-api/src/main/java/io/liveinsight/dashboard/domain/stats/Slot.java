package io.liveinsight.dashboard.domain.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One point of a series: {@code [start, end)} and its label in the range's zone ({@code HH:mm}, or the zone's date
 * {@code yyyy-MM-dd} for a day). Points tile the range: the first and last day may be cut by it, and a day across a
 * DST change is 23 or 25 hours. In a zone whose offset is not whole hours, days start on the UTC hour before local
 * midnight (hour items are UTC hours).
 */
public record Slot(Instant start, Instant end, String label) {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    /** How many points a series of this range and resolution has, without listing them. */
    public static long count(StatsRange range, SeriesResolution resolution) {
        if (resolution == SeriesResolution.DAY) {
            return of(range, resolution).size();
        }
        long seconds = range.length().toSeconds();
        long step = resolution.step().toSeconds();
        return (seconds + step - 1) / step;
    }

    /** The points of {@code range} (aligned to {@code resolution}), first to last. */
    public static List<Slot> of(StatsRange range, SeriesResolution resolution) {
        return resolution == SeriesResolution.DAY ? days(range) : steps(range, resolution);
    }

    /** {@code HH:mm} of {@code t} in {@code zone}. */
    public static String clock(Instant t, ZoneId zone) {
        return CLOCK.format(t.atZone(zone));
    }

    private static List<Slot> steps(StatsRange range, SeriesResolution resolution) {
        List<Slot> slots = new ArrayList<>();
        for (Instant t = range.from(); t.isBefore(range.to()); t = t.plus(resolution.step())) {
            Instant end = t.plus(resolution.step());
            slots.add(new Slot(t, end.isAfter(range.to()) ? range.to() : end, clock(t, range.zone())));
        }
        return slots;
    }

    private static List<Slot> days(StatsRange range) {
        ZoneId zone = range.zone();
        LocalDate day = range.from().atZone(zone).toLocalDate();
        while (!dayStart(day.plusDays(1), zone).isAfter(range.from())) {
            day = day.plusDays(1);
        }
        List<Slot> slots = new ArrayList<>();
        Instant start = range.from();
        while (start.isBefore(range.to())) {
            Instant next = dayStart(day.plusDays(1), zone);
            Instant end = next.isAfter(range.to()) ? range.to() : next;
            slots.add(new Slot(start, end, day.toString()));
            start = end;
            day = day.plusDays(1);
        }
        return slots;
    }

    /** The zone's midnight (or the first instant of a day that skips it), on the UTC hour at or before it. */
    private static Instant dayStart(LocalDate day, ZoneId zone) {
        return Align.floor(day.atStartOfDay(zone).toInstant(), Duration.ofHours(1));
    }
}
