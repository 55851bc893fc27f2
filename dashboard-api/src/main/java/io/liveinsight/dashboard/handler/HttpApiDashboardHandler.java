package io.liveinsight.dashboard.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.port.ReadMetrics;

/**
 * The dashboard Lambda for API Gateway HTTP APIs (payload format 2.0), on the same {@link DashboardApplication} as the
 * REST handler. HTTP APIs join repeated query parameters with commas; the routes take single values, so a repeated
 * parameter arrives as one unusual value and gets its 400.
 */
public final class HttpApiDashboardHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final DashboardApplication application;

    /** Used by the Lambda runtime: configuration from the environment. */
    public HttpApiDashboardHandler() {
        this(DashboardConfig.fromEnvironment(System.getenv()));
    }

    public HttpApiDashboardHandler(DashboardConfig config) {
        this(new DashboardApplication(config, DashboardHandler.dynamoDb(config), ReadMetrics.NONE));
    }

    public HttpApiDashboardHandler(DashboardApplication application) {
        this.application = application;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        var http = event.getRequestContext() == null
                ? null
                : event.getRequestContext().getHttp();
        String method = http == null ? "GET" : http.getMethod();
        String path = event.getRawPath() != null ? decode(event.getRawPath()) : http == null ? "/" : http.getPath();
        WebResponse response =
                application.handle(new WebRequest(method, path, event.getHeaders(), event.getQueryStringParameters()));
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }

    /** HTTP APIs pass the raw (percent-encoded) path; the routes read decoded ids, as the REST API passes them. */
    private static String decode(String rawPath) {
        return java.net.URLDecoder.decode(rawPath.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }
}
