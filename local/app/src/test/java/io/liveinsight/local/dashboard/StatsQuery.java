package io.liveinsight.local.dashboard;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parameters of one request to the statistics API stub, checked as the native statistics API's specification says
 * (issue 14): {@code range} or {@code from}/{@code to}, {@code tz}, a {@code replay} run (issue 15), a {@code site} (issue 17), and the route's own ({@code resolution},
 * {@code dimension}, {@code limit}, {@code key}); every problem is a reason, answered as a 400 with {@code reasons} as
 * every dashboard route does (docs/contract/api.md#dashboard-api). Hour-and-coarser ranges end at the next
 * whole hour after now; a custom range is widened to whole slots.
 */
record StatsQuery(
        String range,
        Instant from,
        Instant to,
        ZoneId tz,
        String resolution,
        String dimension,
        int limit,
        String key,
        List<String> reasons) {

    static final Set<String> RANGES = Set.of("today", "24h", "7d", "30d");
    static final Set<String> RESOLUTIONS = Set.of("minute", "5m", "hour", "day");
    static final Set<String> DIMENSIONS =
            Set.of("page", "type", "source", "channel", "campaign", "device", "browser", "os", "entry");
    static final Set<String> DETAILS = Set.of("page", "source", "hour");
    static final int MAX_POINTS = 1500;
    static final Duration MAX_SPAN = Duration.ofDays(400);
    static final Duration MINUTES_KEPT = Duration.ofHours(48);

    private static final Set<String> COMMON = Set.of("range", "from", "to", "tz", "replay", "site");
    /** A replay run id as docs/contract/api.md#replay-runs takes it. */
    private static final java.util.regex.Pattern RUN = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    /** A site id as docs/contract/sites.md#site-ids has it. */
    private static final java.util.regex.Pattern SITE = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private static final Map<String, Set<String>> ROUTE_PARAMETERS = Map.of(
            "summary", Set.of(),
            "series", Set.of("resolution"),
            "breakdown", Set.of("dimension", "limit"),
            "details", Set.of("dimension", "key"));

    static StatsQuery parse(String route, Map<String, String> query, Instant now) {
        List<String> reasons = new ArrayList<>();
        Set<String> allowed = new TreeSet<>(COMMON);
        allowed.addAll(ROUTE_PARAMETERS.get(route));
        for (String name : new TreeSet<>(query.keySet())) {
            if (!allowed.contains(name)) {
                reasons.add("unknown parameter '" + name + "' (allowed: " + String.join(", ", allowed) + ")");
            }
        }
        String site = query.get("site");
        if (site != null && !SITE.matcher(site).matches()) {
            reasons.add("site must be 1-32 characters of a-z 0-9 -, not starting with -, was '" + site + "'");
        }
        String run = query.get("replay");
        if (run != null && !RUN.matcher(run).matches()) {
            reasons.add("replay must be 1-40 characters of a-z 0-9 -, not starting with -, was '" + run + "'");
        }
        ZoneId tz = zone(query.getOrDefault("tz", "UTC"), reasons);
        String range = query.get("range");
        Instant from = null;
        Instant to = null;
        if (range != null && (query.containsKey("from") || query.containsKey("to"))) {
            reasons.add("give range, or from and to, not both");
        } else if (query.containsKey("from") || query.containsKey("to")) {
            from = instant("from", query.get("from"), reasons);
            to = instant("to", query.get("to"), reasons);
            if (from != null && to != null && !from.isBefore(to)) {
                reasons.add("from must be before to");
            } else if (from != null && to != null && Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
                reasons.add("a range spans at most 400 days");
            }
        } else if (!RANGES.contains(range == null ? "24h" : range)) {
            reasons.add("range must be today, 24h, 7d or 30d, was '" + range + "'");
        }
        String resolution = query.get("resolution");
        if (resolution != null && !RESOLUTIONS.contains(resolution)) {
            reasons.add("resolution must be minute, 5m, hour or day, was '" + resolution + "'");
        }
        String dimension = query.get("dimension");
        Set<String> dimensions = route.equals("details") ? DETAILS : DIMENSIONS;
        if (ROUTE_PARAMETERS.get(route).contains("dimension") && !dimensions.contains(dimension)) {
            reasons.add("dimension must be one of " + new TreeSet<>(dimensions) + ", was '" + dimension + "'");
        }
        int limit = limit(query.get("limit"), reasons);
        String key = query.get("key");
        if (route.equals("details") && (key == null || key.isEmpty())) {
            reasons.add("key is required");
        }
        if (reasons.isEmpty() && from == null) {
            String named = range == null ? "24h" : range;
            to = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
            from = switch (named) {
                case "today" -> now.atZone(tz).toLocalDate().atStartOfDay(tz).toInstant();
                case "7d" -> to.minus(Duration.ofDays(7));
                case "30d" -> to.minus(Duration.ofDays(30));
                default -> to.minus(Duration.ofHours(24));
            };
            range = named;
        }
        return new StatsQuery(range, from, to, tz, resolution, dimension, limit, key, reasons);
    }

    boolean valid() {
        return reasons.isEmpty();
    }

    /** The resolution asked, or the default for the range's length. */
    String resolutionOrDefault() {
        if (resolution != null) {
            return resolution;
        }
        Duration span = Duration.between(from, to);
        return span.compareTo(Duration.ofHours(2)) <= 0
                ? "5m"
                : span.compareTo(Duration.ofDays(2)) <= 0 ? "hour" : "day";
    }

    private static ZoneId zone(String raw, List<String> reasons) {
        try {
            return ZoneId.of(raw);
        } catch (DateTimeException e) {
            reasons.add("tz must be an IANA time zone id, was '" + raw + "'");
            return ZoneId.of("UTC");
        }
    }

    private static Instant instant(String name, String raw, List<String> reasons) {
        if (raw == null) {
            reasons.add(name + " is required with " + (name.equals("from") ? "to" : "from"));
            return null;
        }
        try {
            return raw.chars().allMatch(Character::isDigit)
                    ? Instant.ofEpochMilli(Long.parseLong(raw))
                    : OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeException | NumberFormatException e) {
            reasons.add(name + " must be an ISO-8601 instant or offset date-time, or epoch milliseconds, was '" + raw
                    + "'");
            return null;
        }
    }

    private static int limit(String raw, List<String> reasons) {
        if (raw == null) {
            return 10;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        reasons.add("limit must be an integer from 1 to 100, was '" + raw + "'");
        return 10;
    }
}
