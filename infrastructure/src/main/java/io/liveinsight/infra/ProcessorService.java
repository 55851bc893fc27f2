package io.liveinsight.infra;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.applicationautoscaling.AdjustmentType;
import software.amazon.awscdk.services.applicationautoscaling.BasicStepScalingPolicyProps;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.applicationautoscaling.ScalingInterval;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The stream processor as a KCL 3 application on ECS Fargate: tasks in public subnets (no NAT gateway to pay for,
 * no inbound rule), scaled on CPU and on the stream's iterator age, rolled back by the deployment circuit breaker.
 */
public final class ProcessorService extends Construct {

    public static final String ASSET = "processor";
    static final int CPU = 1024;
    static final int MEMORY_MB = 2048;
    static final int TARGET_CPU_PERCENT = 60;
    /** Iterator age steps (ms): below 10 s shed a task, above 1 min add one, above 5 min add two. */
    static final int SCALE_IN_BELOW_MS = 10_000;
    /** The consumer's health server, inside the task only (HEALTH_HOST stays 127.0.0.1). */
    static final int HEALTH_PORT = 8081;
    /**
     * ECS's container health check: {@code GET /health/live} (200 while the consumer loop runs), not {@code /health},
     * so an outage of Kinesis or DynamoDB, which the consumer rides out, does not get every task replaced. Plain bash,
     * as the image has no curl.
     */
    static final String HEALTH_COMMAND = "bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + HEALTH_PORT
            + " && printf \"GET /health/live HTTP/1.0\\r\\n\\r\\n\" >&3 && head -n 1 <&3 | grep -q \" 200 \"'";

    static final int SCALE_OUT_ABOVE_MS = 60_000;
    static final int SCALE_OUT_FAST_ABOVE_MS = 300_000;

    private final Role taskRole;
    private final FargateService service;

    public ProcessorService(
            Construct scope, String id, InfraConfig config, StreamConstruct streams, TablesConstruct tables) {
        super(scope, id);
        if (!Files.isDirectory(config.asset(ASSET).resolve("lib"))) {
            throw new IllegalStateException(
                    "missing processor bundle " + config.asset(ASSET).toAbsolutePath()
                            + ": build it first (./mvnw -B install -DskipTests from the repository root)");
        }
        String applicationName = Processor.applicationName(config);
        Vpc vpc = Vpc.Builder.create(this, "Vpc")
                .vpcName(config.name("Processor"))
                .maxAzs(2)
                .natGateways(0)
                .restrictDefaultSecurityGroup(false)
                .subnetConfiguration(List.of(SubnetConfiguration.builder()
                        .name("public")
                        .subnetType(SubnetType.PUBLIC)
                        .build()))
                .build();
        Cluster cluster = Cluster.Builder.create(this, "Cluster")
                .clusterName(config.name("Processor"))
                .vpc(vpc)
                .build();
        this.taskRole = Role.Builder.create(this, "TaskRole")
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .description("LiveInsight stream processor (KCL): least privilege")
                .build();
        ProcessorPermissions.grantPipeline(taskRole, tables, streams.deadLetters());
        ProcessorPermissions.grantKcl(taskRole, Stack.of(this), applicationName, streams.events());
        ProcessorPermissions.grantHealthProbe(taskRole, tables);
        Map<String, String> environment = new TreeMap<>(Processor.environment(config, streams));
        environment.put("AWS_REGION", Stack.of(this).getRegion());
        environment.put("HEALTH_PORT", Integer.toString(HEALTH_PORT));
        // The same threshold as the Processor-StuckShard alarm: /health turns 503 when the alarm's metric passes it.
        environment.put("STUCK_SHARD_AFTER_MS", Integer.toString(config.stuckShardAfterMs()));
        FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, "Task")
                .family(config.name("Processor"))
                .cpu(CPU)
                .memoryLimitMiB(MEMORY_MB)
                .taskRole(taskRole)
                .runtimePlatform(RuntimePlatform.builder()
                        .cpuArchitecture(CpuArchitecture.X86_64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX)
                        .build())
                .build();
        LogGroup logGroup = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/ecs/" + config.name("Processor"))
                .retention(config.isProd() ? RetentionDays.ONE_MONTH : RetentionDays.ONE_WEEK)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        task.addContainer(
                "Kcl",
                ContainerDefinitionOptions.builder()
                        .containerName("processor")
                        .image(ContainerImage.fromAsset(config.asset(ASSET).toString()))
                        .environment(environment)
                        // KCL's graceful shutdown (leases handed over) takes up to 25 s after SIGTERM.
                        .stopTimeout(Duration.seconds(40))
                        .healthCheck(HealthCheck.builder()
                                .command(List.of("CMD-SHELL", HEALTH_COMMAND))
                                .interval(Duration.seconds(30))
                                .timeout(Duration.seconds(5))
                                .retries(3)
                                .startPeriod(Duration.seconds(60))
                                .build())
                        .logging(LogDrivers.awsLogs(AwsLogDriverProps.builder()
                                .logGroup(logGroup)
                                .streamPrefix("kcl")
                                .build()))
                        .build());
        this.service = FargateService.Builder.create(this, "Service")
                .serviceName(config.name("Processor"))
                .cluster(cluster)
                .taskDefinition(task)
                .desiredCount(config.processorMinTasks())
                .assignPublicIp(true)
                .vpcSubnets(
                        SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                .circuitBreaker(
                        DeploymentCircuitBreaker.builder().rollback(true).build())
                .build();
        ScalableTaskCount scaling = service.autoScaleTaskCount(EnableScalingProps.builder()
                .minCapacity(config.processorMinTasks())
                .maxCapacity(config.processorMaxTasks())
                .build());
        scaling.scaleOnCpuUtilization(
                "Cpu",
                CpuUtilizationScalingProps.builder()
                        .targetUtilizationPercent(TARGET_CPU_PERCENT)
                        .build());
        scaling.scaleOnMetric(
                "IteratorAge",
                BasicStepScalingPolicyProps.builder()
                        .metric(Metrics.iteratorAge(streams.events()))
                        .adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
                        .scalingSteps(List.of(
                                ScalingInterval.builder()
                                        .upper(SCALE_IN_BELOW_MS)
                                        .change(-1)
                                        .build(),
                                ScalingInterval.builder()
                                        .lower(SCALE_OUT_ABOVE_MS)
                                        .change(1)
                                        .build(),
                                ScalingInterval.builder()
                                        .lower(SCALE_OUT_FAST_ABOVE_MS)
                                        .change(2)
                                        .build()))
                        .build());
    }

    public Role taskRole() {
        return taskRole;
    }
}
