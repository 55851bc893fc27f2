package io.liveinsight.infra;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/**
 * The ingest Lambda ({@code ingest-api}): SnapStart on published versions, served through the {@code live} alias, so
 * a rollback is one alias update to the previous version. Its role may only put records on the events stream. With
 * {@code replayKeySha256} set it gets {@code REPLAY_KEY_SHA256}, which turns the replay lane on
 * (docs/contract/replay.md#lane).
 */
public final class IngestFunction extends Construct {

    public static final String HTTP_API_HANDLER = "io.liveinsight.ingest.handler.HttpApiIngestHandler::handleRequest";
    public static final String REST_API_HANDLER = "io.liveinsight.ingest.handler.IngestHandler::handleRequest";
    public static final String ASSET = "ingest-api.jar";
    public static final String ALIAS = "live";
    /** The replay key's SHA-256 (docs/contract/replay.md#lane); set only when configured: unset, the lane is off. */
    public static final String REPLAY_KEY_VARIABLE = "REPLAY_KEY_SHA256";
    /** Time a request may retry Kinesis before answering 503; the timeout leaves room above it. */
    static final int PUBLISH_BUDGET_MS = 3000;

    static final Duration TIMEOUT = Duration.seconds(10);

    private final JavaFunction parts;
    private final Alias alias;

    public IngestFunction(Construct scope, String id, InfraConfig config, IStream stream) {
        super(scope, id);
        Map<String, String> environment = new TreeMap<>(Map.of(
                "STREAM_NAME",
                stream.getStreamName(),
                "ALLOWED_ORIGINS",
                String.join(",", config.allowedOrigins()),
                "PUBLISH_BUDGET_MS",
                Integer.toString(PUBLISH_BUDGET_MS),
                Metrics.STAGE_VARIABLE,
                config.stage().id()));
        if (config.hasReplayKey()) {
            environment.put(REPLAY_KEY_VARIABLE, config.replayKeySha256());
        }
        this.parts = new JavaFunction(
                this,
                "Lambda",
                config,
                new JavaFunction.Spec(
                        config.name("Ingest"),
                        config.api() == InfraConfig.ApiType.HTTP ? HTTP_API_HANDLER : REST_API_HANDLER,
                        config.asset(ASSET),
                        config.ingestMemoryMb(),
                        TIMEOUT,
                        true,
                        environment));
        parts.role()
                .addToPolicy(PolicyStatement.Builder.create()
                        .actions(List.of("kinesis:PutRecord", "kinesis:PutRecords"))
                        .resources(List.of(stream.getStreamArn()))
                        .build());
        // SnapStart applies to versions only: the alias below publishes one on every code change.
        Annotations.of(parts.function())
                .acknowledgeWarning(
                        "@aws-cdk/aws-lambda:snapStartRequirePublish", "served through the live alias of a version");
        this.alias = Alias.Builder.create(this, "Alias")
                .aliasName(ALIAS)
                .version(parts.function().getCurrentVersion())
                .build();
    }

    public Function function() {
        return parts.function();
    }

    public Alias alias() {
        return alias;
    }

    public JavaFunction parts() {
        return parts;
    }
}
