package io.liveinsight.lambda.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP response: status, headers, a text body (null: none). Never base64: the Lambdas answer text only. */
public record HttpResponse(int status, Map<String, String> headers, String body) {

    public HttpResponse {
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}
