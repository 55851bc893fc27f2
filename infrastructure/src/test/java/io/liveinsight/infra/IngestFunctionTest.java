package io.liveinsight.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.replay.ReplayKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The ingest Lambda: java21, the ingest-api jar, SnapStart on a published version behind the {@code live} alias. */
class IngestFunctionTest {

    private final Template dev = Synth.dev().template();
    private final TemplateView view = new TemplateView(dev);

    @Test
    void ingest_isAJava21SnapStartFunction_ofTheIngestApiJar() {
        dev.hasResourceProperties(
                "AWS::Lambda::Function",
                Map.of(
                        "FunctionName",
                        "dev-LiveInsight-Ingest",
                        "Runtime",
                        "java21",
                        "Handler",
                        "io.liveinsight.ingest.handler.HttpApiIngestHandler::handleRequest",
                        "MemorySize",
                        1024,
                        "Timeout",
                        10,
                        "SnapStart",
                        Map.of("ApplyOn", "PublishedVersions"),
                        "Code",
                        Map.of("S3Bucket", Match.anyValue(), "S3Key", Match.stringLikeRegexp(".*\\.jar"))));
        String function = view.id("AWS::Lambda::Function", "FunctionName", "dev-LiveInsight-Ingest");
        // The S3 key is the asset's hash; the assembly stages the file as asset.<hash>.jar.
        String key = (String) ((Map<?, ?>) view.properties(function).get("Code")).get("S3Key");
        Path staged = Path.of(Synth.dev().assembly().getDirectory(), "asset." + key);
        assertThat(staged)
                .as("the code is the ingest-api Lambda jar")
                .hasSameBinaryContentAs(Path.of(InfraConfig.DEFAULT_ASSETS_DIR, IngestFunction.ASSET));
    }

    @Test
    void ingest_isServedByTheLiveAlias_ofItsPublishedVersion() {
        String function = view.id("AWS::Lambda::Function", "FunctionName", "dev-LiveInsight-Ingest");
        String version = view.ids("AWS::Lambda::Version").stream()
                .filter(id -> Map.of("Ref", function).equals(view.properties(id).get("FunctionName")))
                .findFirst()
                .orElseThrow();
        dev.hasResourceProperties(
                "AWS::Lambda::Alias",
                Map.of(
                        "Name", "live",
                        "FunctionName", Map.of("Ref", function),
                        "FunctionVersion", Map.of("Fn::GetAtt", List.of(version, "Version"))));
    }

    @Test
    void ingest_environment_namesTheStreamTheOriginsTheBudgetAndTheStage() {
        Map<String, Object> variables = variables(view, "dev-LiveInsight-Ingest");
        assertThat(variables)
                .containsEntry(
                        "STREAM_NAME", Map.of("Ref", view.id("AWS::Kinesis::Stream", "Name", "dev-LiveInsight-Events")))
                .containsEntry("ALLOWED_ORIGINS", "")
                .containsEntry("PUBLISH_BUDGET_MS", "3000")
                .containsEntry("STAGE", "dev")
                .containsEntry(
                        "SITES_TABLE_NAME",
                        Map.of("Ref", view.id("AWS::DynamoDB::Table", "TableName", "dev-LiveInsight-Sites")))
                .containsEntry("DEFAULT_SITE", "off");
        TemplateView prod = new TemplateView(Synth.prod().template());
        assertThat(variables(prod, "prod-LiveInsight-Ingest"))
                .containsEntry("ALLOWED_ORIGINS", "https://shop.example.com,https://*.example.org")
                .containsEntry("STAGE", "prod");
    }

    @Test
    void replayKey_isUnsetByDefault_soTheReplayLaneIsOff() {
        assertThat(variables(view, "dev-LiveInsight-Ingest")).doesNotContainKey(IngestFunction.REPLAY_KEY_VARIABLE);
        assertThat(variables(new TemplateView(Synth.variant().template()), "dev-LiveInsight-Ingest"))
                .doesNotContainKey("REPLAY_KEY_SHA256");
    }

    @Test
    void replayKey_whenSet_isTheKeysSha256InLowerCase_whichTheEdgeMatchesAgainstTheKey() {
        TemplateView prod = new TemplateView(Synth.prod().template());
        Object hash = variables(prod, "prod-LiveInsight-Ingest").get("REPLAY_KEY_SHA256");

        assertThat(hash).isEqualTo(Synth.REPLAY_KEY_SHA256);
        ReplayKey edge = ReplayKey.fromSha256Hex((String) hash);
        assertThat(edge.matches(Synth.REPLAY_KEY)).isTrue();
        assertThat(edge.matches(Synth.REPLAY_KEY + " ")).isFalse();
        assertThat(TemplateView.render(prod.resources()))
                .as("the key itself is nowhere in the template")
                .doesNotContain(Synth.REPLAY_KEY);
        assertThat(variables(prod, "prod-LiveInsight-Dashboard")).doesNotContainKey("REPLAY_KEY_SHA256");
    }

    @Test
    void defaultSite_isOffByDefault_andOnWithTheSetting_withASynthWarning() {
        assertThat(Annotations.fromStack(Synth.dev().stack())
                        .findWarning("*", Match.stringLikeRegexp(".*defaultSite=on.*")))
                .isEmpty();
        TemplateView prod = new TemplateView(Synth.prod().template());
        assertThat(variables(prod, "prod-LiveInsight-Ingest")).containsEntry("DEFAULT_SITE", "on");
        Annotations.fromStack(Synth.prod().stack())
                .hasWarning(
                        "/prod-LiveInsight",
                        Match.stringLikeRegexp(".*defaultSite=on: requests without a site key are accepted as site"
                                + " \"default\".*"));
    }

    @Test
    void memoryAndRestHandler_followTheSettings() {
        Synth.variant()
                .template()
                .hasResourceProperties(
                        "AWS::Lambda::Function",
                        Map.of(
                                "FunctionName",
                                "dev-LiveInsight-Ingest",
                                "MemorySize",
                                2048,
                                "Handler",
                                "io.liveinsight.ingest.handler.IngestHandler::handleRequest",
                                "SnapStart",
                                Map.of("ApplyOn", "PublishedVersions")));
    }

    @Test
    void dashboard_isAJava21FunctionOfTheDashboardJar_withTheTableNamesAndAResolvedToken() {
        dev.hasResourceProperties(
                "AWS::Lambda::Function",
                Map.of(
                        "FunctionName", "dev-LiveInsight-Dashboard",
                        "Runtime", "java21",
                        "Handler", DashboardFunction.HANDLER));
        Map<String, Object> variables = variables(view, "dev-LiveInsight-Dashboard");
        assertThat(variables.get("EVENTS_TABLE_NAME"))
                .isEqualTo(Map.of("Ref", view.id("AWS::DynamoDB::Table", "TableName", "dev-LiveInsight-Events")));
        assertThat(variables.get("SESSIONS_TABLE_NAME"))
                .isEqualTo(Map.of("Ref", view.id("AWS::DynamoDB::Table", "TableName", "dev-LiveInsight-Sessions")));
        assertThat(variables.get("ACTIVE_SESSIONS_TABLE_NAME"))
                .isEqualTo(
                        Map.of("Ref", view.id("AWS::DynamoDB::Table", "TableName", "dev-LiveInsight-ActiveSessions")));
        assertThat(variables.get("STATS_TABLE_NAME"))
                .isEqualTo(Map.of("Ref", view.id("AWS::DynamoDB::Table", "TableName", "dev-LiveInsight-Stats")));
        assertThat(variables.get("SITES_TABLE_NAME"))
                .isEqualTo(Map.of("Ref", view.id("AWS::DynamoDB::Table", "TableName", "dev-LiveInsight-Sites")));
        assertThat(variables).doesNotContainKey("DEFAULT_SITE");
        String secret = view.id("AWS::SecretsManager::Secret", "Name", "dev-LiveInsight-DashboardToken");
        assertThat(TemplateView.render(variables.get("DASHBOARD_TOKEN")))
                .as("a CloudFormation dynamic reference: the token is never in the template")
                .isEqualTo("{{resolve:secretsmanager:${" + secret + "}:SecretString:::}}");
    }

    @Test
    void dashboardWithIamAuth_hasNoToken() {
        TemplateView prod = new TemplateView(Synth.prod().template());
        assertThat(variables(prod, "prod-LiveInsight-Dashboard")).doesNotContainKey("DASHBOARD_TOKEN");
        assertThat(prod.ids("AWS::SecretsManager::Secret")).isEmpty();
    }

    @Test
    void everyFunction_logsToItsOwnLogGroup_withRetention() {
        for (String function : view.ids("AWS::Lambda::Function")) {
            String name = (String) view.properties(function).get("FunctionName");
            String logGroup = view.id("AWS::Logs::LogGroup", "LogGroupName", "/aws/lambda/" + name);
            assertThat(view.properties(function).get("LoggingConfig"))
                    .isEqualTo(Map.of("LogGroup", Map.of("Ref", logGroup)));
            assertThat(view.properties(logGroup)).containsEntry("RetentionInDays", 7);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> variables(TemplateView view, String functionName) {
        String function = view.id("AWS::Lambda::Function", "FunctionName", functionName);
        return (Map<String, Object>) ((Map<?, ?>) view.properties(function).get("Environment")).get("Variables");
    }
}
