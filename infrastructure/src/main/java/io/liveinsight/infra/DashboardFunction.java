package io.liveinsight.infra;

import io.liveinsight.event.contract.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The dashboard Lambda ({@code dashboard-api}): the page at {@code /} and the GET routes under {@code /api}. Read-only
 * on the three tables of events and sessions and their indexes, on the Stats table by key only (a query of one
 * bucket, or one item: docs/contract/tables.md#writers-and-readers), and on the Sites table (the site picker and the
 * read tokens: docs/contract/sites.md#dashboard). With token auth a generated secret becomes its
 * {@code DASHBOARD_TOKEN} (resolved by CloudFormation at deploy time, never written into the template).
 */
public final class DashboardFunction extends Construct {

    /** The dashboard's handler for API Gateway proxy events (payload 1.0; the HTTP API integration uses 1.0 too). */
    public static final String HANDLER = "io.liveinsight.dashboard.handler.DashboardHandler::handleRequest";

    public static final String ASSET = "dashboard-api.jar";
    static final int MEMORY_MB = 1024;
    static final Duration TIMEOUT = Duration.seconds(10);
    static final List<String> READ_ACTIONS = List.of(
            "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan");
    /** The registry: a site by id, the list of sites (a scan of a small table), never a write. */
    static final List<String> SITES_READ_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan");
    /** Rollups are read by key: never a scan. */
    static final List<String> STATS_READ_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:Query");

    private final JavaFunction parts;
    private final Secret token;

    public DashboardFunction(Construct scope, String id, InfraConfig config, TablesConstruct tables) {
        super(scope, id);
        Map<String, String> environment = new TreeMap<>();
        environment.put("EVENTS_TABLE_NAME", tables.events().getTableName());
        environment.put("SESSIONS_TABLE_NAME", tables.sessions().getTableName());
        environment.put("ACTIVE_SESSIONS_TABLE_NAME", tables.activeSessions().getTableName());
        environment.put("STATS_TABLE_NAME", tables.stats().getTableName());
        environment.put(IngestFunction.SITES_TABLE_VARIABLE, tables.sites().getTableName());
        if (config.dashboardAuth() == InfraConfig.DashboardAuth.TOKEN) {
            this.token = Secret.Builder.create(this, "Token")
                    .secretName(config.name("DashboardToken"))
                    .description("Bearer token of the LiveInsight dashboard API (/api/*)")
                    .generateSecretString(SecretStringGenerator.builder()
                            .passwordLength(40)
                            .excludePunctuation(true)
                            .build())
                    .build();
            environment.put("DASHBOARD_TOKEN", token.getSecretValue().unsafeUnwrap());
        } else {
            this.token = null;
        }
        this.parts = new JavaFunction(
                this,
                "Lambda",
                config,
                new JavaFunction.Spec(
                        config.name("Dashboard"),
                        HANDLER,
                        config.asset(ASSET),
                        MEMORY_MB,
                        TIMEOUT,
                        false,
                        environment));
        List<String> resources = new ArrayList<>();
        for (Table table : List.of(tables.events(), tables.sessions(), tables.activeSessions())) {
            resources.add(table.getTableArn());
        }
        resources.add(tables.events().getTableArn() + "/index/*");
        resources.add(tables.sessions().getTableArn() + "/index/*");
        // a site's live view: its active sessions' keys (docs/contract/sites.md#dashboard)
        resources.add(tables.activeSessions().getTableArn() + "/index/" + Tables.SITE_INDEX);
        parts.role()
                .addToPolicy(PolicyStatement.Builder.create()
                        .actions(READ_ACTIONS)
                        .resources(resources)
                        .build());
        parts.role()
                .addToPolicy(PolicyStatement.Builder.create()
                        .actions(STATS_READ_ACTIONS)
                        .resources(List.of(tables.stats().getTableArn()))
                        .build());
        parts.role()
                .addToPolicy(PolicyStatement.Builder.create()
                        .actions(SITES_READ_ACTIONS)
                        .resources(List.of(tables.sites().getTableArn()))
                        .build());
    }

    public Function function() {
        return parts.function();
    }

    public JavaFunction parts() {
        return parts;
    }

    /** The generated token's secret, or null with IAM auth. */
    public Secret token() {
        return token;
    }
}
