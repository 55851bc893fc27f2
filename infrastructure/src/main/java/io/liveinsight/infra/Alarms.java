package io.liveinsight.infra;

import io.liveinsight.event.contract.MetricNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/** The alarms of docs/contract/metrics.md#alarms, each with the SNS topic as its alarm and OK action. */
public final class Alarms extends Construct {

    static final Duration WINDOW = Duration.minutes(5);
    static final double ERROR_RATE_PERCENT = 1;
    static final double DURATION_P99_MS = 2000;
    static final double ITERATOR_AGE_MS = 60_000;
    static final double PUT_FAILURES = 5;

    private final Topic topic;
    private final SnsAction action;
    private final InfraConfig config;
    private final List<Alarm> alarms = new ArrayList<>();

    /**
     * What the alarms watch; {@code processorFunction} is null when the processor runs on Fargate, {@code archive} when
     * the archive is off.
     */
    public record Watched(
            Function ingest,
            Function processorFunction,
            StreamConstruct streams,
            TablesConstruct tables,
            Archive archive) {}

    public Alarms(Construct scope, String id, InfraConfig config, Watched watched) {
        super(scope, id);
        this.config = config;
        this.topic = Topic.Builder.create(this, "Topic")
                .topicName(config.name("Alarms"))
                .displayName("LiveInsight " + config.stage().id() + " alarms")
                .build();
        if (!config.alarmEmail().isEmpty()) {
            topic.addSubscription(new EmailSubscription(config.alarmEmail()));
        }
        this.action = new SnsAction(topic);

        Function ingest = watched.ingest();
        add(
                "Lambda-ErrorRate",
                "Ingest Lambda errors above " + ERROR_RATE_PERCENT + "% of invocations",
                MathExpression.Builder.create()
                        .label("error rate (%)")
                        .expression("IF(invocations > 0, 100 * errors / invocations, 0)")
                        .usingMetrics(Map.of(
                                "errors", ingest.metricErrors(sum()),
                                "invocations", ingest.metricInvocations(sum())))
                        .period(WINDOW)
                        .build(),
                ERROR_RATE_PERCENT,
                3,
                2,
                TreatMissingData.NOT_BREACHING);
        add(
                "Lambda-Duration",
                "Ingest Lambda p99 duration above " + DURATION_P99_MS + " ms",
                ingest.metricDuration(
                        MetricOptions.builder().statistic("p99").period(WINDOW).build()),
                DURATION_P99_MS,
                3,
                2,
                TreatMissingData.NOT_BREACHING);
        for (Table table : watched.tables().all()) {
            String name = table.getNode().getId();
            add(
                    "DynamoDB-Throttles-" + name,
                    "Throttled reads or writes on the " + name + " table",
                    MathExpression.Builder.create()
                            .label(name + " throttle events")
                            .expression("reads + writes")
                            .usingMetrics(Map.of(
                                    "reads", dynamoDb("ReadThrottleEvents", table),
                                    "writes", dynamoDb("WriteThrottleEvents", table)))
                            .period(WINDOW)
                            .build(),
                    1,
                    3,
                    2,
                    TreatMissingData.NOT_BREACHING);
        }
        // Missing data on the lag alarms is a consumer that stopped, not a fine one. Kinesis reports the stream's
        // GetRecords.IteratorAgeMilliseconds for every GetRecords call, 0 when caught up, and both processor modes
        // poll the stream all the time, idle or not (enhanced fan-out would not: RETRIEVAL=fanout is not deployed).
        add(
                "Stream-IteratorAge",
                "Records wait more than " + ITERATOR_AGE_MS / 1000 + " s on the events stream",
                Metrics.iteratorAge(watched.streams().events()),
                ITERATOR_AGE_MS,
                5,
                3,
                TreatMissingData.BREACHING);
        boolean fargate = watched.processorFunction() == null;
        IMetric behind = fargate
                ? Metrics.liveInsight(config, MetricNames.MILLIS_BEHIND_LATEST, "Maximum", Map.of())
                : watched.processorFunction()
                        .metric(
                                "IteratorAge",
                                MetricOptions.builder()
                                        .statistic("Maximum")
                                        .period(Metrics.PERIOD)
                                        .build());
        add(
                "Processor-MillisBehindLatest",
                "The processor is more than " + ITERATOR_AGE_MS / 1000 + " s behind the stream",
                behind,
                ITERATOR_AGE_MS,
                5,
                3,
                // On Fargate every worker publishes MillisBehindLatest every minute (0 when caught up), so no data
                // means no worker runs. The Lambda's IteratorAge exists only for invocations, and an idle stream
                // invokes nothing: there the stream alarm above stands for a mapping that stopped polling.
                fargate ? TreatMissingData.BREACHING : TreatMissingData.NOT_BREACHING);
        add(
                "Processor-StuckShard",
                "A batch has waited unstored for " + config.stuckShardAfterMs() / 1000
                        + " s or more: a shard is stuck (a table unavailable or misconfigured, a hung write)",
                Metrics.oldestUnstoredBatchAge(config),
                config.stuckShardAfterMs(),
                1,
                1,
                // Not breaching: on Fargate every worker publishes the age every minute (0 when nothing waits), so
                // missing data means no worker runs, which Processor-MillisBehindLatest already raises (one cause,
                // one alarm); the Lambda prints it once per invocation, and an idle stream invokes nothing.
                TreatMissingData.NOT_BREACHING);
        add(
                "DeadLetters",
                "Poison records reached the dead-letter stream",
                Metrics.kinesis("IncomingRecords", watched.streams().deadLetters(), "Sum")
                        .with(MetricOptions.builder().period(WINDOW).build()),
                1,
                1,
                1,
                TreatMissingData.NOT_BREACHING);
        add(
                "KinesisPutFailures",
                "The ingest Lambda could not put events on the stream (clients got 503)",
                Metrics.liveInsight(
                                config,
                                MetricNames.KINESIS_PUT_FAILURES,
                                "Sum",
                                Map.of(MetricNames.SERVICE_DIMENSION, MetricNames.INGEST_SERVICE))
                        .with(MetricOptions.builder().period(WINDOW).build()),
                PUT_FAILURES,
                1,
                1,
                TreatMissingData.NOT_BREACHING);
        Archive archive = watched.archive();
        if (archive != null) {
            add(
                    "Archive-DataFreshness",
                    "Records wait more than " + archive.settings().freshnessAlarmSeconds()
                            + " s to reach the archive bucket (its buffer interval plus 10 minutes)",
                    archive.freshness(),
                    archive.settings().freshnessAlarmSeconds(),
                    1,
                    1,
                    // Not breaching: with no records there is no freshness to report. A delivery stream that stopped
                    // reading still shows: its reads count in the stream's GetRecords.IteratorAgeMilliseconds, which
                    // Stream-IteratorAge watches.
                    TreatMissingData.NOT_BREACHING);
        }
    }

    public Topic topic() {
        return topic;
    }

    public List<Alarm> all() {
        return List.copyOf(alarms);
    }

    private void add(
            String suffix,
            String description,
            IMetric metric,
            double threshold,
            int periods,
            int datapoints,
            TreatMissingData missingData) {
        Alarm alarm = Alarm.Builder.create(this, suffix)
                .alarmName(config.name(suffix))
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(periods)
                .datapointsToAlarm(datapoints)
                .treatMissingData(missingData)
                .build();
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
        alarms.add(alarm);
    }

    private static MetricOptions sum() {
        return MetricOptions.builder().statistic("Sum").period(WINDOW).build();
    }

    private static Metric dynamoDb(String name, Table table) {
        return Metric.Builder.create()
                .namespace("AWS/DynamoDB")
                .metricName(name)
                .dimensionsMap(Map.of("TableName", table.getTableName()))
                .statistic("Sum")
                .period(WINDOW)
                .build();
    }
}
