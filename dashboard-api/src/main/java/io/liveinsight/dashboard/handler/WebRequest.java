package io.liveinsight.dashboard.handler;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** One HTTP request as the dashboard needs it; header names in lower case. */
public record WebRequest(String method, String path, Map<String, String> headers, Map<String, String> query) {

    public WebRequest {
        Map<String, String> lower = new TreeMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    lower.put(name.toLowerCase(Locale.ROOT), value);
                }
            });
        }
        headers = Map.copyOf(lower);
        query = query == null ? Map.of() : Map.copyOf(query);
    }

    public String header(String name) {
        return headers.get(name);
    }
}
