package io.liveinsight.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.handler.DashboardHandler;
import io.liveinsight.dashboard.http.CompatApi;
import io.liveinsight.dashboard.port.ReadMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The dashboard's routes on the local edge: the read API under {@code /api} and the live page at {@code /}. Like
 * {@code /events}, each request becomes the API Gateway proxy event {@link EdgeServer#toProxyEvent} builds and goes
 * through the dashboard's Lambda handler, so the Lambda code path is what runs locally. The dashboard reads the
 * stack's tables through its DynamoDB client; {@code DASHBOARD_TOKEN}, {@code DASHBOARD_ALLOWED_ORIGINS},
 * {@code ACTIVE_SCAN_SEGMENTS}, {@code ACTIVE_SNAPSHOT_MAX_AGE_MS} and {@code STATS_TIME_ZONE} apply as in Lambda.
 */
final class DashboardRoutes {

    private DashboardRoutes() {}

    static Map<String, HttpHandler> create(LocalConfig config, DynamoDbClient dynamoDb) {
        DashboardConfig fromEnvironment = DashboardConfig.fromEnvironment(System.getenv());
        DashboardConfig dashboard = new DashboardConfig(
                config.tables(),
                fromEnvironment.region(),
                null,
                fromEnvironment.token(),
                fromEnvironment.allowedOrigins(),
                fromEnvironment.scanSegments(),
                fromEnvironment.snapshotMaxAge(),
                fromEnvironment.statsTimeZone());
        DashboardHandler handler =
                new DashboardHandler(DashboardHandler.application(dashboard, dynamoDb, ReadMetrics.NONE));
        HttpHandler route = exchange -> handle(handler, exchange);
        // "/health/" is the original project's health route (docs/contract/api.md#original-routes): the dashboard's,
        // while the edge keeps "/health" itself.
        return Map.of("/api", route, "/", route, CompatApi.HEALTH, route);
    }

    private static void handle(DashboardHandler handler, HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readNBytes(EdgeServer.MAX_BODY_BYTES);
            APIGatewayProxyResponseEvent response =
                    handler.handleRequest(EdgeServer.toProxyEvent(exchange, body), null);
            if (response.getHeaders() != null) {
                response.getHeaders()
                        .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            }
            byte[] bytes = response.getBody() == null
                    ? new byte[0]
                    : response.getBody().getBytes(StandardCharsets.UTF_8);
            boolean noBody = bytes.length == 0 || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.getStatusCode(), noBody ? -1 : bytes.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
