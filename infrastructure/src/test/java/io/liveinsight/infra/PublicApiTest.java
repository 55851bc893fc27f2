package io.liveinsight.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Routes, integrations, CORS, throttling and dashboard auth, on the HTTP API (default) and the REST API. */
class PublicApiTest {

    private final Template dev = Synth.dev().template();
    private final TemplateView view = new TemplateView(dev);

    @Test
    void httpApi_hasExactlyTheIngestAndDashboardRoutes() {
        assertThat(view.ids("AWS::ApiGatewayV2::Route").stream()
                        .map(id -> view.properties(id).get("RouteKey")))
                .containsExactlyInAnyOrder(
                        "POST /events", "OPTIONS /events", "GET /", "GET /{proxy+}", "GET /api", "GET /api/{proxy+}");
        dev.resourceCountIs("AWS::ApiGateway::RestApi", 0);
    }

    @Test
    void eventsRoutes_goToTheIngestAlias_withPayload2() {
        String alias = view.ids("AWS::Lambda::Alias").get(0);
        String integration = view.id("AWS::ApiGatewayV2::Integration", "IntegrationUri", Map.of("Ref", alias));
        assertThat(view.properties(integration))
                .containsEntry("IntegrationType", "AWS_PROXY")
                .containsEntry("PayloadFormatVersion", "2.0");
        for (String route : List.of("POST /events", "OPTIONS /events")) {
            assertThat(TemplateView.render(view.properties(view.id("AWS::ApiGatewayV2::Route", "RouteKey", route))
                            .get("Target")))
                    .isEqualTo("integrations/${" + integration + "}");
        }
        // API Gateway may invoke the alias (not the unpublished function).
        dev.hasResourceProperties(
                "AWS::Lambda::Permission",
                Map.of(
                        "Action", "lambda:InvokeFunction",
                        "FunctionName", Map.of("Ref", alias),
                        "Principal", "apigateway.amazonaws.com"));
    }

    @Test
    void dashboardRoutes_goToTheDashboardFunction_withPayload1() {
        String function = view.id("AWS::Lambda::Function", "FunctionName", "dev-LiveInsight-Dashboard");
        String integration = view.id(
                "AWS::ApiGatewayV2::Integration", "IntegrationUri", Map.of("Fn::GetAtt", List.of(function, "Arn")));
        assertThat(view.properties(integration)).containsEntry("PayloadFormatVersion", "1.0");
        for (String route : List.of("GET /", "GET /{proxy+}", "GET /api", "GET /api/{proxy+}")) {
            Map<String, Object> props = view.properties(view.id("AWS::ApiGatewayV2::Route", "RouteKey", route));
            assertThat(TemplateView.render(props.get("Target"))).isEqualTo("integrations/${" + integration + "}");
            assertThat(props)
                    .as("token auth is checked by the dashboard itself")
                    .containsEntry("AuthorizationType", "NONE");
        }
    }

    @Test
    void cors_isTheIngestLambdasOwn_fromTheOriginAllowlist() {
        // No gateway CORS: it would answer OPTIONS itself and never reach the allowlist in the Lambda.
        for (String api : view.ids("AWS::ApiGatewayV2::Api")) {
            assertThat(view.properties(api)).doesNotContainKey("CorsConfiguration");
        }
        assertThat(IngestFunctionTest.variables(new TemplateView(Synth.prod().template()), "prod-LiveInsight-Ingest"))
                .containsEntry("ALLOWED_ORIGINS", "https://shop.example.com,https://*.example.org");
    }

    @Test
    void httpStage_isTheDefaultStage_withThrottlingSettings() {
        dev.hasResourceProperties(
                "AWS::ApiGatewayV2::Stage",
                Map.of(
                        "StageName",
                        "$default",
                        "AutoDeploy",
                        true,
                        "DefaultRouteSettings",
                        Map.of("ThrottlingRateLimit", 1000, "ThrottlingBurstLimit", 2000)));
        Synth.prod()
                .template()
                .hasResourceProperties(
                        "AWS::ApiGatewayV2::Stage",
                        Map.of(
                                "DefaultRouteSettings",
                                Map.of("ThrottlingRateLimit", 500, "ThrottlingBurstLimit", 800)));
    }

    @Test
    void iamAuth_protectsOnlyTheApiRoutes() {
        TemplateView prod = new TemplateView(Synth.prod().template());
        for (String route : prod.ids("AWS::ApiGatewayV2::Route")) {
            Map<String, Object> props = prod.properties(route);
            assertThat(props.get("AuthorizationType"))
                    .as((String) props.get("RouteKey"))
                    .isEqualTo(props.get("RouteKey").toString().startsWith("GET /api") ? "AWS_IAM" : "NONE");
        }
    }

    @Test
    void restApi_hasTheSameRoutes_binaryBodies_stageThrottling_andIamOnApi() {
        Template rest = Synth.variant().template();
        TemplateView restView = new TemplateView(rest);
        rest.resourceCountIs("AWS::ApiGatewayV2::Api", 0);
        rest.hasResourceProperties(
                "AWS::ApiGateway::RestApi",
                Map.of(
                        "Name", "dev-LiveInsight-Api",
                        "BinaryMediaTypes", List.of("*/*"),
                        "EndpointConfiguration", Map.of("Types", List.of("REGIONAL"))));
        assertThat(restView.ids("AWS::ApiGateway::Resource").stream()
                        .map(id -> restView.properties(id).get("PathPart")))
                .containsExactlyInAnyOrder("events", "{proxy+}", "api", "{proxy+}");
        List<String> methods = restView.ids("AWS::ApiGateway::Method").stream()
                .map(id -> restView.properties(id).get("HttpMethod") + " "
                        + restView.properties(id).get("AuthorizationType"))
                .toList();
        assertThat(methods)
                .containsExactlyInAnyOrder("POST NONE", "OPTIONS NONE", "GET NONE", "GET NONE", "GET AWS_IAM");
        String alias = restView.ids("AWS::Lambda::Alias").get(0);
        for (String method : restView.ids("AWS::ApiGateway::Method")) {
            Map<?, ?> integration = (Map<?, ?>) restView.properties(method).get("Integration");
            assertThat(integration.get("Type")).isEqualTo("AWS_PROXY");
            String uri = TemplateView.render(integration.get("Uri"));
            String httpMethod = (String) restView.properties(method).get("HttpMethod");
            assertThat(uri)
                    .as(httpMethod + " goes to the ingest alias or the dashboard")
                    .contains(httpMethod.equals("GET") ? "${DashboardLambdaFunction" : "${" + alias + "}");
        }
        assertThat(restView.ids("AWS::Lambda::Permission").stream()
                        .map(id -> restView.properties(id).get("FunctionName")))
                .contains(Map.of("Ref", alias));
        rest.hasResourceProperties(
                "AWS::ApiGateway::Stage",
                Map.of(
                        "StageName",
                        "dev",
                        "MethodSettings",
                        List.of(Match.objectLike(Map.of(
                                "HttpMethod",
                                "*",
                                "ResourcePath",
                                "/*",
                                "ThrottlingRateLimit",
                                1000,
                                "ThrottlingBurstLimit",
                                2000)))));
    }
}
