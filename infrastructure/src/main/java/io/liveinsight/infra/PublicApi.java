package io.liveinsight.infra;

import java.util.List;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.Resource;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IHttpRouteAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.PayloadFormatVersion;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The one public endpoint: {@code POST /events} and {@code OPTIONS /events} to the ingest alias (the ingest Lambda
 * answers CORS itself from its origin allowlist, the same code that runs locally), {@code GET /} and
 * {@code GET /{proxy+}} to the dashboard, with {@code /api/...} behind IAM when so configured (the dashboard checks
 * its bearer token itself otherwise). HTTP API by default, REST API as a setting; stage throttling on both.
 */
public final class PublicApi extends Construct {

    private final String url;

    public PublicApi(Construct scope, String id, InfraConfig config, IFunction ingest, IFunction dashboard) {
        super(scope, id);
        this.url = config.api() == InfraConfig.ApiType.HTTP
                ? httpApi(config, ingest, dashboard)
                : restApi(config, ingest, dashboard);
    }

    /** The API's base URL, ending with a slash: {@code <url>events} takes events, {@code <url>} is the dashboard. */
    public String url() {
        return url;
    }

    private String httpApi(InfraConfig config, IFunction ingest, IFunction dashboard) {
        HttpApi api = HttpApi.Builder.create(this, "Http")
                .apiName(config.name("Api"))
                .description("LiveInsight " + config.stage().id() + ": ingest and dashboard")
                .createDefaultStage(false)
                .build();
        HttpLambdaIntegration events = HttpLambdaIntegration.Builder.create("Ingest", ingest)
                .payloadFormatVersion(PayloadFormatVersion.VERSION_2_0)
                .build();
        // DashboardHandler reads API Gateway proxy events of payload 1.0.
        HttpLambdaIntegration pages = HttpLambdaIntegration.Builder.create("Dashboard", dashboard)
                .payloadFormatVersion(PayloadFormatVersion.VERSION_1_0)
                .build();
        api.addRoutes(AddRoutesOptions.builder()
                .path("/events")
                .methods(List.of(HttpMethod.POST, HttpMethod.OPTIONS))
                .integration(events)
                .build());
        api.addRoutes(AddRoutesOptions.builder()
                .path("/")
                .methods(List.of(HttpMethod.GET))
                .integration(pages)
                .build());
        api.addRoutes(AddRoutesOptions.builder()
                .path("/{proxy+}")
                .methods(List.of(HttpMethod.GET))
                .integration(pages)
                .build());
        // /api itself too: otherwise GET /{proxy+} would take it past the IAM authorizer.
        for (String path : List.of("/api", "/api/{proxy+}")) {
            AddRoutesOptions.Builder apiRoutes = AddRoutesOptions.builder()
                    .path(path)
                    .methods(List.of(HttpMethod.GET))
                    .integration(pages);
            if (config.dashboardAuth() == InfraConfig.DashboardAuth.IAM) {
                IHttpRouteAuthorizer iam = new HttpIamAuthorizer();
                apiRoutes.authorizer(iam);
            }
            api.addRoutes(apiRoutes.build());
        }
        HttpStage stage = HttpStage.Builder.create(this, "Stage")
                .httpApi(api)
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder()
                        .rateLimit(config.throttleRate())
                        .burstLimit(config.throttleBurst())
                        .build())
                .build();
        return stage.getUrl();
    }

    private String restApi(InfraConfig config, IFunction ingest, IFunction dashboard) {
        RestApi api = RestApi.Builder.create(this, "Rest")
                .restApiName(config.name("Api"))
                .description("LiveInsight " + config.stage().id() + ": ingest and dashboard")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                // No account-wide API Gateway logging role from this stack.
                .cloudWatchRole(false)
                // Bodies reach the Lambda base64-encoded whatever their type (gzip beacons included).
                .binaryMediaTypes(List.of("*/*"))
                .deployOptions(StageOptions.builder()
                        .stageName(config.stage().id())
                        .throttlingRateLimit(config.throttleRate())
                        .throttlingBurstLimit(config.throttleBurst())
                        .build())
                .build();
        LambdaIntegration events = LambdaIntegration.Builder.create(ingest).build();
        LambdaIntegration pages = LambdaIntegration.Builder.create(dashboard).build();
        Resource eventsResource = api.getRoot().addResource("events");
        eventsResource.addMethod("POST", events);
        eventsResource.addMethod("OPTIONS", events);
        api.getRoot().addMethod("GET", pages);
        api.getRoot().addResource("{proxy+}").addMethod("GET", pages);
        MethodOptions apiAuth = MethodOptions.builder()
                .authorizationType(
                        config.dashboardAuth() == InfraConfig.DashboardAuth.IAM
                                ? AuthorizationType.IAM
                                : AuthorizationType.NONE)
                .build();
        api.getRoot().addResource("api").addResource("{proxy+}").addMethod("GET", pages, apiAuth);
        return api.getUrl();
    }
}
