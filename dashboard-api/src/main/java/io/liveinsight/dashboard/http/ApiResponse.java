package io.liveinsight.dashboard.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a route answers: a status and a JSON-ready body. */
public record ApiResponse(int status, Object body) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    public static ApiResponse badRequest(List<String> reasons) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", String.join("; ", reasons));
        body.put("reasons", reasons);
        return new ApiResponse(400, body);
    }

    public static ApiResponse error(int status, String message) {
        return new ApiResponse(status, Map.of("error", message));
    }
}
