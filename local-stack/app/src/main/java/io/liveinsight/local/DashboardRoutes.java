package io.liveinsight.local;

import com.sun.net.httpserver.HttpHandler;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The dashboard's routes on the local edge (the read API under /api and the live page at /). */
final class DashboardRoutes {

    private DashboardRoutes() {}

    /** None yet: the dashboard module arrives with its issue, and mounts itself here. */
    static Map<String, HttpHandler> create(LocalStackConfig config, DynamoDbClient dynamoDb) {
        return Map.of();
    }
}
