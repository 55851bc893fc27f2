package io.liveinsight.lambda.http;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request, whatever API Gateway payload format carried it.
 *
 * @param method the HTTP method as API Gateway passed it ({@code ""} when absent)
 * @param path the path as API Gateway passed it: decoded by REST APIs, percent-encoded by HTTP APIs ({@code /} when
 *     absent)
 * @param headers header names in lower case; repeated headers joined with commas
 * @param query single values: a parameter given twice keeps its last value (REST APIs) or both joined with commas
 *     (HTTP APIs)
 * @param body the body as API Gateway passed it: text, or base64 when {@code base64Encoded} (may be null)
 * @param sourceIp the caller's address as API Gateway saw it (may be null)
 */
public record HttpRequest(
        String method,
        String path,
        Map<String, String> headers,
        Map<String, String> query,
        String body,
        boolean base64Encoded,
        String sourceIp) {

    public HttpRequest {
        method = method == null ? "" : method;
        path = path == null ? "/" : path;
        headers = lowerCase(headers);
        query = withoutNulls(query);
    }

    /** A header's value, the name in any case; null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The same request on another path (an HTTP API's raw path, once decoded). */
    public HttpRequest withPath(String newPath) {
        return new HttpRequest(method, newPath, headers, query, body, base64Encoded, sourceIp);
    }

    /** The same request with another method. */
    public HttpRequest withMethod(String newMethod) {
        return new HttpRequest(newMethod, path, headers, query, body, base64Encoded, sourceIp);
    }

    /** Header names in lower case, null names and values dropped, names that differ only in case joined. */
    public static Map<String, String> lowerCase(Map<String, String> headers) {
        Map<String, String> lower = HashMap.newHashMap(headers == null ? 0 : headers.size());
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    lower.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
                }
            });
        }
        return Collections.unmodifiableMap(lower);
    }

    private static Map<String, String> withoutNulls(Map<String, String> query) {
        if (query == null || query.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = HashMap.newHashMap(query.size());
        query.forEach((name, value) -> {
            if (name != null && value != null) {
                copy.put(name, value);
            }
        });
        return Collections.unmodifiableMap(copy);
    }
}
