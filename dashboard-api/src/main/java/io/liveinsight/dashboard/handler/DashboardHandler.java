package io.liveinsight.dashboard.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.liveinsight.dashboard.adapter.dynamodb.DynamoDbDashboardStore;
import io.liveinsight.dashboard.adapter.dynamodb.DynamoDbStatsReader;
import io.liveinsight.dashboard.adapter.dynamodb.SiteRegistry;
import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.http.DashboardApplication;
import io.liveinsight.dashboard.port.ReadMetrics;
import io.liveinsight.lambda.http.ApiGatewayMapping;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The dashboard Lambda for API Gateway REST APIs (payload 1.0): GET routes under {@code /api} and the page. Built once
 * per container; each invocation only maps the proxy event to {@link DashboardApplication} and back.
 */
public final class DashboardHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardHandler.class);

    private final DashboardApplication application;

    /** Used by the Lambda runtime: configuration from the environment. */
    public DashboardHandler() {
        this(DashboardConfig.fromEnvironment(System.getenv()));
    }

    public DashboardHandler(DashboardConfig config) {
        this(application(config, dynamoDb(config), ReadMetrics.NONE));
    }

    public DashboardHandler(DashboardApplication application) {
        this.application = application;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return ApiGatewayMapping.toRest(application.handle(ApiGatewayMapping.fromRest(event)));
    }

    /**
     * The dashboard on the tables (rollups from the Stats table, the sites and their read tokens from the Sites table),
     * read through this DynamoDB client, on the system clock.
     */
    public static DashboardApplication application(
            DashboardConfig config, DynamoDbClient dynamoDb, ReadMetrics metrics) {
        Clock clock = Clock.systemUTC();
        if (config.token() == null) {
            LOG.warn("WARNING DASHBOARD_TOKEN unset: the dashboard API reads every site without a token"
                    + " (docs/contract/sites.md#dashboard); set it anywhere but local development");
        }
        return new DashboardApplication(
                config,
                new DynamoDbDashboardStore(dynamoDb, config.tables(), config.scanSegments(), metrics),
                new DynamoDbStatsReader(dynamoDb, config.tables().stats(), metrics, clock),
                SiteRegistry.open(dynamoDb, config.tables().sites()),
                clock);
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
