package io.liveinsight.ingest.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.event.Event;
import io.liveinsight.event.contract.Defaults;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.ingest.port.IngestMetrics;
import io.liveinsight.ingest.testing.Bodies;
import io.liveinsight.ingest.testing.FakePublisher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Both API Gateway payload formats reach the same core and get the same answers. */
class HandlersTest {

    private static final String SHOP = "https://shop.example.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakePublisher publisher = new FakePublisher();
    private final IngestApplication application = new IngestApplication(
            new IngestConfig(
                    "s", "us-east-1", null, Duration.ofSeconds(1), List.of(SHOP), false, true, 0, 2, Defaults.STAGE),
            publisher,
            IngestMetrics.NONE);
    private final IngestHandler rest = new IngestHandler(application);
    private final HttpApiIngestHandler httpApi = new HttpApiIngestHandler(application);

    private static APIGatewayProxyRequestEvent restEvent(
            String method, Map<String, String> headers, String body, boolean base64) {
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withPath("/events")
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity().withSourceIp("203.0.113.9")));
    }

    private static APIGatewayV2HTTPEvent httpEvent(
            String method, Map<String, String> headers, String body, boolean base64) {
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath("/events")
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath("/events")
                                .withSourceIp("2001:db8:aaaa:bbbb::1")
                                .build())
                        .build())
                .build();
    }

    @Test
    void restHandler_whenSingleEvent_answersJsonWithCors() throws Exception {
        APIGatewayProxyResponseEvent response = rest.handleRequest(
                restEvent(
                        "POST",
                        Map.of("Content-Type", "application/json", "Origin", SHOP),
                        "{\"session_id\":\"s1\"}",
                        false),
                null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders())
                .containsEntry("Content-Type", "application/json")
                .containsEntry("Access-Control-Allow-Origin", SHOP);
        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.path("message").asText()).isEqualTo("Event processed successfully");
        assertThat(body.path("session_id").asText()).isEqualTo("s1");
        assertThat(publisher.published.get(0).ip()).isEqualTo("203.0.113.0");
    }

    @Test
    void restHandler_whenOnlyMultiValueHeaders_readsThem() {
        APIGatewayProxyRequestEvent event = restEvent("POST", null, "{}", false)
                .withMultiValueHeaders(Map.of("Content-Type", List.of("text/html")));

        assertThat(rest.handleRequest(event, null).getStatusCode()).isEqualTo(415);
    }

    @Test
    void httpApiHandler_whenBase64GzipBody_decodesIt() throws Exception {
        APIGatewayV2HTTPResponse response = httpApi.handleRequest(
                httpEvent(
                        "POST",
                        Map.of("content-type", "text/plain", "content-encoding", "gzip", "user-agent", "Mozilla/5.0"),
                        Bodies.base64Gzip("[{\"session_id\":\"v2\"},{\"session_id\":\"v2\"}]"),
                        true),
                null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.getBody()).path("accepted").asInt()).isEqualTo(2);
        assertThat(publisher.published).extracting(Event::ip).containsOnly("2001:db8:aaaa::");
    }

    @Test
    void bothHandlers_whenSameRequests_answerTheSameStatuses() {
        String[][] cases = {
            {"POST", "application/json", "{}", "200"},
            {"POST", "application/json", "{", "400"},
            {"POST", "application/xml", "{}", "415"},
            {"POST", "application/json", Bodies.array("{}", 501), "413"},
            {"DELETE", "application/json", "", "405"},
        };
        for (String[] c : cases) {
            Map<String, String> headers = Map.of("content-type", c[1]);
            assertThat(rest.handleRequest(restEvent(c[0], headers, c[2], false), null)
                            .getStatusCode())
                    .as("REST %s %s", c[0], c[1])
                    .isEqualTo(Integer.parseInt(c[3]));
            assertThat(httpApi.handleRequest(httpEvent(c[0], headers, c[2], false), null)
                            .getStatusCode())
                    .as("HTTP API %s %s", c[0], c[1])
                    .isEqualTo(Integer.parseInt(c[3]));
        }
    }

    @Test
    void bothHandlers_whenPreflight_answer204WithoutBody() {
        Map<String, String> headers = Map.of("Origin", SHOP, "Access-Control-Request-Method", "POST");

        APIGatewayProxyResponseEvent restResponse =
                rest.handleRequest(restEvent("OPTIONS", headers, null, false), null);
        APIGatewayV2HTTPResponse httpResponse = httpApi.handleRequest(httpEvent("OPTIONS", headers, null, false), null);

        assertThat(restResponse.getStatusCode()).isEqualTo(204);
        assertThat(restResponse.getBody()).isNull();
        assertThat(restResponse.getHeaders()).containsEntry("Access-Control-Allow-Origin", SHOP);
        assertThat(httpResponse.getStatusCode()).isEqualTo(204);
        assertThat(httpResponse.getHeaders()).containsEntry("Access-Control-Allow-Origin", SHOP);
    }

    @Test
    void bothHandlers_whenStreamRefuses_answer503WithConfiguredRetryAfter() {
        publisher.refuse = true;

        APIGatewayProxyResponseEvent restResponse = rest.handleRequest(restEvent("POST", Map.of(), "{}", false), null);
        APIGatewayV2HTTPResponse httpResponse = httpApi.handleRequest(httpEvent("POST", Map.of(), "{}", false), null);

        assertThat(restResponse.getStatusCode()).isEqualTo(503);
        assertThat(restResponse.getHeaders()).containsEntry("Retry-After", "2");
        assertThat(httpResponse.getStatusCode()).isEqualTo(503);
        assertThat(httpResponse.getHeaders()).containsEntry("Retry-After", "2");
    }

    @Test
    void prime_whenRun_publishesNothingAndEmitsNoMetrics() {
        assertThat(application.prime()).isTrue();

        assertThat(publisher.calls).isEmpty();
    }
}
