package io.liveinsight.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The original deployment's outputs (CloudFormation keys cannot hold underscores: the description starts with it). */
class OutputsTest {

    private final TemplateView dev = new TemplateView(Synth.dev().template());

    @Test
    void everyOutput_ofTheOriginal_isThere() {
        String api = dev.ids("AWS::ApiGatewayV2::Api").get(0);
        String url = "https://${" + api + "}.execute-api.${AWS::Region}.${AWS::URLSuffix}/";
        assertOutput("ApiGatewayUrl", "api_gateway_url", url);
        assertOutput(
                "EventsTableName",
                "events_table_name",
                ref("AWS::DynamoDB::Table", "TableName", "dev-LiveInsight-Events"));
        assertOutput(
                "SessionsTableName",
                "sessions_table_name",
                ref("AWS::DynamoDB::Table", "TableName", "dev-LiveInsight-Sessions"));
        assertOutput(
                "ActiveSessionsTableName",
                "active_sessions_table_name",
                ref("AWS::DynamoDB::Table", "TableName", "dev-LiveInsight-ActiveSessions"));
        assertOutput(
                "StatsTableName",
                "stats_table_name",
                ref("AWS::DynamoDB::Table", "TableName", "dev-LiveInsight-Stats"));
        assertOutput(
                "SitesTableName",
                "sites_table_name",
                ref("AWS::DynamoDB::Table", "TableName", "dev-LiveInsight-Sites"));
        assertOutput("StreamName", "stream_name", ref("AWS::Kinesis::Stream", "Name", "dev-LiveInsight-Events"));
        assertOutput("DashboardUrl", "dashboard_url", url);
    }

    @Test
    void operatorOutputs_forRollbackAlarmsAndTheToken() {
        assertOutput(
                "IngestFunctionName",
                "ingest_function_name",
                ref("AWS::Lambda::Function", "FunctionName", "dev-LiveInsight-Ingest"));
        assertOutput("AlarmTopicArn", "alarm_topic_arn", ref("AWS::SNS::Topic", "TopicName", "dev-LiveInsight-Alarms"));
        assertOutput(
                "DeadLetterStreamName",
                "dead_letter_stream_name",
                ref("AWS::Kinesis::Stream", "Name", "dev-LiveInsight-DeadLetters"));
        assertThat(TemplateView.render(dev.outputs().get("DashboardTokenSecret").get("Value")))
                .isEqualTo("dev-LiveInsight-DashboardToken");
    }

    @Test
    void archiveOutputs_nameTheBucketAndTheDeliveryStream_whenTheArchiveIsOn() {
        assertOutput("ArchiveBucketName", "archive_bucket_name", "${" + ArchiveTest.bucket(dev) + "}");
        assertOutput(
                "ArchiveDeliveryStreamName",
                "archive_delivery_stream_name",
                ref("AWS::KinesisFirehose::DeliveryStream", "DeliveryStreamName", "dev-LiveInsight-Archive"));
        assertThat(new TemplateView(Synth.variant().template()).outputs())
                .doesNotContainKeys("ArchiveBucketName", "ArchiveDeliveryStreamName");
    }

    @Test
    void restApiUrl_includesTheStage() {
        TemplateView variant = new TemplateView(Synth.variant().template());
        String api = variant.ids("AWS::ApiGateway::RestApi").get(0);
        assertThat(TemplateView.render(variant.outputs().get("ApiGatewayUrl").get("Value")))
                .startsWith("https://${" + api + "}.execute-api.${AWS::Region}.${AWS::URLSuffix}/")
                .endsWith("/");
    }

    private void assertOutput(String key, String originalName, String value) {
        Map<String, Object> output = dev.outputs().get(key);
        assertThat(output).as(key).isNotNull();
        assertThat((String) output.get("Description")).startsWith(originalName);
        assertThat(TemplateView.render(output.get("Value"))).isEqualTo(value);
    }

    private String ref(String type, String property, String value) {
        return "${" + dev.id(type, property, value) + "}";
    }
}
