package io.liveinsight.ingest.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.liveinsight.event.EventCodec;
import io.liveinsight.ingest.adapter.kinesis.KinesisClientFactory;
import io.liveinsight.ingest.adapter.kinesis.KinesisEventPublisher;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.ingest.domain.EventIngestor;
import io.liveinsight.ingest.domain.Ids;
import io.liveinsight.ingest.domain.IngestRequest;
import io.liveinsight.ingest.domain.IngestResponse;
import io.liveinsight.ingest.domain.RecordPacker;
import io.liveinsight.ingest.port.EventPublisher;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The ingest Lambda for API Gateway REST proxy events: {@code POST /events} and {@code GET /health}. Built once per
 * container; each invocation only maps the proxy event to the core and back.
 */
public final class IngestHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final EventIngestor ingestor;
    private final EventPublisher publisher;
    private final EventCodec codec;

    /** Used by the Lambda runtime: configuration from the environment. */
    public IngestHandler() {
        this(IngestConfig.fromEnvironment(System.getenv()));
    }

    public IngestHandler(IngestConfig config) {
        this.codec = new EventCodec();
        this.publisher = new KinesisEventPublisher(
                KinesisClientFactory.create(config),
                config.streamName(),
                new RecordPacker(codec),
                config.publishBudget());
        this.ingestor = new EventIngestor(
                publisher, codec.mapper(), Clock.systemUTC(), new Ids(Clock.systemUTC(), RandomGenerator.getDefault()));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        String method =
                event.getHttpMethod() == null ? "" : event.getHttpMethod().toUpperCase(Locale.ROOT);
        String path = event.getPath() == null ? "/" : event.getPath();
        if ("GET".equals(method) && path.endsWith("/health")) {
            boolean healthy = publisher.isHealthy();
            return respond(IngestResponse.of(
                    healthy ? 200 : 503,
                    Map.of("status", healthy ? "ok" : "unavailable", "kinesis", healthy ? "up" : "down")));
        }
        if (!"POST".equals(method)) {
            return respond(IngestResponse.of(405, Map.of("error", "method not allowed")));
        }
        IngestRequest request = new IngestRequest(event.getBody(), lowerCase(event.getHeaders()), sourceIp(event));
        return respond(ingestor.ingest(request));
    }

    private APIGatewayProxyResponseEvent respond(IngestResponse response) {
        Map<String, String> headers = new HashMap<>(response.headers());
        headers.put("Content-Type", "application/json");
        try {
            return new APIGatewayProxyResponseEvent()
                    .withStatusCode(response.status())
                    .withHeaders(headers)
                    .withBody(codec.mapper().writeValueAsString(response.body()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response body not serialisable", e);
        }
    }

    private static Map<String, String> lowerCase(Map<String, String> headers) {
        Map<String, String> lower = new HashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    lower.put(name.toLowerCase(Locale.ROOT), value);
                }
            });
        }
        return lower;
    }

    private static String sourceIp(APIGatewayProxyRequestEvent event) {
        var context = event.getRequestContext();
        return context == null || context.getIdentity() == null
                ? null
                : context.getIdentity().getSourceIp();
    }
}
