package io.liveinsight.processor.consumer;

import io.liveinsight.event.contract.MetricNames;
import io.liveinsight.processor.adapter.cloudwatch.CloudWatchMetricsPublisher;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.health.AwsProbes;
import io.liveinsight.processor.health.DependencyCheck;
import io.liveinsight.processor.health.HealthReport;
import io.liveinsight.processor.metrics.InMemoryStreamMetrics;
import io.liveinsight.processor.pipeline.Pipeline;
import io.liveinsight.processor.progress.ShardProgress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;

/**
 * The KCL 3 application that fills the tables: a {@link KclRunner} (one scheduler, polling by default, run by a
 * supervisor that waits for Kinesis to answer for the stream and DynamoDB for the Events table, and rides out their
 * outages) with the processor wired to DynamoDB, its metrics, and its health.
 */
public final class KclConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KclConsumer.class);

    private final AwsClients clients;
    private final KclRunner runner;
    private final InMemoryStreamMetrics metrics = new InMemoryStreamMetrics();
    private final ShardProgress progress;
    private final CloudWatchMetricsPublisher publisher;
    private final AwsProbes probes;
    private final DependencyCheck kinesisCheck;
    private final DependencyCheck dynamoDbCheck;

    private KclConsumer(ProcessorConfig config) {
        this.clients = AwsClients.create(config);
        AtomicBoolean stopping = new AtomicBoolean();
        Pipeline pipeline = Pipeline.create(config, clients.dynamoDb(), clients.kinesis(), metrics, stopping::get);
        this.progress = new ShardProgress(Clock.systemUTC(), config.stuckShardAfter());
        // Read when published: the max over the shards held now, and an age that grows while a shard is stuck.
        metrics.gauge(
                MetricNames.MILLIS_BEHIND_LATEST, () -> progress.snapshot().maxMillisBehindLatest());
        metrics.gauge(
                MetricNames.OLDEST_UNSTORED_BATCH_AGE,
                () -> progress.snapshot().oldestUnstoredBatchAge().toMillis());
        this.probes =
                AwsProbes.create(Region.of(config.region()), config.kinesisEndpoint(), config.dynamoDbEndpoint(), null);
        BooleanSupplier kinesisProbe = probes.stream(config.streamName());
        BooleanSupplier dynamoDbProbe = probes.table(config.tables().events());
        this.kinesisCheck = DependencyCheck.cached(kinesisProbe);
        this.dynamoDbCheck = DependencyCheck.cached(dynamoDbProbe);
        this.runner = new KclRunner(
                new KclRunner.Application(
                        config.streamName(),
                        config.applicationName(),
                        config.pollInterval(),
                        config.fastStartup(),
                        config.fanOut()),
                clients.kcl(),
                () -> new EventRecordProcessor(pipeline, progress),
                new KclRunner.Dependencies(
                        kinesisProbe,
                        "stream " + config.streamName(),
                        dynamoDbProbe,
                        "table " + config.tables().events()),
                stopping);
        this.publisher = config.publishMetrics()
                ? CloudWatchMetricsPublisher.start(
                        clients.kcl().cloudWatchAsync(), metrics, config.stage(), CloudWatchMetricsPublisher.INTERVAL)
                : null;
    }

    /** Starts consuming in the background; returns at once, whether or not the dependencies answer yet. */
    public static KclConsumer start(ProcessorConfig config) {
        KclConsumer consumer = new KclConsumer(config);
        consumer.runner.start();
        LOG.info(
                "consumer started: stream {}, application {}, {}",
                config.streamName(),
                config.applicationName(),
                config.fanOut()
                        ? "enhanced fan-out"
                        : "polling every " + config.pollInterval().toMillis() + " ms");
        return consumer;
    }

    /** What the consumer has recorded since it started (totals), for {@code /metrics}. */
    public Map<String, Double> metrics() {
        return metrics.totals();
    }

    /**
     * Health right now (each dependency's answer reused for up to a second): kinesis, dynamodb, consumer, the tables
     * that reported themselves misconfigured, and the shards.
     */
    public HealthReport health() {
        Map<String, Boolean> dependencies = new LinkedHashMap<>();
        dependencies.put("kinesis", kinesisCheck.up());
        dependencies.put("dynamodb", dynamoDbCheck.up());
        return health(dependencies);
    }

    /**
     * Health with the dependencies' answers probed elsewhere (the local stack's edge probes on its own clients):
     * those, plus consumer (KCL running), a misconfigured store as {@code dynamodb} (why, per table) and the shards:
     * a shard whose batch has waited unstored for {@link ProcessorConfig#stuckShardAfter()} makes it 503.
     */
    public HealthReport health(Map<String, Boolean> probed) {
        Map<String, Boolean> dependencies = new LinkedHashMap<>(probed);
        dependencies.put("consumer", isProcessing());
        Map<String, String> stores = metrics.misconfiguredStores();
        Map<String, String> misconfigured = stores.isEmpty()
                ? Map.of()
                : Map.of(
                        "dynamodb",
                        stores.entrySet().stream()
                                .map(store -> store.getKey() + ": " + store.getValue())
                                .collect(Collectors.joining("; ")));
        ShardProgress.Snapshot shards = progress.snapshot();
        return new HealthReport(
                dependencies,
                misconfigured,
                new HealthReport.Shards(
                        shards.stuckShards(),
                        shards.oldestUnstoredBatchAge().toMillis(),
                        shards.oldestUnstoredRecordAge().toMillis()));
    }

    /** True while the supervisor runs and has not been stopped: the process is doing its job or waiting to. */
    public boolean isRunning() {
        return runner.isRunning();
    }

    /**
     * True once KCL has initialized (lease table read, lease coordinator and worker loop running) and until it shuts
     * down. Not whether this worker holds a lease: with more workers than shards some rightly hold none, and after a
     * DynamoDB outage leases are taken again within the failover time.
     */
    public boolean isProcessing() {
        return runner.isProcessing();
    }

    /** How many KCL schedulers the supervisor has run (more than one after KCL gave up initializing). */
    public int schedulersStarted() {
        return runner.schedulersStarted();
    }

    /**
     * Graceful when there is something to hand over: stop retrying, let processors checkpoint what they stored,
     * release leases (at most {@link KclRunner#GRACEFUL_TIMEOUT} plus {@link KclRunner#FORCED_TIMEOUT}).
     */
    @Override
    public void close() {
        runner.close();
        if (publisher != null) {
            publisher.close();
        }
        probes.close();
        clients.close();
    }
}
