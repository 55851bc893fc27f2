package io.liveinsight.dashboard.http;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The original routes' parameters, read into values with every problem collected as a reason ({@link Params} checks
 * the names). Values are quoted back abbreviated by code point, so a reason never carries half of a surrogate pair.
 */
final class CompatQuery {

    /** A page URL or referrer is at most 2048 characters in the event contract (docs/contract/events.md#fields). */
    static final int MAX_TEXT = 2048;

    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private final Map<String, String> query;
    private final Params params;

    CompatQuery(Map<String, String> query, Set<String> allowed) {
        this.query = query == null ? Map.of() : query;
        this.params = Params.of(this.query, allowed);
    }

    /** {@code tz}: an IANA zone id, or the configured one when absent. */
    ZoneId zone(ZoneId fallback) {
        String raw = query.get("tz");
        if (raw == null) {
            return fallback;
        }
        if (ZONES.contains(raw)) {
            return ZoneId.of(raw);
        }
        params.reject("tz must be an IANA time zone id such as Asia/Seoul or UTC, was '" + quote(raw) + "'");
        return fallback;
    }

    /** {@code hour}: a required local time {@code HH:MM} (00:00 to 23:59). */
    LocalTime hour() {
        String raw = required("hour", "a local time HH:MM");
        if (raw == null) {
            return null;
        }
        if (HH_MM.matcher(raw).matches()) {
            return LocalTime.parse(raw);
        }
        params.reject("hour must be a local time HH:MM from 00:00 to 23:59, was '" + quote(raw) + "'");
        return null;
    }

    /** A required text of 1 to {@link #MAX_TEXT} characters (code points: an emoji is one), taken as given. */
    String text(String name, String what) {
        String raw = required(name, what);
        if (raw == null) {
            return null;
        }
        if (raw.codePointCount(0, raw.length()) > MAX_TEXT) {
            params.reject(name + " must be at most " + MAX_TEXT + " characters, was '" + quote(raw) + "'");
            return null;
        }
        return raw;
    }

    /** An optional whole number in {@code [min, max]}. */
    int integer(String name, int min, int max, int fallback) {
        String raw = query.get(name);
        if (raw == null) {
            return fallback;
        }
        if (raw.matches("[0-9]{1,9}")) {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        }
        params.reject(name + " must be a whole number from " + min + " to " + max + ", was '" + quote(raw) + "'");
        return fallback;
    }

    boolean flag(String name) {
        return params.flag(name);
    }

    void reject(String reason) {
        params.reject(reason);
    }

    boolean valid() {
        return params.valid();
    }

    List<String> errors() {
        return params.errors();
    }

    private String required(String name, String what) {
        String raw = query.get(name);
        if (raw == null || raw.isEmpty()) {
            params.reject(name + " is required: " + what);
            return null;
        }
        return raw;
    }

    /** At most 40 code points of a value, for a reason. */
    static String quote(String raw) {
        int points = raw.codePointCount(0, raw.length());
        return points <= 40 ? raw : raw.substring(0, raw.offsetByCodePoints(0, 40)) + "...";
    }
}
