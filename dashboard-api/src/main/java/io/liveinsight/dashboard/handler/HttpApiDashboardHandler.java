package io.liveinsight.dashboard.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.http.DashboardApplication;
import io.liveinsight.dashboard.port.ReadMetrics;
import io.liveinsight.lambda.http.ApiGatewayMapping;
import io.liveinsight.lambda.http.HttpRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

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
        this(DashboardHandler.application(config, DashboardHandler.dynamoDb(config), ReadMetrics.NONE));
    }

    public HttpApiDashboardHandler(DashboardApplication application) {
        this.application = application;
    }

    /**
     * HTTP APIs pass the raw (percent-encoded) path; the routes read decoded ids, as the REST API passes them. An event
     * without a method (no request context) is a GET.
     */
    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        HttpRequest request = ApiGatewayMapping.fromHttpApi(event);
        request = request.withPath(decode(request.path()));
        if (request.method().isEmpty()) {
            request = request.withMethod("GET");
        }
        return ApiGatewayMapping.toHttpApi(application.handle(request));
    }

    private static String decode(String rawPath) {
        return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
