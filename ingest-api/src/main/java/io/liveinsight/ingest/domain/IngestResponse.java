package io.liveinsight.ingest.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Status, extra headers and a JSON-ready body; the handler turns it into the API Gateway response type. */
public record IngestResponse(int status, Map<String, String> headers, Map<String, Object> body) {

    public IngestResponse {
        headers = Map.copyOf(headers);
        body = Collections.unmodifiableMap(new LinkedHashMap<>(body)); // keeps the field order of the JSON
    }

    public static IngestResponse of(int status, Map<String, Object> body) {
        return new IngestResponse(status, Map.of(), body);
    }
}
