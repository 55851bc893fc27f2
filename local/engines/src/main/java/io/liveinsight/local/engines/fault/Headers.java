package io.liveinsight.local.engines.fault;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Header maps keyed case-insensitively, and the headers that belong to one connection rather than the message. */
final class Headers {

    /** Hop-by-hop headers, and those the JDK's HTTP client and server set themselves. */
    private static final Set<String> CONNECTION_HEADERS = Set.of(
            "connection",
            "content-length",
            "expect",
            "host",
            "keep-alive",
            "proxy-connection",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade");

    private Headers() {}

    static Map<String, List<String>> copy(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return copy;
    }

    static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static boolean isEndToEnd(String name) {
        return !CONNECTION_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }
}
