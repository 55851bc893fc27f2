package io.liveinsight.event.traffic;

import java.util.List;
import java.util.Locale;

/** Host names read from URLs as written by clients: lenient, lower-cased, never throwing. */
final class Hosts {

    private Hosts() {}

    /**
     * The host of an absolute http(s) URL ({@code "www.google.com"}), or of an Android app's referrer
     * ({@code android-app://com.linkedin.android/} reads as {@code android.linkedin.com}); null when there is none.
     */
    static String of(String url) {
        if (url == null) {
            return null;
        }
        String text = url.strip();
        int scheme = text.indexOf("://");
        if (scheme <= 0) {
            return null;
        }
        String prefix = text.substring(0, scheme).toLowerCase(Locale.ROOT);
        if (!prefix.equals("http") && !prefix.equals("https") && !prefix.equals("android-app")) {
            return null;
        }
        int start = scheme + 3;
        int end = start;
        while (end < text.length() && "/?#".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        String authority = text.substring(start, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close > 0 ? authority.substring(0, close + 1).toLowerCase(Locale.ROOT) : null;
        }
        int port = authority.indexOf(':');
        String host = (port < 0 ? authority : authority.substring(0, port)).toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return null;
        }
        // An Android app's referrer names its package (com.linkedin.android): read it as the host it reverses.
        return prefix.equals("android-app") ? reversed(host) : host;
    }

    private static String reversed(String packageName) {
        List<String> labels = new java.util.ArrayList<>(List.of(packageName.split("\\.")));
        java.util.Collections.reverse(labels);
        return String.join(".", labels);
    }

    /** The host without a leading {@code www.} or {@code m.}. */
    static String bare(String host) {
        for (String prefix : List.of("www.", "m.", "mobile.")) {
            if (host.startsWith(prefix) && host.length() > prefix.length()) {
                return host.substring(prefix.length());
            }
        }
        return host;
    }

    /** {@code host} is {@code domain} or one of its subdomains. */
    static boolean within(String host, String domain) {
        return host.equals(domain) || host.endsWith("." + domain);
    }

    /**
     * {@code host} is the brand's site under any country domain: {@code google.com}, {@code www.google.co.uk},
     * {@code search.yahoo.co.jp} (the brand label followed by one or two labels of at most three letters).
     */
    static boolean brand(String host, String brand) {
        String[] labels = host.split("\\.");
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].equals(brand)) {
                int after = labels.length - i - 1;
                if (after < 1 || after > 2) {
                    return false;
                }
                for (int j = i + 1; j < labels.length; j++) {
                    if (labels[j].isEmpty() || labels[j].length() > 3) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
