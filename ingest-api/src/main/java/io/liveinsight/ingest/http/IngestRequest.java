package io.liveinsight.ingest.http;

import io.liveinsight.lambda.http.HttpRequest;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the edge sees it, whatever API Gateway payload format carried it.
 *
 * @param method the HTTP method, upper case
 * @param headers header names in lower case; repeated headers joined with commas
 * @param body the body as API Gateway passed it: text, or base64 when {@code base64Encoded}
 * @param sourceIp the caller's address as API Gateway saw it (may be null)
 * @param query the URL's parameters, single values (a beacon's {@code ?site=}: docs/contract/sites.md#at-the-edge)
 */
public record IngestRequest(
        String method,
        String path,
        Map<String, String> headers,
        String body,
        boolean base64Encoded,
        String sourceIp,
        Map<String, String> query) {

    public IngestRequest {
        method = method == null ? "" : method.toUpperCase(Locale.ROOT);
        path = path == null ? "/" : path;
        headers = headers == null ? Map.of() : headers;
        body = body == null ? "" : body;
        query = query == null ? Map.of() : query;
    }

    /** A request without URL parameters. */
    public IngestRequest(
            String method,
            String path,
            Map<String, String> headers,
            String body,
            boolean base64Encoded,
            String sourceIp) {
        this(method, path, headers, body, base64Encoded, sourceIp, Map.of());
    }

    /** A POST with a text body, for tests and priming. */
    public static IngestRequest post(String body, Map<String, String> headers, String sourceIp) {
        return new IngestRequest("POST", "/events", HttpRequest.lowerCase(headers), body, false, sourceIp);
    }

    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    /** A URL parameter; null when absent. */
    public String query(String name) {
        return query.get(name);
    }
}
