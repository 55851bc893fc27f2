package io.liveinsight.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.contract.MetricNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The alarms of docs/contract/metrics.md#alarms, each acting on the SNS topic; the CloudWatch dashboard. */
class AlarmsTest {

    static final List<String> ALARMS = List.of(
            "Lambda-ErrorRate",
            "Lambda-Duration",
            "DynamoDB-Throttles-Events",
            "DynamoDB-Throttles-Sessions",
            "DynamoDB-Throttles-ActiveSessions",
            "DynamoDB-Throttles-Stats",
            "DynamoDB-Throttles-Sites",
            "Stream-IteratorAge",
            "Processor-MillisBehindLatest",
            "Processor-StuckShard",
            "DeadLetters",
            "KinesisPutFailures",
            "Archive-DataFreshness");

    private final Template dev = Synth.dev().template();
    private final TemplateView view = new TemplateView(dev);

    /** A consumer that stops reporting its lag is not a fine one: those alarms treat missing data as breaching. */
    static final List<String> BREACHING_WHEN_MISSING = List.of("Stream-IteratorAge", "Processor-MillisBehindLatest");

    @Test
    void everyAlarm_existsByStageName_andNotifiesTheTopic() {
        String topic = view.id("AWS::SNS::Topic", "TopicName", "dev-LiveInsight-Alarms");
        for (String alarm : ALARMS) {
            String id = view.id("AWS::CloudWatch::Alarm", "AlarmName", "dev-LiveInsight-" + alarm);
            assertThat(view.properties(id))
                    .as(alarm)
                    .containsEntry("AlarmActions", List.of(Map.of("Ref", topic)))
                    .containsEntry("OKActions", List.of(Map.of("Ref", topic)))
                    .containsEntry(
                            "TreatMissingData", BREACHING_WHEN_MISSING.contains(alarm) ? "breaching" : "notBreaching");
        }
    }

    @Test
    void lagAlarms_whenTheConsumerStopsReporting_areBreaching() {
        for (String alarm : BREACHING_WHEN_MISSING) {
            dev.hasResourceProperties(
                    "AWS::CloudWatch::Alarm",
                    Map.of(
                            "AlarmName",
                            "dev-LiveInsight-" + alarm,
                            "Threshold",
                            60000,
                            "TreatMissingData",
                            "breaching"));
        }
        Template lambda = Synth.variant().template();
        lambda.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "AlarmName", "dev-LiveInsight-Stream-IteratorAge",
                        "MetricName", "GetRecords.IteratorAgeMilliseconds",
                        "TreatMissingData", "breaching"));
        lambda.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "AlarmName", "dev-LiveInsight-Processor-MillisBehindLatest",
                        "Namespace", "AWS/Lambda",
                        "TreatMissingData", "notBreaching"));
    }

    @Test
    void stuckShard_isTheOldestUnstoredBatchAgeOverTheThreshold_ofThisStage() {
        String topic = view.id("AWS::SNS::Topic", "TopicName", "dev-LiveInsight-Alarms");
        dev.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.ofEntries(
                        Map.entry("AlarmName", "dev-LiveInsight-Processor-StuckShard"),
                        Map.entry("Namespace", "LiveInsight"),
                        Map.entry("MetricName", "OldestUnstoredBatchAge"),
                        Map.entry("Dimensions", List.of(Map.of("Name", "Stage", "Value", "dev"))),
                        Map.entry("Statistic", "Maximum"),
                        Map.entry("Period", 60),
                        Map.entry("Threshold", 60000),
                        Map.entry("ComparisonOperator", "GreaterThanOrEqualToThreshold"),
                        Map.entry("EvaluationPeriods", 1),
                        Map.entry("TreatMissingData", "notBreaching"),
                        Map.entry("AlarmActions", List.of(Map.of("Ref", topic)))));
        Synth.prod()
                .template()
                .hasResourceProperties(
                        "AWS::CloudWatch::Alarm",
                        Map.of(
                                "AlarmName",
                                "prod-LiveInsight-Processor-StuckShard",
                                "Dimensions",
                                List.of(Map.of("Name", "Stage", "Value", "prod")),
                                "Threshold",
                                120000));
    }

    @Test
    void everyNamedAlarm_hasAnAction_andTheOnlyOthersAreTheScalingAlarms() {
        for (String id : view.ids("AWS::CloudWatch::Alarm")) {
            Map<String, Object> props = view.properties(id);
            assertThat(props.get("AlarmActions")).as(id).asList().isNotEmpty();
            if (!props.containsKey("AlarmName")) {
                assertThat(TemplateView.render(props.get("AlarmActions"))).contains("IteratorAge");
            }
        }
        assertThat(view.ids("AWS::CloudWatch::Alarm")).hasSize(ALARMS.size() + 2);
    }

    @Test
    void errorRate_isErrorsOverInvocationsOfTheIngestFunction() {
        String alarm = view.id("AWS::CloudWatch::Alarm", "AlarmName", "dev-LiveInsight-Lambda-ErrorRate");
        String metrics = TemplateView.render(view.properties(alarm).get("Metrics"));
        String function = view.id("AWS::Lambda::Function", "FunctionName", "dev-LiveInsight-Ingest");
        assertThat(metrics)
                .contains("Expression=IF(invocations > 0, 100 * errors / invocations, 0)")
                .contains("MetricName=Errors")
                .contains("MetricName=Invocations")
                .contains("Value=${" + function + "}");
        assertThat(view.properties(alarm)).containsEntry("Threshold", 1);
    }

    @Test
    void duration_isTheIngestP99() {
        dev.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "AlarmName", "dev-LiveInsight-Lambda-Duration",
                        "MetricName", "Duration",
                        "Namespace", "AWS/Lambda",
                        "ExtendedStatistic", "p99",
                        "Threshold", 2000));
    }

    @Test
    void throttles_areReadPlusWriteThrottleEvents_perTable() {
        for (String table : List.of("Events", "Sessions", "ActiveSessions", "Stats", "Sites")) {
            String alarm =
                    view.id("AWS::CloudWatch::Alarm", "AlarmName", "dev-LiveInsight-DynamoDB-Throttles-" + table);
            String tableId = view.id("AWS::DynamoDB::Table", "TableName", "dev-LiveInsight-" + table);
            assertThat(TemplateView.render(view.properties(alarm).get("Metrics")))
                    .contains("Expression=reads + writes")
                    .contains("MetricName=ReadThrottleEvents")
                    .contains("MetricName=WriteThrottleEvents")
                    .contains("Value=${" + tableId + "}");
        }
    }

    @Test
    void pipelineAlarms_watchTheRightMetrics() {
        dev.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "AlarmName", "dev-LiveInsight-Processor-MillisBehindLatest",
                        "Namespace", "LiveInsight",
                        "MetricName", "MillisBehindLatest",
                        "Dimensions", List.of(Map.of("Name", "Stage", "Value", "dev")),
                        "Statistic", "Maximum",
                        "Threshold", 60000));
        dev.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "AlarmName",
                        "dev-LiveInsight-DeadLetters",
                        "Namespace",
                        "AWS/Kinesis",
                        "MetricName",
                        "IncomingRecords",
                        "Dimensions",
                        List.of(Map.of(
                                "Name",
                                "StreamName",
                                "Value",
                                Map.of("Ref", view.id("AWS::Kinesis::Stream", "Name", "dev-LiveInsight-DeadLetters")))),
                        "Threshold",
                        1));
        dev.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "AlarmName",
                        "dev-LiveInsight-KinesisPutFailures",
                        "Namespace",
                        "LiveInsight",
                        "MetricName",
                        "KinesisPutFailures",
                        "Dimensions",
                        List.of(
                                Map.of("Name", "Service", "Value", "ingest-api"),
                                Map.of("Name", "Stage", "Value", "dev"))));
        dev.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "AlarmName", "dev-LiveInsight-Stream-IteratorAge",
                        "Namespace", "AWS/Kinesis",
                        "MetricName", "GetRecords.IteratorAgeMilliseconds"));
    }

    /** Was a gap: with no stage on the custom metrics, dev and prod in one account and region shared alarms. */
    @Test
    void everyAlarmOnTheLiveInsightNamespace_ofEveryDeployment_watchesOnlyItsOwnStage() {
        Map<String, List<String>> watchingByDeployment = new HashMap<>();
        for (String deployment : List.of("dev", "prod", "variant")) {
            Synth.Synthesized synthesized = deployments().get(deployment);
            String stage = synthesized.config().stage().id();
            TemplateView template = new TemplateView(synthesized.template());
            List<String> watching = new ArrayList<>();
            for (String id : template.ids("AWS::CloudWatch::Alarm")) {
                Map<String, Object> alarm = template.properties(id);
                for (Map<String, Object> metric : liveInsightMetrics(alarm)) {
                    assertThat(metric.get("Dimensions"))
                            .as("%s of %s", alarm.get("AlarmName"), stage)
                            .asInstanceOf(InstanceOfAssertFactories.LIST)
                            .filteredOn(d -> ((Map<?, ?>) d).get("Name").equals("Stage"))
                            .containsExactly(Map.of("Name", "Stage", "Value", stage));
                    watching.add(((String) alarm.get("AlarmName")).substring(stage.length() + 1));
                }
            }
            watchingByDeployment.put(deployment, watching);
        }
        assertThat(watchingByDeployment.get("dev"))
                .containsExactlyInAnyOrder(
                        "LiveInsight-Processor-MillisBehindLatest",
                        "LiveInsight-Processor-StuckShard",
                        "LiveInsight-KinesisPutFailures");
        assertThat(watchingByDeployment.get("prod"))
                .containsExactlyInAnyOrder(
                        "LiveInsight-Processor-MillisBehindLatest",
                        "LiveInsight-Processor-StuckShard",
                        "LiveInsight-KinesisPutFailures");
        assertThat(watchingByDeployment.get("variant"))
                .as("the processor Lambda's lag is AWS/Lambda IteratorAge")
                .containsExactlyInAnyOrder("LiveInsight-Processor-StuckShard", "LiveInsight-KinesisPutFailures");
    }

    @Test
    void everyDashboardGraphOfTheLiveInsightNamespace_ofEveryDeployment_showsOnlyItsOwnStage() {
        Pattern liveInsightMetric = Pattern.compile("\\[\"LiveInsight\",((?:\"[^\"]*\",?)+)");
        Pattern quoted = Pattern.compile("\"([^\"]*)\"");
        for (String deployment : List.of("dev", "prod", "variant")) {
            Synth.Synthesized synthesized = deployments().get(deployment);
            String stage = synthesized.config().stage().id();
            TemplateView template = new TemplateView(synthesized.template());
            String dashboard = template.id("AWS::CloudWatch::Dashboard", "DashboardName", stage + "-LiveInsight");
            String body = TemplateView.render(template.properties(dashboard).get("DashboardBody"));
            List<String> names = new ArrayList<>();
            Matcher metric = liveInsightMetric.matcher(body);
            while (metric.find()) {
                List<String> parts = quoted.matcher(metric.group(1))
                        .results()
                        .map(m -> m.group(1))
                        .toList();
                Map<String, String> dimensions = new HashMap<>();
                for (int i = 1; i + 1 < parts.size(); i += 2) {
                    dimensions.put(parts.get(i), parts.get(i + 1));
                }
                assertThat(dimensions).as("%s on %s", parts.get(0), stage).containsEntry("Stage", stage);
                names.add(parts.get(0));
            }
            assertThat(names)
                    .as(stage)
                    .containsExactlyInAnyOrder(
                            "EventsAccepted",
                            "KinesisPutFailures",
                            "MillisBehindLatest",
                            "EventsProcessed",
                            "PoisonRecords",
                            "BatchesDeadLettered",
                            "OldestUnstoredBatchAge");
        }
    }

    private static Map<String, Synth.Synthesized> deployments() {
        return Map.of("dev", Synth.dev(), "prod", Synth.prod(), "variant", Synth.variant());
    }

    /** The metrics of an alarm in the LiveInsight namespace: its own, or those of its metric math. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> liveInsightMetrics(Map<String, Object> alarm) {
        List<Map<String, Object>> metrics = new ArrayList<>();
        if (MetricNames.NAMESPACE.equals(alarm.get("Namespace"))) {
            metrics.add(alarm);
        }
        for (Object query : (List<Object>) alarm.getOrDefault("Metrics", List.of())) {
            Object stat = ((Map<String, Object>) query).get("MetricStat");
            if (stat != null) {
                Map<String, Object> metric = (Map<String, Object>) ((Map<String, Object>) stat).get("Metric");
                if (MetricNames.NAMESPACE.equals(metric.get("Namespace"))) {
                    metrics.add(metric);
                }
            }
        }
        return metrics;
    }

    @Test
    void lambdaMode_watchesTheProcessorFunctionsIteratorAge() {
        Synth.variant()
                .template()
                .hasResourceProperties(
                        "AWS::CloudWatch::Alarm",
                        Map.of(
                                "AlarmName", "dev-LiveInsight-Processor-MillisBehindLatest",
                                "Namespace", "AWS/Lambda",
                                "MetricName", "IteratorAge",
                                "Dimensions", List.of(Match.objectLike(Map.of("Name", "FunctionName")))));
    }

    @Test
    void alarmEmail_subscribesToTheTopic() {
        Synth.prod()
                .template()
                .hasResourceProperties(
                        "AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "ops@example.com"));
        dev.resourceCountIs("AWS::SNS::Subscription", 0);
    }

    @Test
    void cloudWatchDashboard_showsThePipeline() {
        String dashboard = view.id("AWS::CloudWatch::Dashboard", "DashboardName", "dev-LiveInsight");
        String body = TemplateView.render(view.properties(dashboard).get("DashboardBody"));
        assertThat(body)
                .contains("Ingest requests and errors", "Iterator age", "Table write throttles", "Alarms")
                .contains("Oldest unstored batch", "OldestUnstoredBatchAge", "Processor-StuckShard")
                .contains("GetRecords.IteratorAgeMilliseconds", "EventsProcessed", "KinesisPutFailures");
        for (String table : List.of("Events", "Sessions", "ActiveSessions", "Stats", "Sites")) {
            assertThat(body)
                    .as("the tables' write and throttle graphs show " + table)
                    .contains("${" + view.id("AWS::DynamoDB::Table", "TableName", "dev-LiveInsight-" + table) + "}");
        }
    }
}
