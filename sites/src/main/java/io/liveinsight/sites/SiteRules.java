package io.liveinsight.sites;

import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a site's settings may hold (docs/contract/sites.md#registry): each check returns null when the value is fine,
 * else why not, so the admin command can say it plainly.
 */
public final class SiteRules {

    public static final int MAX_NAME_CHARS = 100;
    public static final int MAX_HOSTNAMES = 100;
    public static final int MAX_HOSTNAME_CHARS = 253;
    public static final int MAX_CONVERSIONS = 50;
    /** The event type's rule (docs/contract/events.md#fields): a conversion is an event type. */
    public static final int MAX_EVENT_TYPE_CHARS = 64;

    /** Labels of {@code a-z 0-9 -} (punycode for the rest), dots between; or an IPv6 literal in brackets. */
    private static final Pattern HOST = Pattern.compile(
            "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*|\\[[0-9a-f:.]+]");

    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z0-9_.:-]{1," + MAX_EVENT_TYPE_CHARS + "}");

    private SiteRules() {}

    /** A name: 1-100 characters (code points), not blank, no control characters; anything else goes. */
    public static String nameError(String name) {
        if (name == null || name.isBlank()) {
            return "name must not be empty";
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME_CHARS) {
            return "name must be at most " + MAX_NAME_CHARS + " characters";
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            return "name must not hold control characters";
        }
        if (hasLoneSurrogate(name)) {
            return "name is not valid Unicode";
        }
        return null;
    }

    /**
     * A hostname as the site item keeps it: lower case, {@code shop.example} or {@code *.shop.example}, no scheme,
     * port or path. A browser sends an internationalised host in its punycode form ({@code xn--...}), so that is the
     * form to give.
     */
    public static String hostnameError(String hostname) {
        if (hostname == null || hostname.isEmpty()) {
            return "hostname must not be empty";
        }
        String host = hostname.startsWith("*.") ? hostname.substring(2) : hostname;
        if (hostname.length() > MAX_HOSTNAME_CHARS || !HOST.matcher(host).matches()) {
            return "hostname must be a host name like shop.example or *.shop.example (lower case a-z 0-9 - ., "
                    + "punycode for other letters; no scheme, port or path), was '" + printable(hostname) + "'";
        }
        return null;
    }

    /** A conversion is an event type: 1-64 of {@code a-z 0-9 _ . : -}. */
    public static String conversionError(String eventType) {
        if (eventType == null || !EVENT_TYPE.matcher(eventType).matches()) {
            return "conversion must be an event type, 1-" + MAX_EVENT_TYPE_CHARS
                    + " characters of a-z 0-9 _ . : -, was '" + printable(eventType) + "'";
        }
        return null;
    }

    /** An IANA time zone id ({@code Europe/Berlin}, {@code UTC}); offsets like {@code +01:00} are not. */
    public static String timeZoneError(String timeZone) {
        if (timeZone == null || !ZoneId.getAvailableZoneIds().contains(timeZone)) {
            return "time zone must be an IANA zone like Europe/Berlin or UTC, was '" + printable(timeZone) + "'";
        }
        return null;
    }

    /** A hostname as given, lower-cased: how the site item keeps it. */
    public static String normalizeHostname(String hostname) {
        return hostname == null ? null : hostname.toLowerCase(Locale.ROOT);
    }

    /** {@code text} safe to echo on a terminal: control characters as {@code ?}, cut at 80 characters. */
    public static String printable(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(80).forEach(c -> {
            if (Character.isISOControl(c) || Character.isSurrogate((char) c) && c <= 0xFFFF) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        return text.codePointCount(0, text.length()) > 80 ? out + "..." : out.toString();
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
