package io.liveinsight.ingest.domain;

import java.util.Locale;

/**
 * The host of an {@code http(s)} URL or of an {@code Origin} header, as the site checks of
 * docs/contract/sites.md#at-the-edge compare it: without user info, with its port (the site ignores it). Written by
 * hand rather than with {@link java.net.URI}, which refuses much of what pages and hostile clients send; what this
 * cannot read has no host, and a site allows no missing host.
 */
public final class UrlHost {

    private UrlHost() {}

    /** The host (and port) of {@code url}, lower case; null when it is no absolute http or https URL. */
    public static String of(String url) {
        if (url == null) {
            return null;
        }
        int separator = url.indexOf("://");
        if (separator < 0) {
            return null;
        }
        String scheme = url.substring(0, separator).strip().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        int start = separator + 3;
        int end = start;
        while (end < url.length() && "/?#\\".indexOf(url.charAt(end)) < 0) { // browsers read \ as / in http URLs
            end++;
        }
        String authority = url.substring(start, end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        return authority.isEmpty() ? null : authority.toLowerCase(Locale.ROOT);
    }
}
