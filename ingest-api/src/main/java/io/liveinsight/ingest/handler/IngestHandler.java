package io.liveinsight.ingest.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.lambda.http.ApiGatewayMapping;

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
        return ApiGatewayMapping.toRest(application.handle(ApiGatewayMapping.fromRest(event)));
    }
}
