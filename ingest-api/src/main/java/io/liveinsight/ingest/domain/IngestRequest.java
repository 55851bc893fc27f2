package io.liveinsight.ingest.domain;

import java.util.Map;
import java.util.Objects;

/**
 * One POST /events as the edge sees it, whatever API Gateway payload format carried it.
 *
 * @param headers header names in lower case
 * @param sourceIp the caller's address as API Gateway saw it (may be null)
 */
public record IngestRequest(String body, Map<String, String> headers, String sourceIp) {

    public IngestRequest {
        body = body == null ? "" : body;
        headers = Map.copyOf(Objects.requireNonNull(headers));
    }

    public String header(String name) {
        return headers.get(name);
    }
}
