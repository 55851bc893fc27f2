package io.liveinsight.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * A java21 Lambda with its own role and log group. The role starts empty: no AWS managed policy (whose log
 * permissions are on {@code *}); it may write only to its own log group, and each caller adds what it needs.
 */
public final class JavaFunction extends Construct {

    /** Tiered compilation stopped at C1: the usual cold-start setting for short Java handlers. */
    static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    private final Role role;
    private final LogGroup logGroup;
    private final Function function;

    public record Spec(
            String functionName,
            String handler,
            Path asset,
            int memoryMb,
            Duration timeout,
            boolean snapStart,
            Map<String, String> environment) {}

    public JavaFunction(Construct scope, String id, InfraConfig config, Spec spec) {
        super(scope, id);
        if (!Files.exists(spec.asset())) {
            throw new IllegalStateException(
                    "missing Lambda asset " + spec.asset().toAbsolutePath()
                            + ": build it first (./mvnw -B install -DskipTests from the repository root)");
        }
        this.role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("LiveInsight " + spec.functionName() + ": least privilege")
                .build();
        this.logGroup = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/aws/lambda/" + spec.functionName())
                .retention(config.isProd() ? RetentionDays.ONE_MONTH : RetentionDays.ONE_WEEK)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        logGroup.grantWrite(role);
        Map<String, String> environment = new TreeMap<>(spec.environment());
        environment.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
        Function.Builder builder = Function.Builder.create(this, "Function")
                .functionName(spec.functionName())
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.X86_64)
                .handler(spec.handler())
                .code(Code.fromAsset(spec.asset().toString()))
                .memorySize(spec.memoryMb())
                .timeout(spec.timeout())
                .role(role)
                .logGroup(logGroup)
                .environment(environment);
        if (spec.snapStart()) {
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        this.function = builder.build();
    }

    public Role role() {
        return role;
    }

    public Function function() {
        return function;
    }

    public LogGroup logGroup() {
        return logGroup;
    }
}
