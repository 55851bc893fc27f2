package io.liveinsight.ingest.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.ingest.http.IngestRequest;
import io.liveinsight.ingest.http.IngestResponse;

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
        var http = event.getRequestContext() == null
                ? null
                : event.getRequestContext().getHttp();
        IngestResponse response = application.handle(new IngestRequest(
                http == null ? null : http.getMethod(),
                event.getRawPath() != null ? event.getRawPath() : http == null ? null : http.getPath(),
                IngestRequest.lowerCase(event.getHeaders()),
                event.getBody(),
                event.getIsBase64Encoded(),
                http == null ? null : http.getSourceIp()));
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(ResponseHeaders.of(response))
                .withBody(response.body() == null ? null : application.json(response.body()))
                .withIsBase64Encoded(false)
                .build();
    }
}
