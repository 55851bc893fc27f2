package io.liveinsight.dashboard.http;

import io.liveinsight.dashboard.domain.Lane;
import io.liveinsight.dashboard.domain.stats.Text;
import io.liveinsight.event.replay.ReplayLane;
import io.liveinsight.event.site.SiteId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Query parameters of one request, checked against what the route accepts. Problems are collected as values (every
 * reason at once), and the route answers 400 with them instead of guessing.
 */
public final class Params {

    /** The parameter naming a replay run. */
    public static final String REPLAY = "replay";

    /** The parameter naming the site a route reads (docs/contract/sites.md#dashboard); absent: the default site. */
    public static final String SITE = "site";

    private final Map<String, String> query;
    private final List<String> errors = new ArrayList<>();

    private Params(Map<String, String> query, Set<String> allowed) {
        this.query = query == null ? Map.of() : query;
        for (String name : new TreeSet<>(this.query.keySet())) {
            if (!allowed.contains(name)) {
                errors.add("unknown parameter " + Text.quote(name) + " (allowed: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    public static Params of(Map<String, String> query, Set<String> allowed) {
        return new Params(query, allowed);
    }

    /** The raw value of a parameter, or null when absent. */
    public String get(String name) {
        return query.get(name);
    }

    /** An integer in [1, max], or the default when absent. */
    public int limit(int fallback, int max) {
        String raw = query.get("limit");
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add("limit must be an integer from 1 to " + max + ", was '" + abbreviate(raw) + "'");
        return fallback;
    }

    /** {@code true} or {@code false} (absent: false). */
    public boolean flag(String name) {
        String raw = query.get(name);
        if (raw == null || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true")) {
            return true;
        }
        errors.add(name + " must be true or false, was '" + abbreviate(raw) + "'");
        return false;
    }

    /** {@code asc} or {@code desc}; true for ascending. */
    public boolean ascending(boolean fallback) {
        String raw = query.get("order");
        if (raw == null) {
            return fallback;
        }
        if (raw.equals("asc") || raw.equals("desc")) {
            return raw.equals("asc");
        }
        errors.add("order must be asc or desc, was '" + abbreviate(raw) + "'");
        return fallback;
    }

    /**
     * Which traffic the route shows: live without {@code replay}, else the replay run it names
     * (docs/contract/replay.md#where-a-run-shows), checked as the edge checks a run id.
     */
    public Lane lane() {
        String raw = query.get(REPLAY);
        if (raw == null) {
            return Lane.LIVE;
        }
        String error = ReplayLane.runError(raw);
        if (error != null) {
            errors.add(REPLAY + " " + error + ", was " + Text.quote(raw));
            return Lane.LIVE;
        }
        return Lane.replay(raw);
    }

    /**
     * The site the route reads: {@code site}, or the default site when absent. Whether the request may read it is
     * decided before the route runs ({@link io.liveinsight.dashboard.domain.SiteAccess}).
     */
    public String site() {
        String raw = query.get(SITE);
        if (raw == null) {
            return SiteId.DEFAULT;
        }
        String error = SiteId.error(raw);
        if (error != null) {
            errors.add(SITE + " " + error + ", was " + Text.quote(raw));
            return SiteId.DEFAULT;
        }
        return raw;
    }

    /** The cursor's key, checked for the attributes this route's cursors carry. */
    public Optional<Map<String, Object>> cursor(Set<String> strings, Set<String> numbers) {
        String raw = query.get("cursor");
        if (raw == null) {
            return Optional.empty();
        }
        Optional<Map<String, Object>> key = Cursor.decode(raw, strings, numbers);
        if (key.isEmpty()) {
            errors.add("cursor is not one this route returned (pass next_cursor back unchanged)");
        }
        return key;
    }

    public void reject(String reason) {
        errors.add(reason);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    static String abbreviate(String raw) {
        return Text.abbreviate(raw);
    }
}
