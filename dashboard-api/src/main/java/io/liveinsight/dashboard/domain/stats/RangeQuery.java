package io.liveinsight.dashboard.domain.stats;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The range parameters of a statistics request ({@code range}, or {@code from} and {@code to}; {@code tz}), checked:
 * every problem is collected as a reason (docs/contract/api.md#statistics-400-reasons), and a valid query resolves to
 * a {@link StatsRange} at a given now and alignment.
 *
 * <p>Named ranges end with the unit that holds now ({@code 24h} at 08:20 with hour alignment: 08:00 yesterday to 09:00
 * today); {@code today} starts at midnight in the zone; {@code 7d} and {@code 30d} are calendar days in the zone (a
 * week across a DST change is 167 or 169 hours). Explicit bounds are widened outwards to the alignment. Alignment is
 * counted in UTC: in a zone whose offset is not whole hours (Asia/Kolkata, +05:30) hour ranges start and end on the
 * local half hour.
 */
public final class RangeQuery {

    public static final List<String> NAMES = List.of("today", "24h", "7d", "30d");
    public static final String DEFAULT_RANGE = "24h";
    public static final String DEFAULT_ZONE = "UTC";
    public static final Duration MAX_LENGTH = Duration.ofDays(400);
    public static final Instant EARLIEST = Instant.EPOCH;
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private final String name;
    private final Instant from;
    private final Instant to;
    private final ZoneId zone;
    private final List<String> problems;

    private RangeQuery(String name, Instant from, Instant to, ZoneId zone, List<String> problems) {
        this.name = name;
        this.from = from;
        this.to = to;
        this.zone = zone;
        this.problems = List.copyOf(problems);
    }

    /** The raw parameters, null when absent. */
    public static RangeQuery of(String range, String from, String to, String tz) {
        List<String> problems = new ArrayList<>();
        ZoneId zone = zone(tz == null ? DEFAULT_ZONE : tz, problems);
        if (range != null && (from != null || to != null)) {
            problems.add("range and from/to exclude each other: give range, or from and to");
        }
        if (range != null && !NAMES.contains(range)) {
            problems.add("range must be one of " + String.join(", ", NAMES) + ", was " + Text.quote(range));
        }
        if ((from == null) != (to == null)) {
            problems.add("from and to go together: " + (from == null ? "from" : "to") + " is missing");
        }
        Instant start = from == null ? null : bound("from", from, problems);
        Instant end = to == null ? null : bound("to", to, problems);
        if (start != null && end != null) {
            if (!start.isBefore(end)) {
                problems.add("from must be before to");
            } else if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
                long days = (Duration.between(start, end).toSeconds() + 86_399) / 86_400;
                problems.add("the range must be at most " + MAX_LENGTH.toDays() + " days, was " + days + " days");
            }
        }
        String name = range == null && from == null && to == null ? DEFAULT_RANGE : range;
        return new RangeQuery(name, start, end, zone, problems);
    }

    public List<String> problems() {
        return problems;
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    public ZoneId zone() {
        return zone;
    }

    /** The length asked for, before alignment (what picks a series' default resolution). */
    public Duration length(Instant now) {
        checkValid();
        if (name == null) {
            return Duration.between(from, to);
        }
        return switch (name) {
            case "today" -> Duration.between(midnight(now), now);
            case "24h" -> Duration.ofHours(24);
            case "7d" -> Duration.ofDays(7);
            default -> Duration.ofDays(30);
        };
    }

    /** The range at {@code now}, aligned outwards to whole {@code unit}s (counted from the epoch, in UTC). */
    public StatsRange resolve(Instant now, Duration unit) {
        checkValid();
        if (name == null) {
            return new StatsRange(Align.floor(from, unit), Align.ceil(to, unit), zone);
        }
        Instant end = Align.floor(now, unit).plus(unit);
        Instant start =
                switch (name) {
                    case "today" -> midnight(now);
                    case "24h" -> end.minus(Duration.ofHours(24));
                    case "7d" -> end.atZone(zone).minusDays(7).toInstant();
                    default -> end.atZone(zone).minusDays(30).toInstant();
                };
        return new StatsRange(Align.floor(start, unit), end, zone);
    }

    /**
     * An ISO-8601 instant ({@code 2026-12-06T08:00:00Z}), an offset date-time ({@code 2026-12-06T17:00:00+09:00}) or
     * epoch milliseconds, from 1970 to 9999; empty when it is none of those.
     */
    public static Optional<Instant> instant(String raw) {
        Instant instant;
        if (raw.matches("[0-9]{1,18}")) {
            instant = Instant.ofEpochMilli(Long.parseLong(raw));
        } else if (raw.length() <= 64) {
            try {
                instant = OffsetDateTime.parse(raw).toInstant();
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        return instant.isBefore(EARLIEST) || instant.isAfter(LATEST) ? Optional.empty() : Optional.of(instant);
    }

    private Instant midnight(Instant now) {
        return now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    }

    private void checkValid() {
        if (!valid()) {
            throw new IllegalStateException("an invalid range query: " + problems);
        }
    }

    private static Instant bound(String which, String raw, List<String> problems) {
        Optional<Instant> instant = instant(raw);
        if (instant.isEmpty()) {
            problems.add(which + " must be an ISO-8601 instant (2026-12-06T08:00:00Z), an offset date-time"
                    + " (2026-12-06T17:00:00+09:00) or epoch milliseconds, from 1970 to 9999, was " + Text.quote(raw));
        }
        return instant.orElse(null);
    }

    /** An IANA region id, or {@code UTC} (and the other ids the JDK's time-zone database names). */
    private static ZoneId zone(String raw, List<String> problems) {
        if (ZONES.contains(raw)) {
            try {
                return ZoneId.of(raw);
            } catch (DateTimeException e) {
                // falls through to the reason
            }
        }
        problems.add("tz must be an IANA time zone id such as UTC or Asia/Seoul, was " + Text.quote(raw));
        return ZoneOffset.UTC;
    }
}
