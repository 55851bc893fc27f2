package io.liveinsight.infra;

import io.liveinsight.event.archive.ArchiveLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.kinesisfirehose.AppendDelimiterToRecordProcessor;
import software.amazon.awscdk.services.kinesisfirehose.Compression;
import software.amazon.awscdk.services.kinesisfirehose.DeliveryStream;
import software.amazon.awscdk.services.kinesisfirehose.EnableLogging;
import software.amazon.awscdk.services.kinesisfirehose.KinesisStreamSource;
import software.amazon.awscdk.services.kinesisfirehose.S3Bucket;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogStream;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

/**
 * The archive of everything the events stream accepted (docs/contract/archive.md#layout): a Firehose delivery stream
 * reads the stream and writes gzip NDJSON, one stream record a line, under {@link ArchiveLayout#FIREHOSE_PREFIX} of a
 * private bucket.
 *
 * <p>The delivery stream's role is built here, statement by statement: the CDK's own grants would give the whole of
 * {@code grantRead} on the stream and {@code grantReadWrite} on the bucket (reads, deletes, {@code s3:List*}). The
 * construct gets the role without policy updates, so its grants add nothing, and the delivery stream waits for this
 * policy (Firehose checks its role when the stream is created).
 */
public final class Archive extends Construct {

    /** Firehose's reads of a source stream (it polls each shard once a second). */
    static final List<String> STREAM_ACTIONS = List.of(
            "kinesis:DescribeStream",
            "kinesis:DescribeStreamSummary",
            "kinesis:GetShardIterator",
            "kinesis:GetRecords",
            "kinesis:ListShards");

    static final List<String> BUCKET_ACTIONS =
            List.of("s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads");
    /** Writes only: the role can neither read nor delete what it archived. */
    static final List<String> OBJECT_ACTIONS = List.of("s3:PutObject", "s3:AbortMultipartUpload");

    static final List<String> LOG_ACTIONS = List.of("logs:PutLogEvents");
    /** The id under which the delivery stream adds its log stream to the log group it is given. */
    static final String LOG_STREAM_ID = "S3Destination";
    /** Multipart uploads Firehose left unfinished are removed after a week. */
    static final Duration ABORT_INCOMPLETE_UPLOADS = Duration.days(7);

    static final String FRESHNESS_METRIC = "DeliveryToS3.DataFreshness";

    private final ArchiveSettings settings;
    private final Bucket bucket;
    private final Role role;
    private final LogGroup logGroup;
    private final DeliveryStream deliveryStream;

    public Archive(Construct scope, String id, InfraConfig config, IStream events) {
        super(scope, id);
        this.settings = config.archive();
        this.bucket = bucket(settings);
        this.logGroup = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/aws/kinesisfirehose/" + config.name("Archive"))
                .retention(config.isProd() ? RetentionDays.ONE_MONTH : RetentionDays.ONE_WEEK)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Stack stack = Stack.of(this);
        this.role = Role.Builder.create(this, "Role")
                // Only Firehose on behalf of this account (the confused-deputy check AWS documents for Firehose).
                .assumedBy(new ServicePrincipal("firehose.amazonaws.com")
                        .withConditions(Map.of("StringEquals", Map.of("sts:ExternalId", stack.getAccount()))))
                .description("LiveInsight archive (Firehose): reads the events stream, writes the archive bucket")
                .build();
        S3Bucket destination = S3Bucket.Builder.create(bucket)
                .role(role.withoutPolicyUpdates())
                .compression(Compression.GZIP)
                .dataOutputPrefix(ArchiveLayout.FIREHOSE_PREFIX)
                .errorOutputPrefix(ArchiveLayout.FIREHOSE_ERROR_PREFIX)
                .fileExtension(ArchiveLayout.FILE_SUFFIX)
                .bufferingSize(Size.mebibytes(settings.bufferMb()))
                .bufferingInterval(Duration.seconds(settings.bufferSeconds()))
                // One stream record a line: Firehose would otherwise concatenate the records' JSON.
                .processors(List.of(new AppendDelimiterToRecordProcessor()))
                .loggingConfig(new EnableLogging(logGroup))
                .build();
        this.deliveryStream = DeliveryStream.Builder.create(this, "DeliveryStream")
                .deliveryStreamName(config.name("Archive"))
                .source(new KinesisStreamSource(events))
                .destination(destination)
                .role(role.withoutPolicyUpdates())
                .build();
        LogStream logStream = (LogStream) logGroup.getNode().findChild(LOG_STREAM_ID);
        // Goes with its log group (a log stream's default is to be retained).
        logStream.applyRemovalPolicy(RemovalPolicy.DESTROY);
        String logStreamArn = "arn:" + stack.getPartition() + ":logs:" + stack.getRegion() + ":" + stack.getAccount()
                + ":log-group:" + logGroup.getLogGroupName() + ":log-stream:" + logStream.getLogStreamName();
        Policy policy = Policy.Builder.create(this, "Policy")
                .roles(List.of(role))
                .statements(List.of(
                        statement(STREAM_ACTIONS, events.getStreamArn()),
                        statement(BUCKET_ACTIONS, bucket.getBucketArn()),
                        statement(OBJECT_ACTIONS, bucket.arnForObjects("*")),
                        statement(LOG_ACTIONS, logStreamArn)))
                .build();
        deliveryStream.getNode().addDependency(policy);
    }

    private Bucket bucket(ArchiveSettings settings) {
        List<Transition> transitions = List.of(
                Transition.builder()
                        .storageClass(StorageClass.INFREQUENT_ACCESS)
                        .transitionAfter(Duration.days(settings.infrequentAccessDays()))
                        .build(),
                Transition.builder()
                        .storageClass(StorageClass.GLACIER_INSTANT_RETRIEVAL)
                        .transitionAfter(Duration.days(settings.glacierDays()))
                        .build());
        LifecycleRule.Builder rule = LifecycleRule.builder()
                .id("archive-storage-classes")
                .enabled(true)
                .transitions(new ArrayList<>(transitions))
                .abortIncompleteMultipartUploadAfter(ABORT_INCOMPLETE_UPLOADS);
        if (settings.expires()) {
            rule.expiration(Duration.days(settings.expireDays()));
        }
        return Bucket.Builder.create(this, "Bucket")
                // SSE-S3: no key policy to keep in step, no KMS request charges, and readers need S3 permissions
                // only; access is decided by IAM and this bucket's policy (docs/security.md).
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                // Firehose never overwrites an object (each name carries a UUID): versions would only keep deleted
                // objects, which nothing here deletes before the lifecycle does.
                .versioned(false)
                .lifecycleRules(List.of(rule.build()))
                // The archive outlives the stack, in dev too: `cdk destroy` leaves it (README: removing it).
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    private static PolicyStatement statement(List<String> actions, String resource) {
        return PolicyStatement.Builder.create()
                .actions(actions)
                .resources(List.of(resource))
                .build();
    }

    /** The age of the oldest record not yet in S3 (seconds), the maximum per 5 minutes. */
    public Metric freshness() {
        return deliveryStream.metric(
                FRESHNESS_METRIC,
                MetricOptions.builder()
                        .statistic("Maximum")
                        .period(Duration.minutes(5))
                        .build());
    }

    public ArchiveSettings settings() {
        return settings;
    }

    public Bucket bucket() {
        return bucket;
    }

    public DeliveryStream deliveryStream() {
        return deliveryStream;
    }

    public Role role() {
        return role;
    }

    public LogGroup logGroup() {
        return logGroup;
    }
}
