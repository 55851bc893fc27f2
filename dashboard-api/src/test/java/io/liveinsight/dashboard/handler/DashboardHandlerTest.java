package io.liveinsight.dashboard.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.http.DashboardApplication;
import io.liveinsight.dashboard.support.InMemoryDashboardStore;
import io.liveinsight.dashboard.support.InMemoryStatsReader;
import io.liveinsight.dashboard.support.MutableClock;
import io.liveinsight.event.TableNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardHandlerTest {

    private final DashboardHandler handler = new DashboardHandler(new DashboardApplication(
            DashboardConfig.local(TableNames.defaults()),
            new InMemoryDashboardStore(),
            new InMemoryStatsReader(),
            new MutableClock(1_800_000_000_000L)));

    @Test
    void handleRequest_whenOnlyMultiValueQuery_usesItsLastValue() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                new APIGatewayProxyRequestEvent()
                        .withHttpMethod("GET")
                        .withPath("/api/sessions/active")
                        .withMultiValueHeaders(Map.of("Accept", List.of("application/json")))
                        .withMultiValueQueryStringParameters(Map.of("limit", List.of("500", "5"))),
                null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"total\":0");
        assertThat(response.getIsBase64Encoded()).isFalse();
    }

    @Test
    void handleRequest_whenBadParameter_answers400WithTheReason() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                new APIGatewayProxyRequestEvent()
                        .withHttpMethod("GET")
                        .withPath("/api/sessions/active")
                        .withQueryStringParameters(Map.of("limit", "-1")),
                null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("limit must be an integer from 1 to 200");
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json; charset=utf-8");
    }

    @Test
    void httpApiHandler_whenEncodedPathAndQuery_routesLikeTheRestHandler() {
        HttpApiDashboardHandler httpApi = new HttpApiDashboardHandler(new DashboardApplication(
                DashboardConfig.local(TableNames.defaults()),
                new InMemoryDashboardStore(),
                new InMemoryStatsReader(),
                new MutableClock(1_800_000_000_000L)));

        APIGatewayV2HTTPResponse active = httpApi.handleRequest(
                APIGatewayV2HTTPEvent.builder()
                        .withRawPath("/api/sessions/active")
                        .withQueryStringParameters(Map.of("limit", "2"))
                        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                        .withMethod("GET")
                                        .withPath("/api/sessions/active")
                                        .build())
                                .build())
                        .build(),
                null);
        APIGatewayV2HTTPResponse missing = httpApi.handleRequest(
                APIGatewayV2HTTPEvent.builder()
                        .withRawPath("/api/sessions/a%2Fb+c")
                        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                        .withMethod("GET")
                                        .build())
                                .build())
                        .build(),
                null);

        assertThat(active.getStatusCode()).isEqualTo(200);
        assertThat(missing.getStatusCode()).isEqualTo(404);
        assertThat(missing.getBody()).contains("no session 'a/b+c'");
    }
}
