package io.liveinsight.infra;

import io.liveinsight.event.contract.MetricNames;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kinesis.IStream;

/**
 * What the stream processor may do, whichever way it runs: write the four tables (only the calls it makes), put
 * poison records on the dead-letter stream, and put metrics in the {@code LiveInsight} namespace only.
 */
final class ProcessorPermissions {

    /** The ledger: a conditional put per event; a query by event id for events whose time the edge replaced. */
    static final List<String> EVENTS_ACTIONS = List.of("dynamodb:PutItem", "dynamodb:Query");
    /** Segments: read (one, or the open ones at once), put and delete, alone or in a TransactWriteItems. */
    static final List<String> SESSIONS_ACTIONS =
            List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:DeleteItem");

    static final List<String> ACTIVE_SESSIONS_ACTIONS = List.of("dynamodb:PutItem", "dynamodb:DeleteItem");
    /**
     * Rollups: a shard reads its items and puts them back on their revision; it may query a bucket. Never a scan or a
     * delete (TTL deletes; docs/contract/tables.md#writers-and-readers).
     */
    static final List<String> STATS_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query");

    static final List<String> DEAD_LETTER_ACTIONS = List.of("kinesis:PutRecord", "kinesis:PutRecords");
    /** KCL 3's lease, worker-metrics and coordinator-state tables, which it creates itself. */
    static final List<String> LEASE_ACTIONS = List.of(
            "dynamodb:CreateTable",
            "dynamodb:DescribeTable",
            "dynamodb:UpdateTable",
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:Scan",
            "dynamodb:Query");
    /** Polling reads of the events stream. */
    static final List<String> STREAM_READ_ACTIONS = List.of(
            "kinesis:DescribeStream",
            "kinesis:DescribeStreamSummary",
            "kinesis:ListShards",
            "kinesis:GetShardIterator",
            "kinesis:GetRecords");

    /** The health server's probe of DynamoDB ({@code GET /health}: DescribeTable of the Events table). */
    static final List<String> HEALTH_PROBE_ACTIONS = List.of("dynamodb:DescribeTable");

    private ProcessorPermissions() {}

    /** What the consumer's {@code GET /health} asks; its Kinesis probe (DescribeStreamSummary) is a stream read. */
    static void grantHealthProbe(IRole role, TablesConstruct tables) {
        role.addToPrincipalPolicy(
                statement(HEALTH_PROBE_ACTIONS, List.of(tables.events().getTableArn())));
    }

    /** The table, dead-letter and metrics statements shared by both processor modes. */
    static void grantPipeline(IRole role, TablesConstruct tables, IStream deadLetters) {
        role.addToPrincipalPolicy(
                statement(EVENTS_ACTIONS, List.of(tables.events().getTableArn())));
        role.addToPrincipalPolicy(
                statement(SESSIONS_ACTIONS, List.of(tables.sessions().getTableArn())));
        role.addToPrincipalPolicy(statement(
                ACTIVE_SESSIONS_ACTIONS, List.of(tables.activeSessions().getTableArn())));
        role.addToPrincipalPolicy(
                statement(STATS_ACTIONS, List.of(tables.stats().getTableArn())));
        role.addToPrincipalPolicy(statement(DEAD_LETTER_ACTIONS, List.of(deadLetters.getStreamArn())));
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("cloudwatch:PutMetricData"))
                // PutMetricData has no resource type: the namespace condition is what narrows it.
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace", MetricNames.NAMESPACE)))
                .build());
    }

    /** The KCL application's own tables and its reads of the events stream. */
    static void grantKcl(IRole role, Stack stack, String applicationName, IStream events) {
        List<String> tables = List.of(
                tableArn(stack, applicationName),
                tableArn(stack, applicationName) + "/index/*",
                tableArn(stack, applicationName + "-WorkerMetricStats"),
                tableArn(stack, applicationName + "-CoordinatorState"));
        role.addToPrincipalPolicy(statement(LEASE_ACTIONS, tables));
        grantStreamRead(role, events);
    }

    /** Polling reads of the events stream (KCL, or Lambda's event source mapping). */
    static void grantStreamRead(IRole role, IStream events) {
        role.addToPrincipalPolicy(statement(STREAM_READ_ACTIONS, List.of(events.getStreamArn())));
    }

    private static String tableArn(Stack stack, String table) {
        return "arn:" + stack.getPartition() + ":dynamodb:" + stack.getRegion() + ":" + stack.getAccount() + ":table/"
                + table;
    }

    private static PolicyStatement statement(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create()
                .actions(actions)
                .resources(resources)
                .build();
    }
}
