package io.liveinsight.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.archive.ArchiveLayout;
import io.liveinsight.infra.TemplateView.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The archive (docs/contract/archive.md#layout): a Firehose delivery stream from the events stream to a private,
 * encrypted bucket, gzip NDJSON under the contract's partitions, with a role that can do nothing else.
 */
class ArchiveTest {

    private static final String DELIVERY_STREAM = "AWS::KinesisFirehose::DeliveryStream";

    private final Template dev = Synth.dev().template();
    private final TemplateView view = new TemplateView(dev);

    @Test
    void deliveryStream_readsTheEventsStream_andWritesGzipNdjsonUnderTheContractsPartitions() {
        String stream = view.id("AWS::Kinesis::Stream", "Name", "dev-LiveInsight-Events");
        String bucket = bucket(view);
        String role = role(view);
        String logGroup =
                view.id("AWS::Logs::LogGroup", "LogGroupName", "/aws/kinesisfirehose/dev-LiveInsight-Archive");
        Map<String, Object> properties =
                view.properties(view.id(DELIVERY_STREAM, "DeliveryStreamName", "dev-LiveInsight-Archive"));

        assertThat(properties.get("DeliveryStreamType")).isEqualTo("KinesisStreamAsSource");
        assertThat(TemplateView.render(properties.get("KinesisStreamSourceConfiguration")))
                .isEqualTo("{KinesisStreamARN=${" + stream + ".Arn}, RoleARN=${" + role + ".Arn}}");
        @SuppressWarnings("unchecked")
        Map<String, Object> s3 = (Map<String, Object>) properties.get("ExtendedS3DestinationConfiguration");
        assertThat(TemplateView.render(s3.get("BucketARN"))).isEqualTo("${" + bucket + ".Arn}");
        assertThat(TemplateView.render(s3.get("RoleARN"))).isEqualTo("${" + role + ".Arn}");
        assertThat(s3.get("CompressionFormat")).isEqualTo("GZIP");
        assertThat(s3.get("Prefix"))
                .isEqualTo(ArchiveLayout.FIREHOSE_PREFIX)
                .isEqualTo("dt=!{timestamp:yyyy-MM-dd}/hour=!{timestamp:HH}/");
        assertThat(s3.get("ErrorOutputPrefix")).isEqualTo(ArchiveLayout.FIREHOSE_ERROR_PREFIX);
        assertThat(s3.get("FileExtension")).isEqualTo(".ndjson.gz").isEqualTo(ArchiveLayout.FILE_SUFFIX);
        assertThat(s3.get("BufferingHints")).isEqualTo(Map.of("IntervalInSeconds", 300, "SizeInMBs", 5));
        assertThat(s3.get("ProcessingConfiguration"))
                .as("a newline after each record, nothing else done to it")
                .isEqualTo(Map.of(
                        "Enabled",
                        true,
                        "Processors",
                        List.of(Map.of("Type", "AppendDelimiterToRecord", "Parameters", List.of()))));
        assertThat(TemplateView.render(s3.get("CloudWatchLoggingOptions")))
                .isEqualTo(
                        "{Enabled=true, LogGroupName=${" + logGroup + "}, LogStreamName=${" + logStream(view) + "}}");
        assertThat(s3).doesNotContainKeys("EncryptionConfiguration", "DataFormatConversionConfiguration");
        assertThat(view.properties(logGroup)).containsEntry("RetentionInDays", 7);
        assertThat(view.resources().get(logStream(view))).containsEntry("DeletionPolicy", "Delete");
    }

    @Test
    void deliveryStream_waitsForItsRolesPolicy() {
        String deliveryStream = view.id(DELIVERY_STREAM, "DeliveryStreamName", "dev-LiveInsight-Archive");
        String policy = policy(view);
        assertThat(view.resources().get(deliveryStream).get("DependsOn"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .contains(policy);
    }

    @Test
    void buffering_followsTheSettings() {
        TemplateView prod = new TemplateView(Synth.prod().template());
        Map<String, Object> properties =
                prod.properties(prod.id(DELIVERY_STREAM, "DeliveryStreamName", "prod-LiveInsight-Archive"));
        assertThat(TemplateView.render(properties.get("ExtendedS3DestinationConfiguration")))
                .contains("BufferingHints={IntervalInSeconds=600, SizeInMBs=64}");
    }

    @Test
    void bucket_isEncryptedPrivateRetained_andUnversioned() {
        String bucket = bucket(view);
        Map<String, Object> properties = view.properties(bucket);

        assertThat(TemplateView.render(properties.get("BucketEncryption")))
                .isEqualTo(
                        "{ServerSideEncryptionConfiguration=[{ServerSideEncryptionByDefault={SSEAlgorithm=AES256}}]}");
        assertThat(properties.get("PublicAccessBlockConfiguration"))
                .isEqualTo(Map.of(
                        "BlockPublicAcls", true,
                        "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true,
                        "RestrictPublicBuckets", true));
        assertThat(TemplateView.render(properties.get("OwnershipControls")))
                .isEqualTo("{Rules=[{ObjectOwnership=BucketOwnerEnforced}]}");
        assertThat(properties).doesNotContainKeys("VersioningConfiguration", "BucketName");
        assertThat(view.resources().get(bucket))
                .containsEntry("DeletionPolicy", "Retain")
                .containsEntry("UpdateReplacePolicy", "Retain");
    }

    @Test
    void bucketPolicy_refusesAnythingButTls12() {
        String bucket = bucket(view);
        List<String> policies = view.ids("AWS::S3::BucketPolicy");
        assertThat(policies).hasSize(1);
        Map<String, Object> policy = view.properties(policies.get(0));
        assertThat(policy.get("Bucket")).isEqualTo(Map.of("Ref", bucket));
        String statements = TemplateView.render(policy.get("PolicyDocument"));
        assertThat(statements)
                .contains("Condition={Bool={aws:SecureTransport=false}}, Effect=Deny, Principal={AWS=*}")
                .contains("Condition={NumericLessThan={s3:TlsVersion=1.2}}, Effect=Deny, Principal={AWS=*}")
                .contains("Resource=[${" + bucket + ".Arn}, ${" + bucket + ".Arn}/*]")
                .doesNotContain("Effect=Allow");
    }

    @Test
    void lifecycle_movesToInfrequentAccessThenGlacierInstantRetrieval_andNeverExpires_byDefault() {
        assertThat(TemplateView.render(view.properties(bucket(view)).get("LifecycleConfiguration")))
                .isEqualTo("{Rules=[{AbortIncompleteMultipartUpload={DaysAfterInitiation=7},"
                        + " Id=archive-storage-classes, Status=Enabled,"
                        + " Transitions=[{StorageClass=STANDARD_IA, TransitionInDays=30},"
                        + " {StorageClass=GLACIER_IR, TransitionInDays=90}]}]}");
    }

    @Test
    void lifecycle_followsTheSettings_andExpiresWhenAsked() {
        TemplateView prod = new TemplateView(Synth.prod().template());
        assertThat(TemplateView.render(prod.properties(bucket(prod)).get("LifecycleConfiguration")))
                .isEqualTo("{Rules=[{AbortIncompleteMultipartUpload={DaysAfterInitiation=7},"
                        + " ExpirationInDays=730, Id=archive-storage-classes, Status=Enabled,"
                        + " Transitions=[{StorageClass=STANDARD_IA, TransitionInDays=45},"
                        + " {StorageClass=GLACIER_IR, TransitionInDays=120}]}]}");
        assertThat(prod.properties(prod.id(
                        "AWS::Logs::LogGroup", "LogGroupName", "/aws/kinesisfirehose/prod-LiveInsight-Archive")))
                .containsEntry("RetentionInDays", 30);
    }

    @Test
    void role_isFirehosesOfThisAccountOnly() {
        assertThat(TemplateView.render(view.properties(role(view)).get("AssumeRolePolicyDocument")))
                .isEqualTo("{Statement=[{Action=sts:AssumeRole,"
                        + " Condition={StringEquals={sts:ExternalId=${AWS::AccountId}}}, Effect=Allow,"
                        + " Principal={Service=firehose.amazonaws.com}}], Version=2012-10-17}");
        assertThat(view.properties(role(view))).doesNotContainKeys("ManagedPolicyArns", "Policies");
    }

    @Test
    void role_readsOnlyTheEventsStream_writesOnlyTheBucketsObjects_andItsOwnLogStream() {
        String bucket = "${" + bucket(view) + ".Arn}";
        String logStream = "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${"
                + view.id("AWS::Logs::LogGroup", "LogGroupName", "/aws/kinesisfirehose/dev-LiveInsight-Archive")
                + "}:log-stream:${" + logStream(view) + "}";

        assertThat(view.statements(role(view)))
                .containsExactly(
                        allow(
                                "kinesis:DescribeStream,kinesis:DescribeStreamSummary,kinesis:GetRecords,"
                                        + "kinesis:GetShardIterator,kinesis:ListShards",
                                IamPolicyTest.stream(view, "dev-LiveInsight-Events")),
                        allow("s3:GetBucketLocation,s3:ListBucket,s3:ListBucketMultipartUploads", bucket),
                        allow("s3:AbortMultipartUpload,s3:PutObject", bucket + "/*"),
                        allow("logs:PutLogEvents", logStream));
        assertThat(view.ids("AWS::IAM::Policy"))
                .as("the CDK's own grants added no second policy to the role")
                .filteredOn(id ->
                        TemplateView.render(view.properties(id).get("Roles")).contains(role(view)))
                .containsExactly(policy(view));
    }

    @Test
    void nothingElse_mayReadOrWriteTheArchiveBucket() {
        String bucket = bucket(view);
        List<Statement> onBucket = view.allStatements().stream()
                .filter(s -> s.resources().stream().anyMatch(r -> r.contains(bucket)))
                .toList();
        assertThat(onBucket).hasSize(2).allSatisfy(s -> assertThat(s.actions())
                .noneMatch(a -> a.contains("Get*") || a.equals("s3:GetObject") || a.startsWith("s3:Delete")));
        assertThat(view.statements(role(view))).containsAll(onBucket);
    }

    @Test
    void offSwitch_removesTheBucketTheDeliveryStreamItsRoleLogsAlarmAndOutputs() {
        TemplateView off = new TemplateView(Synth.variant().template());
        assertThat(Synth.variant().config().archive().enabled()).isFalse();

        assertThat(off.ids(DELIVERY_STREAM)).isEmpty();
        assertThat(off.ids("AWS::S3::Bucket")).isEmpty();
        assertThat(off.ids("AWS::S3::BucketPolicy")).isEmpty();
        assertThat(off.ids("AWS::Logs::LogStream")).isEmpty();
        assertThat(off.ids("AWS::Logs::LogGroup"))
                .extracting(id -> (String) off.properties(id).get("LogGroupName"))
                .noneMatch(name -> name.contains("kinesisfirehose"));
        assertThat(off.ids("AWS::IAM::Role"))
                .extracting(id -> TemplateView.render(off.properties(id).get("AssumeRolePolicyDocument")))
                .noneMatch(trust -> trust.contains("firehose"));
        assertThat(off.ids("AWS::CloudWatch::Alarm"))
                .extracting(id -> String.valueOf(off.properties(id).get("AlarmName")))
                .noneMatch(name -> name.contains("Archive"));
        assertThat(off.outputs()).doesNotContainKeys("ArchiveBucketName", "ArchiveDeliveryStreamName");
        assertThat(TemplateView.render(
                        off.properties(off.ids("AWS::CloudWatch::Dashboard").get(0))
                                .get("DashboardBody")))
                .doesNotContain("Archive", "Firehose");
        // and on by default, with one of each
        assertThat(view.ids(DELIVERY_STREAM)).hasSize(1);
        assertThat(view.ids("AWS::S3::Bucket")).hasSize(1);
    }

    @Test
    void freshnessAlarm_watchesDeliveryToS3_overTheBufferIntervalPlusTenMinutes() {
        String topic = view.id("AWS::SNS::Topic", "TopicName", "dev-LiveInsight-Alarms");
        String deliveryStream = view.id(DELIVERY_STREAM, "DeliveryStreamName", "dev-LiveInsight-Archive");
        dev.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.ofEntries(
                        Map.entry("AlarmName", "dev-LiveInsight-Archive-DataFreshness"),
                        Map.entry("Namespace", "AWS/Firehose"),
                        Map.entry("MetricName", "DeliveryToS3.DataFreshness"),
                        Map.entry(
                                "Dimensions",
                                List.of(Map.of("Name", "DeliveryStreamName", "Value", Map.of("Ref", deliveryStream)))),
                        Map.entry("Statistic", "Maximum"),
                        Map.entry("Period", 300),
                        Map.entry("Threshold", 900),
                        Map.entry("ComparisonOperator", "GreaterThanOrEqualToThreshold"),
                        Map.entry("EvaluationPeriods", 1),
                        Map.entry("TreatMissingData", "notBreaching"),
                        Map.entry("AlarmActions", List.of(Map.of("Ref", topic))),
                        Map.entry("OKActions", List.of(Map.of("Ref", topic)))));
        Synth.prod()
                .template()
                .hasResourceProperties(
                        "AWS::CloudWatch::Alarm",
                        Map.of("AlarmName", "prod-LiveInsight-Archive-DataFreshness", "Threshold", 1200));
    }

    @Test
    void opsDashboard_showsTheArchivesFreshness() {
        String body = TemplateView.render(
                view.properties(view.id("AWS::CloudWatch::Dashboard", "DashboardName", "dev-LiveInsight"))
                        .get("DashboardBody"));
        assertThat(body).contains("Archive: age of the oldest record not yet in S3 (s)", "DeliveryToS3.DataFreshness");
    }

    static String bucket(TemplateView view) {
        List<String> buckets = view.ids("AWS::S3::Bucket");
        assertThat(buckets).hasSize(1);
        return buckets.get(0);
    }

    private static String role(TemplateView view) {
        return view.id(
                "AWS::IAM::Role",
                "Description",
                "LiveInsight archive (Firehose): reads the events stream, writes the archive bucket");
    }

    private static String policy(TemplateView view) {
        return view.ids("AWS::IAM::Policy").stream()
                .filter(id -> view.properties(id).get("Roles").equals(List.of(Map.of("Ref", role(view)))))
                .findFirst()
                .orElseThrow();
    }

    private static String logStream(TemplateView view) {
        List<String> streams = view.ids("AWS::Logs::LogStream");
        assertThat(streams).hasSize(1);
        return streams.get(0);
    }

    private static Statement allow(String actions, String... resources) {
        return new Statement("Allow", List.of(actions.split(",")), List.of(resources), null);
    }
}
