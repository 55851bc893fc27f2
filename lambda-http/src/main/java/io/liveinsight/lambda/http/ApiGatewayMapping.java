package io.liveinsight.lambda.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway events to {@link HttpRequest} and {@link HttpResponse} back, for both payload formats: REST APIs
 * (payload 1.0, {@code APIGatewayProxyRequestEvent}) and HTTP APIs (payload 2.0, {@code APIGatewayV2HTTPEvent}). The
 * one place either Lambda reads an API Gateway event. Cookies (a separate list in payload 2.0) are not carried: no
 * route reads them.
 */
public final class ApiGatewayMapping {

    private ApiGatewayMapping() {}

    /** A REST API proxy event: single-value headers and parameters, or the multi-value ones when only those are set. */
    public static HttpRequest fromRest(APIGatewayProxyRequestEvent event) {
        var context = event.getRequestContext();
        return new HttpRequest(
                event.getHttpMethod(),
                event.getPath(),
                restHeaders(event),
                restQuery(event),
                event.getBody(),
                Boolean.TRUE.equals(event.getIsBase64Encoded()),
                context == null || context.getIdentity() == null
                        ? null
                        : context.getIdentity().getSourceIp());
    }

    /** An HTTP API event: the raw (percent-encoded) path, else the context's path. */
    public static HttpRequest fromHttpApi(APIGatewayV2HTTPEvent event) {
        var http = event.getRequestContext() == null
                ? null
                : event.getRequestContext().getHttp();
        return new HttpRequest(
                http == null ? null : http.getMethod(),
                event.getRawPath() != null ? event.getRawPath() : http == null ? null : http.getPath(),
                event.getHeaders(),
                event.getQueryStringParameters(),
                event.getBody(),
                event.getIsBase64Encoded(),
                http == null ? null : http.getSourceIp());
    }

    public static APIGatewayProxyResponseEvent toRest(HttpResponse response) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false);
    }

    public static APIGatewayV2HTTPResponse toHttpApi(HttpResponse response) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }

    /** Single-value headers, or the multi-value ones joined with commas when only those are set. */
    private static Map<String, String> restHeaders(APIGatewayProxyRequestEvent event) {
        Map<String, String> headers = event.getHeaders();
        Map<String, List<String>> multi = event.getMultiValueHeaders();
        if ((headers == null || headers.isEmpty()) && multi != null) {
            headers = new HashMap<>();
            for (Map.Entry<String, List<String>> header : multi.entrySet()) {
                if (header.getValue() != null) {
                    headers.put(header.getKey(), String.join(",", header.getValue()));
                }
            }
        }
        return headers;
    }

    /** Single values; a parameter given twice keeps its last value, as API Gateway's single-value map does. */
    private static Map<String, String> restQuery(APIGatewayProxyRequestEvent event) {
        Map<String, String> query = event.getQueryStringParameters();
        Map<String, List<String>> multi = event.getMultiValueQueryStringParameters();
        if ((query == null || query.isEmpty()) && multi != null) {
            query = new HashMap<>();
            for (Map.Entry<String, List<String>> parameter : multi.entrySet()) {
                List<String> values = parameter.getValue();
                if (values != null && !values.isEmpty()) {
                    query.put(parameter.getKey(), values.get(values.size() - 1));
                }
            }
        }
        return query;
    }
}
