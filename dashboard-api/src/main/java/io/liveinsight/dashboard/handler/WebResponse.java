package io.liveinsight.dashboard.handler;

import java.util.Map;

/** One HTTP response: status, headers, text body (null: none). */
public record WebResponse(int status, Map<String, String> headers, String body) {

    public WebResponse {
        headers = Map.copyOf(headers);
    }
}
