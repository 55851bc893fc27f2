package io.liveinsight.dashboard.domain.stats;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The width of a series' points. Every point is read from hour items: minute and 5-minute points from their minute
 * slots, hour points from their totals, day points (days of the range's time zone) from their hours' totals.
 */
public enum SeriesResolution {
    MINUTE("minute", Duration.ofMinutes(1)),
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    HOUR("hour", Duration.ofHours(1)),
    DAY("day", Duration.ofDays(1));

    /** Points one series holds at most. */
    public static final int MAX_POINTS = 1500;

    private final String code;
    private final Duration step;

    SeriesResolution(String code, Duration step) {
        this.code = code;
        this.step = step;
    }

    public String code() {
        return code;
    }

    /** A point's width (a day point is the zone's day: 23 to 25 hours across a DST change). */
    public Duration step() {
        return step;
    }

    /** Read from the hour items' minute slots. */
    public boolean fromMinutes() {
        return this == MINUTE || this == FIVE_MINUTES;
    }

    /** What a range is aligned to for this resolution: its step up to an hour, whole UTC hours beyond. */
    public Duration alignment() {
        return fromMinutes() ? step : Duration.ofHours(1);
    }

    /** {@code 5m} up to 2 hours, {@code hour} up to 2 days, {@code day} beyond. */
    public static SeriesResolution defaultFor(Duration length) {
        if (length.compareTo(Duration.ofHours(2)) <= 0) {
            return FIVE_MINUTES;
        }
        return length.compareTo(Duration.ofDays(2)) <= 0 ? HOUR : DAY;
    }

    public static Optional<SeriesResolution> ofCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }

    /** {@code minute, 5m, hour, day}. */
    public static String codes() {
        return Arrays.stream(values()).map(SeriesResolution::code).collect(Collectors.joining(", "));
    }
}
