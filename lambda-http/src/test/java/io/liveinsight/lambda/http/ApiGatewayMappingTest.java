package io.liveinsight.lambda.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiGatewayMappingTest {

    @Test
    void fromRest_whenSingleValues_readsEveryPart() {
        HttpRequest request = ApiGatewayMapping.fromRest(new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST")
                .withPath("/events")
                .withHeaders(Map.of("Content-Type", "application/json", "X-Forwarded-For", "1.2.3.4"))
                .withQueryStringParameters(Map.of("limit", "5"))
                .withBody("e30=")
                .withIsBase64Encoded(true)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity().withSourceIp("203.0.113.9"))));

        assertThat(request)
                .isEqualTo(new HttpRequest(
                        "POST",
                        "/events",
                        Map.of("content-type", "application/json", "x-forwarded-for", "1.2.3.4"),
                        Map.of("limit", "5"),
                        "e30=",
                        true,
                        "203.0.113.9"));
        assertThat(request.header("Content-TYPE")).isEqualTo("application/json");
    }

    @Test
    void fromRest_whenOnlyMultiValues_joinsHeadersAndKeepsTheLastParameter() {
        HttpRequest request = ApiGatewayMapping.fromRest(new APIGatewayProxyRequestEvent()
                .withHttpMethod("GET")
                .withPath("/api/live")
                .withMultiValueHeaders(Map.of("Accept", List.of("text/html", "application/json")))
                .withMultiValueQueryStringParameters(Map.of("limit", List.of("500", "5"))));

        assertThat(request.headers()).containsExactly(Map.entry("accept", "text/html,application/json"));
        assertThat(request.query()).containsExactly(Map.entry("limit", "5"));
        assertThat(request.base64Encoded()).isFalse();
        assertThat(request.sourceIp()).isNull();
    }

    @Test
    void fromRest_whenNothingSet_answersEmptyParts() {
        HttpRequest request = ApiGatewayMapping.fromRest(new APIGatewayProxyRequestEvent());

        assertThat(request.method()).isEmpty();
        assertThat(request.path()).isEqualTo("/");
        assertThat(request.headers()).isEmpty();
        assertThat(request.query()).isEmpty();
        assertThat(request.body()).isNull();
    }

    @Test
    void fromHttpApi_whenRawPath_keepsItEncodedAndReadsTheContext() {
        HttpRequest request = ApiGatewayMapping.fromHttpApi(APIGatewayV2HTTPEvent.builder()
                .withRawPath("/api/sessions/a%2Fb")
                .withHeaders(Map.of("content-encoding", "gzip"))
                .withQueryStringParameters(Map.of("order", "asc,desc"))
                .withBody("H4sI")
                .withIsBase64Encoded(true)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("GET")
                                .withPath("/api/sessions/a/b")
                                .withSourceIp("2001:db8::1")
                                .build())
                        .build())
                .build());

        assertThat(request)
                .isEqualTo(new HttpRequest(
                        "GET",
                        "/api/sessions/a%2Fb",
                        Map.of("content-encoding", "gzip"),
                        Map.of("order", "asc,desc"),
                        "H4sI",
                        true,
                        "2001:db8::1"));
    }

    @Test
    void fromHttpApi_whenNoRawPathOrContext_usesTheContextPathThenDefaults() {
        HttpRequest withContext = ApiGatewayMapping.fromHttpApi(APIGatewayV2HTTPEvent.builder()
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("OPTIONS")
                                .withPath("/events")
                                .build())
                        .build())
                .build());
        HttpRequest bare = ApiGatewayMapping.fromHttpApi(new APIGatewayV2HTTPEvent());

        assertThat(withContext.path()).isEqualTo("/events");
        assertThat(withContext.method()).isEqualTo("OPTIONS");
        assertThat(bare.method()).isEmpty();
        assertThat(bare.path()).isEqualTo("/");
        assertThat(bare.sourceIp()).isNull();
    }

    @Test
    void lowerCase_whenNamesDifferOnlyInCaseOrAreNull_joinsAndDrops() {
        Map<String, String> headers = new HashMap<>();
        headers.put("Origin", "a");
        headers.put(null, "x");
        headers.put("Authorization", null);

        assertThat(HttpRequest.lowerCase(headers)).containsExactly(Map.entry("origin", "a"));
        assertThat(HttpRequest.lowerCase(Map.of("X-A", "1", "x-a", "2")).get("x-a"))
                .isIn("1,2", "2,1");
    }

    @Test
    void toRestAndToHttpApi_whenResponse_carryStatusHeadersAndTextBody() {
        HttpResponse response = new HttpResponse(201, Map.of("Content-Type", "application/json"), "{}");

        APIGatewayProxyResponseEvent rest = ApiGatewayMapping.toRest(response);
        APIGatewayV2HTTPResponse httpApi = ApiGatewayMapping.toHttpApi(response);

        assertThat(rest.getStatusCode()).isEqualTo(201);
        assertThat(rest.getHeaders()).containsExactly(Map.entry("Content-Type", "application/json"));
        assertThat(rest.getBody()).isEqualTo("{}");
        assertThat(rest.getIsBase64Encoded()).isFalse();
        assertThat(httpApi.getStatusCode()).isEqualTo(201);
        assertThat(httpApi.getHeaders()).containsExactly(Map.entry("Content-Type", "application/json"));
        assertThat(httpApi.getBody()).isEqualTo("{}");
        assertThat(httpApi.getIsBase64Encoded()).isFalse();
    }

    @Test
    void toRest_whenNoBody_sendsNone() {
        assertThat(ApiGatewayMapping.toRest(new HttpResponse(204, Map.of(), null))
                        .getBody())
                .isNull();
    }
}
