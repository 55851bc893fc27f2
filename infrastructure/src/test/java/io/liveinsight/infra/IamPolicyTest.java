package io.liveinsight.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.infra.TemplateView.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each role holds exactly its statements: named actions on named resources, {@code *} only where AWS has no ARN. */
class IamPolicyTest {

    private static final String LOGS = "logs:CreateLogStream,logs:PutLogEvents";

    private final TemplateView dev = new TemplateView(Synth.dev().template());
    private final TemplateView variant = new TemplateView(Synth.variant().template());

    @Test
    void ingestRole_putsRecordsOnItsStream_readsKeyAndSiteItems_andUpdatesLeaseItemsOnly() {
        String role = role(dev, "dev-LiveInsight-Ingest");
        String sites = table(dev, "dev-LiveInsight-Sites");

        assertThat(dev.statements(role))
                .containsExactly(
                        allow(
                                LOGS,
                                arn(dev, "AWS::Logs::LogGroup", "LogGroupName", "/aws/lambda/dev-LiveInsight-Ingest")),
                        allow("kinesis:PutRecord,kinesis:PutRecords", stream(dev, "dev-LiveInsight-Events")),
                        new Statement(
                                "Allow",
                                List.of("dynamodb:GetItem"),
                                List.of(sites),
                                "{ForAllValues:StringLike={dynamodb:LeadingKeys=[key#*, site#*]}}"),
                        new Statement(
                                "Allow",
                                List.of("dynamodb:UpdateItem"),
                                List.of(sites),
                                "{ForAllValues:StringLike={dynamodb:LeadingKeys=[lease#*]}}"));
    }

    @Test
    void sitesTable_isWrittenByNoRoleButTheEdgesLeases_andScannedByTheDashboardOnly() {
        for (TemplateView view :
                List.of(dev, variant, new TemplateView(Synth.prod().template()))) {
            String stage = view == dev || view == variant ? "dev" : "prod";
            String sites = table(view, stage + "-LiveInsight-Sites");
            List<Statement> onSites = view.allStatements().stream()
                    .filter(s -> s.resources().stream().anyMatch(r -> r.startsWith(sites)))
                    .toList();

            assertThat(onSites)
                    .flatExtracting(Statement::actions)
                    .containsOnly("dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:UpdateItem");
            assertThat(onSites)
                    .filteredOn(s -> s.actions().contains("dynamodb:UpdateItem"))
                    .singleElement()
                    .satisfies(s -> assertThat(s.condition()).contains("dynamodb:LeadingKeys=[lease#*]"));
            assertThat(onSites)
                    .filteredOn(s -> s.actions().contains("dynamodb:Scan"))
                    .singleElement()
                    .satisfies(s -> assertThat(s.actions())
                            .containsExactly("dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"));
            assertThat(onSites).allSatisfy(s -> assertThat(s.resources()).containsExactly(sites));
        }
    }

    @Test
    void dashboardRole_readsTheThreeTablesAndTheirIndexes_statsByKeyOnly_andTheSites() {
        String role = role(dev, "dev-LiveInsight-Dashboard");
        String events = table(dev, "dev-LiveInsight-Events");
        String sessions = table(dev, "dev-LiveInsight-Sessions");

        assertThat(dev.statements(role))
                .containsExactly(
                        allow(
                                LOGS,
                                arn(
                                        dev,
                                        "AWS::Logs::LogGroup",
                                        "LogGroupName",
                                        "/aws/lambda/dev-LiveInsight-Dashboard")),
                        allow(
                                "dynamodb:BatchGetItem,dynamodb:DescribeTable,dynamodb:GetItem,dynamodb:Query,dynamodb:Scan",
                                events,
                                sessions,
                                table(dev, "dev-LiveInsight-ActiveSessions"),
                                events + "/index/*",
                                sessions + "/index/*",
                                table(dev, "dev-LiveInsight-ActiveSessions") + "/index/SiteIndex"),
                        allow("dynamodb:GetItem,dynamodb:Query", table(dev, "dev-LiveInsight-Stats")),
                        allow("dynamodb:GetItem,dynamodb:Query,dynamodb:Scan", table(dev, "dev-LiveInsight-Sites")));
    }

    @Test
    void statsTable_isNeverScannedNorDeleted_andWrittenByTheProcessorOnly() {
        for (TemplateView view :
                List.of(dev, variant, new TemplateView(Synth.prod().template()))) {
            String stage = view == dev || view == variant ? "dev" : "prod";
            String stats = table(view, stage + "-LiveInsight-Stats");
            List<Statement> onStats = view.allStatements().stream()
                    .filter(s -> s.resources().stream().anyMatch(r -> r.startsWith(stats)))
                    .toList();

            assertThat(onStats)
                    .flatExtracting(Statement::actions)
                    .containsOnly("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query");
            assertThat(onStats)
                    .filteredOn(s -> s.actions().contains("dynamodb:PutItem"))
                    .singleElement()
                    .satisfies(s -> assertThat(s.resources()).containsExactly(stats));
        }
    }

    @Test
    void processorTaskRole_writesTheTablesItsLeaseTablesDeadLettersAndLiveInsightMetricsOnly() {
        String role = dev.id("AWS::IAM::Role", "Description", "LiveInsight stream processor (KCL): least privilege");
        String lease =
                "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/dev-LiveInsight-StreamProcessor";

        assertThat(dev.statements(role))
                .containsExactlyElementsOf(concat(
                        pipeline(dev, "dev"),
                        List.of(
                                allow(
                                        "dynamodb:CreateTable,dynamodb:DeleteItem,dynamodb:DescribeTable,dynamodb:GetItem,"
                                                + "dynamodb:PutItem,dynamodb:Query,dynamodb:Scan,dynamodb:UpdateItem,"
                                                + "dynamodb:UpdateTable",
                                        lease,
                                        lease + "/index/*",
                                        lease + "-WorkerMetricStats",
                                        lease + "-CoordinatorState"),
                                allow(
                                        "kinesis:DescribeStream,kinesis:DescribeStreamSummary,kinesis:GetRecords,"
                                                + "kinesis:GetShardIterator,kinesis:ListShards",
                                        stream(dev, "dev-LiveInsight-Events")),
                                // GET /health's probe of DynamoDB
                                allow("dynamodb:DescribeTable", table(dev, "dev-LiveInsight-Events")))));
    }

    @Test
    void processorFunctionRole_hasThePipelineAndTheEventSourceReadsOnly() {
        String role = role(variant, "dev-LiveInsight-StreamProcessor");
        String events = stream(variant, "dev-LiveInsight-Events");

        assertThat(variant.statements(role))
                .containsExactlyElementsOf(concat(
                        List.of(allow(
                                LOGS,
                                arn(
                                        variant,
                                        "AWS::Logs::LogGroup",
                                        "LogGroupName",
                                        "/aws/lambda/dev-LiveInsight-StreamProcessor"))),
                        pipeline(variant, "dev"),
                        List.of(allow(
                                "kinesis:DescribeStream,kinesis:DescribeStreamSummary,kinesis:GetRecords,"
                                        + "kinesis:GetShardIterator,kinesis:ListShards",
                                events))));
    }

    @Test
    void noStatementUsesAStarResource_butTheTwoActionsThatHaveNoResourceType() {
        for (TemplateView view :
                List.of(dev, variant, new TemplateView(Synth.prod().template()))) {
            assertThat(view.allStatements())
                    .filteredOn(s -> s.resources().contains("*"))
                    .extracting(Statement::actions)
                    .allSatisfy(actions ->
                            assertThat(actions).isSubsetOf("cloudwatch:PutMetricData", "ecr:GetAuthorizationToken"));
            assertThat(view.allStatements()).extracting(Statement::effect).containsOnly("Allow");
            assertThat(view.allStatements())
                    .flatExtracting(Statement::actions)
                    .noneMatch(action -> action.contains("*"));
        }
    }

    @Test
    void putMetricData_isLimitedToTheLiveInsightNamespace() {
        assertThat(dev.allStatements())
                .filteredOn(s -> s.actions().contains("cloudwatch:PutMetricData"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.actions()).containsExactly("cloudwatch:PutMetricData");
                    assertThat(s.condition()).isEqualTo("{StringEquals={cloudwatch:namespace=LiveInsight}}");
                });
    }

    @Test
    void rolesCarryNoManagedPolicies() {
        for (TemplateView view : List.of(dev, variant)) {
            for (String role : view.ids("AWS::IAM::Role")) {
                assertThat(view.properties(role)).doesNotContainKey("ManagedPolicyArns");
            }
        }
    }

    private static List<Statement> pipeline(TemplateView view, String stage) {
        return List.of(
                allow("dynamodb:PutItem,dynamodb:Query", table(view, stage + "-LiveInsight-Events")),
                allow(
                        "dynamodb:BatchGetItem,dynamodb:DeleteItem,dynamodb:GetItem,dynamodb:PutItem",
                        table(view, stage + "-LiveInsight-Sessions")),
                allow("dynamodb:DeleteItem,dynamodb:PutItem", table(view, stage + "-LiveInsight-ActiveSessions")),
                allow("dynamodb:GetItem,dynamodb:PutItem,dynamodb:Query", table(view, stage + "-LiveInsight-Stats")),
                allow("kinesis:PutRecord,kinesis:PutRecords", stream(view, stage + "-LiveInsight-DeadLetters")),
                new Statement(
                        "Allow",
                        List.of("cloudwatch:PutMetricData"),
                        List.of("*"),
                        "{StringEquals={cloudwatch:namespace=LiveInsight}}"));
    }

    static String role(TemplateView view, String functionName) {
        String function = view.id("AWS::Lambda::Function", "FunctionName", functionName);
        return ((java.util.Map<?, ?>) view.properties(function).get("Role"))
                .get("Fn::GetAtt")
                .toString()
                .replaceAll("^\\[(\\w+), Arn]$", "$1");
    }

    static String table(TemplateView view, String name) {
        return arn(view, "AWS::DynamoDB::Table", "TableName", name);
    }

    static String stream(TemplateView view, String name) {
        return arn(view, "AWS::Kinesis::Stream", "Name", name);
    }

    static String arn(TemplateView view, String type, String property, String value) {
        return "${" + view.id(type, property, value) + ".Arn}";
    }

    private static Statement allow(String actions, String... resources) {
        return new Statement("Allow", List.of(actions.split(",")), List.of(resources), null);
    }

    @SafeVarargs
    private static List<Statement> concat(List<Statement>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }
}
