package io.liveinsight.ingest.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.ingest.http.IngestRequest;
import io.liveinsight.ingest.http.IngestResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ingest Lambda for API Gateway REST APIs (payload format 1.0, {@code APIGatewayProxyRequestEvent}). Built once
 * per container; each invocation only maps the proxy event to the shared core and back.
 */
public final class IngestHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final IngestApplication application;

    /** Used by the Lambda runtime: configuration from the environment. */
    public IngestHandler() {
        this(IngestConfig.fromEnvironment(System.getenv()));
    }

    public IngestHandler(IngestConfig config) {
        this(new IngestApplication(config));
    }

    public IngestHandler(IngestApplication application) {
        this.application = application;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        IngestResponse response = application.handle(new IngestRequest(
                event.getHttpMethod(),
                event.getPath(),
                headers(event),
                event.getBody(),
                Boolean.TRUE.equals(event.getIsBase64Encoded()),
                sourceIp(event)));
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(ResponseHeaders.of(response))
                .withBody(response.body() == null ? null : application.json(response.body()))
                .withIsBase64Encoded(false);
    }

    /** Single-value headers, or the multi-value ones joined with commas when only those are set. */
    private static Map<String, String> headers(APIGatewayProxyRequestEvent event) {
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
        return IngestRequest.lowerCase(headers);
    }

    private static String sourceIp(APIGatewayProxyRequestEvent event) {
        var context = event.getRequestContext();
        return context == null || context.getIdentity() == null
                ? null
                : context.getIdentity().getSourceIp();
    }
}
