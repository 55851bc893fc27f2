package io.liveinsight.infra;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/**
 * The ingest Lambda ({@code ingest-api}): SnapStart on published versions, served through the {@code live} alias, so
 * a rollback is one alias update to the previous version. Its role may put records on the events stream, read the
 * Sites table's key and site items and update its lease items, nothing else there ({@code dynamodb:LeadingKeys}:
 * docs/contract/sites.md#registry). With {@code replayKeySha256} set it gets {@code REPLAY_KEY_SHA256}, which turns
 * the replay lane on (docs/contract/replay.md#lane); {@code DEFAULT_SITE} is {@code on} only with {@code defaultSite}.
 */
public final class IngestFunction extends Construct {

    public static final String HTTP_API_HANDLER = "io.liveinsight.ingest.handler.HttpApiIngestHandler::handleRequest";
    public static final String REST_API_HANDLER = "io.liveinsight.ingest.handler.IngestHandler::handleRequest";
    public static final String ASSET = "ingest-api.jar";
    public static final String ALIAS = "live";
    /** The replay key's SHA-256 (docs/contract/replay.md#lane); set only when configured: unset, the lane is off. */
    public static final String REPLAY_KEY_VARIABLE = "REPLAY_KEY_SHA256";
    /** The Sites table (docs/contract/sites.md#registry). */
    public static final String SITES_TABLE_VARIABLE = "SITES_TABLE_NAME";
    /** {@code on}: requests naming no site are the default site's (docs/contract/sites.md#the-default-site). */
    public static final String DEFAULT_SITE_VARIABLE = "DEFAULT_SITE";
    /** What the edge reads of the registry: a key item by its hash, then its site item. */
    static final List<String> SITES_READ_KEYS = List.of("key#*", "site#*");
    /** What the edge writes in the registry: the shared budgets' leases (docs/contract/sites.md#shared-budgets). */
    static final List<String> SITES_WRITE_KEYS = List.of("lease#*");
    /** Time a request may retry Kinesis before answering 503; the timeout leaves room above it. */
    static final int PUBLISH_BUDGET_MS = 3000;

    static final Duration TIMEOUT = Duration.seconds(10);

    private final JavaFunction parts;
    private final Alias alias;

    public IngestFunction(Construct scope, String id, InfraConfig config, IStream stream, ITable sites) {
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
        environment.put(SITES_TABLE_VARIABLE, sites.getTableName());
        environment.put(DEFAULT_SITE_VARIABLE, config.defaultSite() ? "on" : "off");
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
        parts.role().addToPolicy(leadingKeys("dynamodb:GetItem", sites, SITES_READ_KEYS));
        parts.role().addToPolicy(leadingKeys("dynamodb:UpdateItem", sites, SITES_WRITE_KEYS));
        // SnapStart applies to versions only: the alias below publishes one on every code change.
        Annotations.of(parts.function())
                .acknowledgeWarning(
                        "@aws-cdk/aws-lambda:snapStartRequirePublish", "served through the live alias of a version");
        this.alias = Alias.Builder.create(this, "Alias")
                .aliasName(ALIAS)
                .version(parts.function().getCurrentVersion())
                .build();
    }

    /** {@code action} on {@code table}, for items whose partition key matches one of {@code patterns} only. */
    private static PolicyStatement leadingKeys(String action, ITable table, List<String> patterns) {
        return PolicyStatement.Builder.create()
                .actions(List.of(action))
                .resources(List.of(table.getTableArn()))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", patterns)))
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
