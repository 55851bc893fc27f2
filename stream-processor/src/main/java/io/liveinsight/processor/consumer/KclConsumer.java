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
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.coordinator.WorkerStateChangeListener;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;
import software.amazon.kinesis.retrieval.RetrievalConfig;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * The KCL 3 application: one {@link Scheduler} in polling mode, with the processor wired to DynamoDB, run by a
 * supervisor thread that rides out outages of its dependencies:
 *
 * <ul>
 *   <li>at start-up it waits (backing off up to {@link #MAX_WAIT}) until Kinesis answers for the stream and DynamoDB
 *       for the Events table, before KCL begins its own initialization;
 *   <li>KCL gives up initializing after {@value #KCL_INITIALIZATION_ATTEMPTS} failed attempts about a second apart
 *       (an outage that starts during its start-up) and its scheduler stops: the supervisor then waits for the
 *       dependencies again and runs a new scheduler;
 *   <li>once initialized, KCL's worker loop catches every error and carries on: leases lost during a DynamoDB outage
 *       are taken again when it answers, reads resume when Kinesis does.
 * </ul>
 */
public final class KclConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KclConsumer.class);
    static final Duration GRACEFUL_TIMEOUT = Duration.ofSeconds(20);
    static final Duration FORCED_TIMEOUT = Duration.ofSeconds(5);
    /** KCL's own default; each failed attempt is followed by a 1 s pause. */
    static final int KCL_INITIALIZATION_ATTEMPTS = 20;
    /** The first and the longest pause between two start-up checks of the dependencies. */
    static final Duration MIN_WAIT = Duration.ofMillis(250);

    static final Duration MAX_WAIT = Duration.ofSeconds(2);
    /** How often a continuing wait is logged. */
    static final Duration LOG_EVERY = Duration.ofSeconds(15);

    private final ProcessorConfig config;
    private final AwsClients clients;
    private final ShardRecordProcessorFactory factory;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Thread thread;
    private final InMemoryStreamMetrics metrics = new InMemoryStreamMetrics();
    private final ShardProgress progress;
    private final CloudWatchMetricsPublisher publisher;
    private final AwsProbes probes;
    private final BooleanSupplier kinesisProbe;
    private final BooleanSupplier dynamoDbProbe;
    private final DependencyCheck kinesisCheck;
    private final DependencyCheck dynamoDbCheck;
    private final Object lock = new Object();

    // Guarded by lock.
    private Scheduler scheduler;
    private volatile WorkerStateChangeListener.WorkerState state = WorkerStateChangeListener.WorkerState.CREATED;
    private volatile int schedulersStarted;

    private KclConsumer(ProcessorConfig config) {
        this.config = config;
        this.clients = AwsClients.create(config);
        Pipeline pipeline = Pipeline.create(config, clients.dynamoDb(), clients.kinesis(), metrics, stopping::get);
        this.progress = new ShardProgress(Clock.systemUTC(), config.stuckShardAfter());
        // Read when published: the max over the shards held now, and an age that grows while a shard is stuck.
        metrics.gauge(
                MetricNames.MILLIS_BEHIND_LATEST, () -> progress.snapshot().maxMillisBehindLatest());
        metrics.gauge(
                MetricNames.OLDEST_UNSTORED_BATCH_AGE,
                () -> progress.snapshot().oldestUnstoredBatchAge().toMillis());
        this.factory = () -> new EventRecordProcessor(pipeline, progress);
        this.probes =
                AwsProbes.create(Region.of(config.region()), config.kinesisEndpoint(), config.dynamoDbEndpoint(), null);
        this.kinesisProbe = probes.stream(config.streamName());
        this.dynamoDbProbe = probes.table(config.tables().events());
        this.kinesisCheck = DependencyCheck.cached(kinesisProbe);
        this.dynamoDbCheck = DependencyCheck.cached(dynamoDbProbe);
        this.thread = new Thread(this::supervise, "kcl-scheduler");
        thread.setDaemon(true);
        this.publisher = config.publishMetrics()
                ? CloudWatchMetricsPublisher.start(
                        clients.cloudWatchAsync(), metrics, config.stage(), CloudWatchMetricsPublisher.INTERVAL)
                : null;
    }

    /** Starts consuming in the background; returns at once, whether or not the dependencies answer yet. */
    public static KclConsumer start(ProcessorConfig config) {
        KclConsumer consumer = new KclConsumer(config);
        consumer.thread.start();
        LOG.info(
                "consumer started: stream {}, application {}, {}",
                config.streamName(),
                config.applicationName(),
                config.fanOut()
                        ? "enhanced fan-out"
                        : "polling every " + config.pollInterval().toMillis() + " ms");
        return consumer;
    }

    private void supervise() {
        while (!stopping.get()) {
            if (!awaitDependencies()) {
                return;
            }
            Scheduler next = scheduler(config, clients, factory, this::stateChanged);
            synchronized (lock) {
                if (stopping.get()) {
                    return;
                }
                scheduler = next;
                schedulersStarted++;
            }
            next.run(); // returns once the scheduler has shut down
            if (stopping.get()) {
                return;
            }
            LOG.warn(
                    "KCL scheduler stopped by itself (state {}); starting a new one when the dependencies answer",
                    state);
            pause(MAX_WAIT);
        }
    }

    /** Waits until Kinesis and DynamoDB both answer; false if stopped first. */
    private boolean awaitDependencies() {
        long started = System.nanoTime();
        long loggedAt = 0;
        Duration wait = MIN_WAIT;
        while (!stopping.get()) {
            boolean kinesisUp = DependencyCheck.ask(kinesisProbe);
            boolean dynamoDbUp = DependencyCheck.ask(dynamoDbProbe);
            long waited = System.nanoTime() - started;
            if (kinesisUp && dynamoDbUp) {
                if (loggedAt != 0) {
                    LOG.info(
                            "Kinesis and DynamoDB answer after {} s; starting KCL",
                            Duration.ofNanos(waited).toSeconds());
                }
                return true;
            }
            if (loggedAt == 0 || waited - loggedAt >= LOG_EVERY.toNanos()) {
                loggedAt = Math.max(waited, 1);
                LOG.warn(
                        "waiting for {}{}{} (waited {} s)",
                        kinesisUp ? "" : "Kinesis (stream " + config.streamName() + ")",
                        kinesisUp || dynamoDbUp ? "" : " and ",
                        dynamoDbUp ? "" : "DynamoDB (table " + config.tables().events() + ")",
                        Duration.ofNanos(waited).toSeconds());
            }
            pause(wait);
            wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
        }
        return false;
    }

    private void stateChanged(WorkerStateChangeListener.WorkerState newState) {
        state = newState;
        LOG.info("KCL worker {}", newState);
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            // close() interrupts a wait; the loops check stopping
        }
    }

    private static Scheduler scheduler(
            ProcessorConfig config,
            AwsClients clients,
            ShardRecordProcessorFactory factory,
            Consumer<WorkerStateChangeListener.WorkerState> listener) {
        KinesisAsyncClient kinesis = clients.kinesisAsync();
        DynamoDbAsyncClient dynamoDb = clients.dynamoDbAsync();
        CloudWatchAsyncClient cloudWatch = clients.cloudWatchAsync();
        ConfigsBuilder configs = new ConfigsBuilder(
                config.streamName(), config.applicationName(), kinesis, dynamoDb, cloudWatch, workerId(), factory);
        LeaseManagementConfig leases = configs.leaseManagementConfig();
        if (config.fastStartup()) {
            leases.failoverTimeMillis(5_000).shardSyncIntervalMillis(1_000).leaseAssignmentIntervalMillis(2_000L);
            // KCL 3 reassigns leases only from its leader, elected with a DynamoDB lock (default: held 2 minutes,
            // heartbeat 30 s). A leader killed hard would leave its shards unprocessed for those 2 minutes.
            leases.dynamoDbLockBasedLeaderLeaseDurationInMillis(10_000L)
                    .dynamoDbLockBasedLeaderHeartbeatPeriodInMillis(2_000L);
            // The leader judges workers by their reported metrics (default: every 30 s); report more often so a
            // stopped worker's shards move sooner.
            leases.workerUtilizationAwareAssignmentConfig().workerMetricsReporterFreqInMillis(5_000L);
        }
        RetrievalConfig retrieval = configs.retrievalConfig()
                .initialPositionInStreamExtended(
                        InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON));
        if (!config.fanOut()) {
            PollingConfig polling = new PollingConfig(config.streamName(), kinesis);
            polling.setIdleTimeBetweenReadsInMillis(config.pollInterval().toMillis());
            retrieval.retrievalSpecificConfig(polling);
        }
        CoordinatorConfig coordinator = configs.coordinatorConfig()
                .maxInitializationAttempts(KCL_INITIALIZATION_ATTEMPTS)
                .workerStateChangeListener(new WorkerStateChangeListener() {
                    @Override
                    public void onWorkerStateChange(WorkerState newState) {
                        listener.accept(newState);
                    }

                    @Override
                    public void onAllInitializationAttemptsFailed(Throwable e) {
                        LOG.warn("KCL initialization failed {} times: {}", KCL_INITIALIZATION_ATTEMPTS, e.toString());
                    }
                });
        return new Scheduler(
                configs.checkpointConfig(),
                coordinator,
                leases,
                configs.lifecycleConfig(),
                // KCL's own metrics stay off: ours (MetricNames) are the ones alarms use.
                configs.metricsConfig().metricsLevel(MetricsLevel.NONE).metricsFactory(new NullMetricsFactory()),
                processorConfig(configs),
                retrieval);
    }

    /**
     * KCL calls the processor for empty polls too (every poll that finds nothing new): an idle shard reports its lag,
     * and the day finalizer finishes the days that become final while no record comes ({@link EventRecordProcessor}).
     */
    static software.amazon.kinesis.processor.ProcessorConfig processorConfig(ConfigsBuilder configs) {
        return configs.processorConfig().callProcessRecordsEvenForEmptyRecordList(true);
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
        return thread.isAlive() && !stopping.get();
    }

    /**
     * True once KCL has initialized (lease table read, lease coordinator and worker loop running) and until it shuts
     * down. Not whether this worker holds a lease: with more workers than shards some rightly hold none, and after a
     * DynamoDB outage leases are taken again within the failover time.
     */
    public boolean isProcessing() {
        Scheduler current;
        synchronized (lock) {
            current = scheduler;
        }
        return isRunning()
                && current != null
                && state == WorkerStateChangeListener.WorkerState.STARTED
                && !current.hasGracefulShutdownStarted();
    }

    /** How many KCL schedulers the supervisor has run (more than one after KCL gave up initializing). */
    public int schedulersStarted() {
        return schedulersStarted;
    }

    /**
     * Graceful when there is something to hand over: stop retrying, let processors checkpoint what they stored,
     * release leases. Never blocks longer than {@link #GRACEFUL_TIMEOUT} plus {@link #FORCED_TIMEOUT}: during its
     * start-up KCL holds a lock through a random wait of up to 30 s, and a stop must not wait for that.
     */
    @Override
    public void close() {
        Scheduler current;
        synchronized (lock) {
            stopping.set(true);
            current = scheduler;
        }
        boolean stopped = current == null;
        if (current == null) {
            thread.interrupt(); // ends the wait for the dependencies; a running scheduler is stopped below
        }
        if (current != null && !current.shardInfoShardConsumerMap().isEmpty()) {
            try {
                stopped = current.startGracefulShutdown().get(GRACEFUL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("graceful shutdown incomplete ({}); forcing", e.toString());
            }
        }
        if (stopped) {
            join(thread, FORCED_TIMEOUT);
        } else {
            // The scheduler thread is a daemon: if KCL is still in its start-up wait, it is left to the JVM.
            Thread forced = new Thread(current::shutdown, "kcl-forced-shutdown");
            forced.setDaemon(true);
            forced.start();
            join(forced, FORCED_TIMEOUT);
        }
        if (publisher != null) {
            publisher.close();
        }
        probes.close();
        clients.close();
    }

    private static void join(Thread thread, Duration timeout) {
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String workerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "worker";
        }
        return host + "-" + UUID.randomUUID();
    }
}
