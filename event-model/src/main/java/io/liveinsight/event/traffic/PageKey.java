package io.liveinsight.event.traffic;

import java.util.Locale;

/**
 * The page a URL names, as rollups count it and the dashboard looks it up (docs/contract/events.md#enrichment): host
 * (lower case, no {@code www.}, no port, no user info) and path as written, without scheme, query or fragment, at most
 * {@value #MAX_CHARS} characters: {@code https://www.Example.com/Pricing?utm_source=x#top} is
 * {@code example.com/Pricing}. The writer and every reader compute it here, so a page has one key everywhere. Pure;
 * never throws, whatever the string.
 */
public final class PageKey {

    /** The key of no page URL, or of one that names no page ({@code javascript:...}, {@code about:blank}). */
    public static final String NONE = "(none)";
    /** Longest key, in characters (code points): a label, and a bounded part of a rollup item. */
    public static final int MAX_CHARS = 200;

    private PageKey() {}

    public static String of(String pageUrl) {
        if (pageUrl == null) {
            return NONE;
        }
        String url = pageUrl.strip();
        int scheme = schemeEnd(url);
        String key;
        if (scheme > 0) {
            int start = scheme + 3;
            int end = start;
            while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
                end++;
            }
            key = host(url.substring(start, end)) + path(url.substring(end));
        } else if (url.startsWith("/") && !url.startsWith("//")) {
            key = path(url); // a path without a host: what a client in an app or a test may send
        } else {
            return NONE;
        }
        return key.isEmpty() ? NONE : cut(key);
    }

    /** Where {@code scheme://} ends ({@code https}, {@code capacitor}...: RFC 3986 scheme characters), else -1. */
    private static int schemeEnd(String url) {
        int at = url.indexOf("://");
        if (at <= 0 || !Character.isLetter(url.charAt(0))) {
            return -1;
        }
        for (int i = 1; i < at; i++) {
            char c = url.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.'))) {
                return -1;
            }
        }
        return at;
    }

    private static String host(String authority) {
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        String host;
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            host = close > 0 ? hostAndPort.substring(0, close + 1) : hostAndPort;
        } else {
            int port = hostAndPort.indexOf(':');
            host = port < 0 ? hostAndPort : hostAndPort.substring(0, port);
        }
        host = host.toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.startsWith("www.") && host.length() > 4 ? host.substring(4) : host;
    }

    /** The path before any query or fragment; {@code /} when there is none, so {@code a.com} and {@code a.com/} meet. */
    private static String path(String rest) {
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            if (rest.charAt(i) == '?' || rest.charAt(i) == '#') {
                end = i;
                break;
            }
        }
        String path = rest.substring(0, end);
        return path.isEmpty() ? "/" : path;
    }

    private static String cut(String key) {
        int length = key.codePointCount(0, key.length());
        return length <= MAX_CHARS ? key : key.substring(0, key.offsetByCodePoints(0, MAX_CHARS));
    }
}
