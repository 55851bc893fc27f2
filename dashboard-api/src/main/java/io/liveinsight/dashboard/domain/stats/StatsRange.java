package io.liveinsight.dashboard.domain.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The time a statistic covers, {@code [from, to)}, already aligned to the slots it is read in (whole UTC hours, or
 * minutes), and the time zone its labels are written in.
 */
public record StatsRange(Instant from, Instant to, ZoneId zone) {

    public StatsRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a range ends after it starts: " + from + " .. " + to);
        }
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** As the {@code range} object of every statistics answer. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", from.toString());
        json.put("to", to.toString());
        json.put("tz", zone.getId());
        return json;
    }
}
