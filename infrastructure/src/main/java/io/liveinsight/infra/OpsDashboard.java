package io.liveinsight.infra;

import io.liveinsight.event.contract.MetricNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/** The pipeline on one CloudWatch dashboard: edge, stream, processor, tables, alarms, and the archive when on. */
public final class OpsDashboard extends Construct {

    private final Dashboard dashboard;

    public OpsDashboard(Construct scope, String id, InfraConfig config, Alarms.Watched watched, Alarms alarms) {
        super(scope, id);
        Function ingest = watched.ingest();
        MetricOptions sum =
                MetricOptions.builder().statistic("Sum").period(Metrics.PERIOD).build();
        MetricOptions p99 =
                MetricOptions.builder().statistic("p99").period(Metrics.PERIOD).build();
        List<IMetric> tableThrottles = new ArrayList<>();
        List<IMetric> tableWrites = new ArrayList<>();
        for (Table table : watched.tables().all()) {
            tableThrottles.add(table.metric("WriteThrottleEvents", sum));
            tableWrites.add(table.metricConsumedWriteCapacityUnits(sum));
        }
        this.dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(config.prefix())
                .widgets(List.of(
                        List.of(
                                graph(
                                        "Ingest requests and errors",
                                        List.of(
                                                ingest.metricInvocations(sum),
                                                ingest.metricErrors(sum),
                                                ingest.metricThrottles(sum))),
                                graph("Ingest duration p99 (ms)", List.of(ingest.metricDuration(p99))),
                                graph(
                                        "Events accepted / rejected",
                                        List.of(
                                                Metrics.liveInsight(
                                                        config,
                                                        MetricNames.EVENTS_ACCEPTED,
                                                        "Sum",
                                                        Map.of(
                                                                MetricNames.SERVICE_DIMENSION,
                                                                MetricNames.INGEST_SERVICE)),
                                                Metrics.liveInsight(
                                                        config,
                                                        MetricNames.KINESIS_PUT_FAILURES,
                                                        "Sum",
                                                        Map.of(
                                                                MetricNames.SERVICE_DIMENSION,
                                                                MetricNames.INGEST_SERVICE))))),
                        List.of(
                                graph(
                                        "Stream in (records)",
                                        List.of(
                                                Metrics.kinesis(
                                                        "IncomingRecords",
                                                        watched.streams().events(),
                                                        "Sum"),
                                                Metrics.kinesis(
                                                        "WriteProvisionedThroughputExceeded",
                                                        watched.streams().events(),
                                                        "Sum"))),
                                graph(
                                        "Iterator age (ms)",
                                        List.of(
                                                Metrics.iteratorAge(
                                                        watched.streams().events()),
                                                Metrics.liveInsight(
                                                        config,
                                                        MetricNames.MILLIS_BEHIND_LATEST,
                                                        "Maximum",
                                                        Map.of()))),
                                graph(
                                        "Processor",
                                        List.of(
                                                Metrics.liveInsight(
                                                        config, MetricNames.EVENTS_PROCESSED, "Sum", Map.of()),
                                                Metrics.liveInsight(
                                                        config, MetricNames.POISON_RECORDS, "Sum", Map.of()),
                                                Metrics.liveInsight(
                                                        config, MetricNames.BATCHES_DEAD_LETTERED, "Sum", Map.of()),
                                                Metrics.kinesis(
                                                        "IncomingRecords",
                                                        watched.streams().deadLetters(),
                                                        "Sum")))),
                        List.of(GraphWidget.Builder.create()
                                .title("Oldest unstored batch (ms): a stuck shard")
                                .left(List.of(Metrics.oldestUnstoredBatchAge(config)))
                                .leftAnnotations(List.of(HorizontalAnnotation.builder()
                                        .value(config.stuckShardAfterMs())
                                        .label("Processor-StuckShard")
                                        .build()))
                                .width(24)
                                .build()),
                        List.of(
                                graph("Table writes (WCU)", tableWrites),
                                graph("Table write throttles", tableThrottles),
                                AlarmStatusWidget.Builder.create()
                                        .title("Alarms")
                                        .alarms(new ArrayList<>(alarms.all()))
                                        .width(8)
                                        .build())))
                .build();
        Archive archive = watched.archive();
        if (archive != null) {
            dashboard.addWidgets(GraphWidget.Builder.create()
                    .title("Archive: age of the oldest record not yet in S3 (s)")
                    .left(List.of(archive.freshness()))
                    .leftAnnotations(List.of(HorizontalAnnotation.builder()
                            .value(archive.settings().freshnessAlarmSeconds())
                            .label("Archive-DataFreshness")
                            .build()))
                    .width(24)
                    .build());
        }
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    private static IWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(8).build();
    }
}
