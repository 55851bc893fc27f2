package io.liveinsight.ingest.handler;

import io.liveinsight.ingest.http.IngestResponse;
import java.util.HashMap;
import java.util.Map;

/** The HTTP headers of a core response: its own, plus the JSON content type when it has a body. */
final class ResponseHeaders {

    private ResponseHeaders() {}

    static Map<String, String> of(IngestResponse response) {
        Map<String, String> headers = HashMap.newHashMap(response.headers().size() + 1);
        headers.putAll(response.headers());
        if (response.body() != null) {
            headers.put("Content-Type", "application/json");
        }
        return headers;
    }
}
