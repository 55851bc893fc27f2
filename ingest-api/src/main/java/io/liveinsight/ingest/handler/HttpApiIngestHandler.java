package io.liveinsight.ingest.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.lambda.http.ApiGatewayMapping;

/**
 * The ingest Lambda for API Gateway HTTP APIs (payload format 2.0, {@code APIGatewayV2HTTPEvent}): the same core as
 * {@link IngestHandler}, another mapping.
 */
public final class HttpApiIngestHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final IngestApplication application;

    /** Used by the Lambda runtime: configuration from the environment. */
    public HttpApiIngestHandler() {
        this(new IngestApplication(IngestConfig.fromEnvironment(System.getenv())));
    }

    public HttpApiIngestHandler(IngestApplication application) {
        this.application = application;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiGatewayMapping.toHttpApi(application.handle(ApiGatewayMapping.fromHttpApi(event)));
    }
}
