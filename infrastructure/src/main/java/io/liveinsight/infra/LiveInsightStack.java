package io.liveinsight.infra;

import io.liveinsight.event.contract.Defaults;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/**
 * The whole LiveInsight deployment of one stage. Outputs keep the original Terraform names (CloudFormation output
 * keys cannot hold underscores, so each key is the name in camel case and its description starts with the name).
 */
public final class LiveInsightStack extends Stack {

    /** What synth says when the default site is on (docs/contract/sites.md#the-default-site). */
    static final String DEFAULT_SITE_WARNING = "defaultSite=on: requests without a site key are accepted as site"
            + " \"default\" (today's behaviour, no key needed); turn it off once every page sends its site's key";

    public LiveInsightStack(Construct scope, InfraConfig config, StackProps props) {
        super(scope, config.prefix(), props);
        Tags.of(this).add("app", Defaults.APP_NAME);
        Tags.of(this).add("stage", config.stage().id());

        StreamConstruct streams = new StreamConstruct(this, "Streams", config);
        TablesConstruct tables = new TablesConstruct(this, "Tables", config);
        IngestFunction ingest = new IngestFunction(this, "Ingest", config, streams.events(), tables.sites());
        if (config.defaultSite()) {
            Annotations.of(this).addWarningV2("liveinsight:defaultSite", DEFAULT_SITE_WARNING);
        }
        DashboardFunction dashboard = new DashboardFunction(this, "Dashboard", config, tables);
        PublicApi api = new PublicApi(this, "Api", config, ingest.alias(), dashboard.function());

        Function processorFunction = null;
        if (config.processor() == InfraConfig.ProcessorMode.FARGATE) {
            new ProcessorService(this, "Processor", config, streams, tables);
        } else {
            processorFunction = new ProcessorFunction(this, "Processor", config, streams, tables).function();
        }
        Archive archive = config.archive().enabled() ? new Archive(this, "Archive", config, streams.events()) : null;
        Alarms.Watched watched = new Alarms.Watched(ingest.function(), processorFunction, streams, tables, archive);
        Alarms alarms = new Alarms(this, "Alarms", config, watched);
        OpsDashboard ops = new OpsDashboard(this, "Ops", config, watched, alarms);

        output("ApiGatewayUrl", "api_gateway_url: POST events to <url>events", api.url());
        output("EventsTableName", "events_table_name", tables.events().getTableName());
        output("SessionsTableName", "sessions_table_name", tables.sessions().getTableName());
        output(
                "ActiveSessionsTableName",
                "active_sessions_table_name",
                tables.activeSessions().getTableName());
        output("StatsTableName", "stats_table_name", tables.stats().getTableName());
        output(
                "SitesTableName",
                "sites_table_name: the registry of sites (bin/site --aws --stage "
                        + config.stage().id() + ")",
                tables.sites().getTableName());
        output("StreamName", "stream_name", streams.events().getStreamName());
        output("DashboardUrl", "dashboard_url: the live dashboard page", api.url());
        output(
                "IngestFunctionName",
                "ingest_function_name: roll back with its alias 'live'",
                ingest.function().getFunctionName());
        output(
                "DeadLetterStreamName",
                "dead_letter_stream_name",
                streams.deadLetters().getStreamName());
        output(
                "AlarmTopicArn",
                "alarm_topic_arn: subscribe to get alarms",
                alarms.topic().getTopicArn());
        output(
                "CloudWatchDashboardUrl",
                "cloudwatch_dashboard_url",
                "https://console.aws.amazon.com/cloudwatch/home?region=" + getRegion() + "#dashboards:name="
                        + ops.dashboard().getDashboardName());
        if (archive != null) {
            output(
                    "ArchiveBucketName",
                    "archive_bucket_name: the archive of the events stream (dt=YYYY-MM-DD/hour=HH/*.ndjson.gz)",
                    archive.bucket().getBucketName());
            output(
                    "ArchiveDeliveryStreamName",
                    "archive_delivery_stream_name: the Firehose delivery stream that writes the archive",
                    archive.deliveryStream().getDeliveryStreamName());
        }
        if (dashboard.token() != null) {
            output(
                    "DashboardTokenSecret",
                    "dashboard_token_secret: the bearer token of /api/*",
                    config.name("DashboardToken"));
        }
    }

    private void output(String key, String description, String value) {
        CfnOutput.Builder.create(this, key)
                .description(description)
                .value(value)
                .build();
    }
}
