package io.liveinsight.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The KCL application on Fargate (default), and the Lambda event source mapping as the alternative. */
class ProcessorTest {

    private final Template dev = Synth.dev().template();
    private final TemplateView view = new TemplateView(dev);

    @Test
    void fargateTask_runsTheProcessorImage_withItsEnvironment() {
        String task = view.ids("AWS::ECS::TaskDefinition").get(0);
        Map<String, Object> props = view.properties(task);
        assertThat(props)
                .containsEntry("Cpu", "1024")
                .containsEntry("Memory", "2048")
                .containsEntry("RequiresCompatibilities", List.of("FARGATE"))
                .containsEntry("NetworkMode", "awsvpc");
        Map<?, ?> container = (Map<?, ?>) ((List<?>) props.get("ContainerDefinitions")).get(0);
        assertThat(TemplateView.render(container.get("Image"))).contains("container-assets");
        assertThat(container.get("StopTimeout"))
                .as("time for KCL to hand its leases over")
                .isEqualTo(40);
        assertThat(TemplateView.render(container.get("Environment")))
                .contains("{Name=STREAM_NAME, Value=${"
                        + view.id("AWS::Kinesis::Stream", "Name", "dev-LiveInsight-Events") + "}}")
                .contains("{Name=DEAD_LETTER_STREAM, Value=${"
                        + view.id("AWS::Kinesis::Stream", "Name", "dev-LiveInsight-DeadLetters") + "}}")
                .contains("{Name=TABLE_PREFIX, Value=dev-LiveInsight}")
                .contains("{Name=STAGE, Value=dev}")
                .contains("{Name=KCL_APPLICATION_NAME, Value=dev-LiveInsight-StreamProcessor}")
                .contains("{Name=AWS_REGION, Value=${AWS::Region}}")
                .contains("{Name=HEALTH_PORT, Value=8081}")
                .as("the Processor-StuckShard alarm's threshold")
                .contains("{Name=STUCK_SHARD_AFTER_MS, Value=60000}");
        assertThat(TemplateView.render(container.get("HealthCheck")))
                .as("liveness only: a Kinesis or DynamoDB outage must not get every task replaced")
                .contains("GET /health/live")
                .contains("/dev/tcp/127.0.0.1/8081")
                .contains("StartPeriod=60");
        String taskRole =
                view.id("AWS::IAM::Role", "Description", "LiveInsight stream processor (KCL): least privilege");
        assertThat(props.get("TaskRoleArn")).isEqualTo(Map.of("Fn::GetAtt", List.of(taskRole, "Arn")));
    }

    @Test
    void fargateService_startsAtTheMinimum_withACircuitBreakerThatRollsBack() {
        dev.hasResourceProperties(
                "AWS::ECS::Service",
                Map.of(
                        "ServiceName",
                        "dev-LiveInsight-Processor",
                        "LaunchType",
                        "FARGATE",
                        "DesiredCount",
                        1,
                        "DeploymentConfiguration",
                        Match.objectLike(
                                Map.of("DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true)))));
    }

    @Test
    void fargateService_scalesOnCpu_andOnIteratorAge() {
        Template prod = Synth.prod().template();
        prod.hasResourceProperties(
                "AWS::ApplicationAutoScaling::ScalableTarget",
                Map.of("ServiceNamespace", "ecs", "MinCapacity", 2, "MaxCapacity", 6));
        prod.hasResourceProperties(
                "AWS::ApplicationAutoScaling::ScalingPolicy",
                Map.of(
                        "PolicyType",
                        "TargetTrackingScaling",
                        "TargetTrackingScalingPolicyConfiguration",
                        Map.of(
                                "PredefinedMetricSpecification",
                                Map.of("PredefinedMetricType", "ECSServiceAverageCPUUtilization"),
                                "TargetValue",
                                60)));
        // Step scaling on the stream's iterator age: one alarm above 60 s (+1, +2 above 300 s), one below 10 s (-1).
        prod.hasResourceProperties(
                "AWS::ApplicationAutoScaling::ScalingPolicy",
                Map.of(
                        "PolicyType",
                        "StepScaling",
                        "StepScalingPolicyConfiguration",
                        Match.objectLike(Map.of(
                                "AdjustmentType",
                                "ChangeInCapacity",
                                "StepAdjustments",
                                List.of(
                                        Map.of(
                                                "MetricIntervalLowerBound",
                                                0,
                                                "MetricIntervalUpperBound",
                                                240000,
                                                "ScalingAdjustment",
                                                1),
                                        Map.of("MetricIntervalLowerBound", 240000, "ScalingAdjustment", 2))))));
        prod.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "Namespace", "AWS/Kinesis",
                        "MetricName", "GetRecords.IteratorAgeMilliseconds",
                        "Threshold", 60000,
                        "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                        "AlarmActions",
                                List.of(Match.objectLike(Map.of("Ref", Match.stringLikeRegexp(".*UpperPolicy.*"))))));
        prod.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "MetricName", "GetRecords.IteratorAgeMilliseconds",
                        "Threshold", 10000,
                        "ComparisonOperator", "LessThanOrEqualToThreshold"));
    }

    @Test
    void lambdaMode_mapsTheStreamWithBatchItemFailuresAndBisect_andRunsNoFargate() {
        Template variant = Synth.variant().template();
        TemplateView variantView = new TemplateView(variant);
        String function = variantView.id("AWS::Lambda::Function", "FunctionName", "dev-LiveInsight-StreamProcessor");
        assertThat(variantView.properties(function))
                .containsEntry("Handler", "io.liveinsight.processor.handler.KinesisEventHandler::handleRequest")
                .containsEntry("Runtime", "java21");
        variant.hasResourceProperties(
                "AWS::Lambda::EventSourceMapping",
                Map.of(
                        "FunctionName",
                        Map.of("Ref", function),
                        "EventSourceArn",
                        Map.of(
                                "Fn::GetAtt",
                                List.of(
                                        variantView.id("AWS::Kinesis::Stream", "Name", "dev-LiveInsight-Events"),
                                        "Arn")),
                        "FunctionResponseTypes",
                        List.of("ReportBatchItemFailures"),
                        "BisectBatchOnFunctionError",
                        true,
                        "StartingPosition",
                        "TRIM_HORIZON",
                        "BatchSize",
                        500,
                        "MaximumRetryAttempts",
                        10000));
        assertThat(IngestFunctionTest.variables(variantView, "dev-LiveInsight-StreamProcessor"))
                .containsEntry("TABLE_PREFIX", "dev-LiveInsight")
                .containsEntry("STAGE", "dev")
                .containsKeys("STREAM_NAME", "DEAD_LETTER_STREAM");
        String mapping = variantView.ids("AWS::Lambda::EventSourceMapping").get(0);
        assertThat(variantView.properties(mapping))
                .as("records never age out of the mapping: a failing batch waits, it is not skipped")
                .doesNotContainKey("MaximumRecordAgeInSeconds")
                .doesNotContainKey("DestinationConfig");
        variant.resourceCountIs("AWS::ECS::Service", 0);
        variant.resourceCountIs("AWS::EC2::VPC", 0);
        dev.resourceCountIs("AWS::Lambda::EventSourceMapping", 0);
    }
}
