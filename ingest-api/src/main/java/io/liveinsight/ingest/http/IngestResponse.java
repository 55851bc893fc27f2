package io.liveinsight.ingest.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Status, headers and a JSON-ready body (null for no body); the handler turns it into the API Gateway response
 * type of its payload format.
 */
public record IngestResponse(int status, Map<String, String> headers, Map<String, Object> body) {

    public IngestResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(body)); // keeps JSON order
    }

    public static IngestResponse of(int status, Map<String, Object> body) {
        return new IngestResponse(status, Map.of(), body);
    }

    public static IngestResponse error(int status, String message) {
        return of(status, Map.of("error", message));
    }

    public IngestResponse withHeaders(Map<String, String> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(extra);
        return new IngestResponse(status, merged, body);
    }
}
