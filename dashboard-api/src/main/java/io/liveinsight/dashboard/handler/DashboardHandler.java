package io.liveinsight.dashboard.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.port.ReadMetrics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The dashboard Lambda for API Gateway REST APIs (payload 1.0): GET routes under {@code /api} and the page. Built once
 * per container; each invocation only maps the proxy event to {@link DashboardApplication} and back.
 */
public final class DashboardHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final DashboardApplication application;

    /** Used by the Lambda runtime: configuration from the environment. */
    public DashboardHandler() {
        this(DashboardConfig.fromEnvironment(System.getenv()));
    }

    public DashboardHandler(DashboardConfig config) {
        this(new DashboardApplication(config, dynamoDb(config), ReadMetrics.NONE));
    }

    public DashboardHandler(DashboardApplication application) {
        this.application = application;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        WebResponse response = application.handle(
                new WebRequest(event.getHttpMethod(), event.getPath(), headers(event), query(event)));
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false);
    }

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
        return headers;
    }

    /** Single values; a parameter given twice keeps its last value, as API Gateway's single-value map does. */
    private static Map<String, String> query(APIGatewayProxyRequestEvent event) {
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

    static DynamoDbClient dynamoDb(DashboardConfig config) {
        var builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(config.region()));
        if (config.dynamoDbEndpoint() != null) {
            builder.endpointOverride(config.dynamoDbEndpoint());
        }
        return builder.build();
    }
}
