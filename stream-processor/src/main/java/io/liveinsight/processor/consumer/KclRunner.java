package io.liveinsight.processor.consumer;

import io.liveinsight.processor.health.DependencyCheck;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * One KCL 3 application: a {@link Scheduler} (polling by default) run by a supervisor thread that rides out outages of
 * its dependencies. The stream consumer ({@link KclConsumer}) and the local archiver ({@link KclArchiver}) each run
 * one, under their own application names, so each has its own lease table and checkpoints.
 *
 * <ul>
 *   <li>at start-up it waits (backing off up to {@link #MAX_WAIT}) until Kinesis and DynamoDB answer, before KCL
 *       begins its own initialization;
 *   <li>KCL gives up initializing after {@value #KCL_INITIALIZATION_ATTEMPTS} failed attempts about a second apart
 *       (an outage that starts during its start-up) and its scheduler stops: the supervisor then waits for the
 *       dependencies again and runs a new scheduler;
 *   <li>once initialized, KCL's worker loop catches every error and carries on: leases lost during a DynamoDB outage
 *       are taken again when it answers, reads resume when Kinesis does.
 * </ul>
 */
final class KclRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KclRunner.class);
    static final Duration GRACEFUL_TIMEOUT = Duration.ofSeconds(20);
    static final Duration FORCED_TIMEOUT = Duration.ofSeconds(5);
    /** KCL's own default; each failed attempt is followed by a 1 s pause. */
    static final int KCL_INITIALIZATION_ATTEMPTS = 20;
    /** The first and the longest pause between two start-up checks of the dependencies. */
    static final Duration MIN_WAIT = Duration.ofMillis(250);

    static final Duration MAX_WAIT = Duration.ofSeconds(2);
    /** How often a continuing wait is logged. */
    static final Duration LOG_EVERY = Duration.ofSeconds(15);

    /**
     * What KCL is told about the application.
     *
     * @param streamName the stream it reads
     * @param applicationName its name, which names its lease table
     * @param pollInterval time between GetRecords calls per shard (polling)
     * @param fastStartup shorter lease timings for a one-machine run
     * @param fanOut enhanced fan-out instead of polling
     */
    record Application(
            String streamName, String applicationName, Duration pollInterval, boolean fastStartup, boolean fanOut) {}

    /**
     * What it waits for before starting KCL.
     *
     * @param kinesis true when Kinesis answers for the stream
     * @param dynamoDb true when DynamoDB answers
     * @param kinesisWhat and {@code dynamoDbWhat}: what is waited for, in the logs
     */
    record Dependencies(BooleanSupplier kinesis, String kinesisWhat, BooleanSupplier dynamoDb, String dynamoDbWhat) {}

    private final Application application;
    private final KclClients clients;
    private final ShardRecordProcessorFactory factory;
    private final Dependencies dependencies;
    private final AtomicBoolean stopping;
    private final Thread thread;
    private final Object lock = new Object();

    // Guarded by lock.
    private Scheduler scheduler;
    private volatile WorkerStateChangeListener.WorkerState state = WorkerStateChangeListener.WorkerState.CREATED;
    private volatile int schedulersStarted;

    /**
     * @param stopping set by {@link #close} before anything else, so processors that retry can stop retrying
     */
    KclRunner(
            Application application,
            KclClients clients,
            ShardRecordProcessorFactory factory,
            Dependencies dependencies,
            AtomicBoolean stopping) {
        this.application = application;
        this.clients = clients;
        this.factory = factory;
        this.dependencies = dependencies;
        this.stopping = stopping;
        this.thread = new Thread(this::supervise, "kcl-" + application.applicationName());
        thread.setDaemon(true);
    }

    /** Starts the supervisor; returns at once. */
    void start() {
        thread.start();
    }

    private void supervise() {
        while (!stopping.get()) {
            if (!awaitDependencies()) {
                return;
            }
            Scheduler next = scheduler(application, clients, factory, this::stateChanged);
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
                    "KCL scheduler of {} stopped by itself (state {}); starting a new one when the dependencies answer",
                    application.applicationName(),
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
            boolean kinesisUp = DependencyCheck.ask(dependencies.kinesis());
            boolean dynamoDbUp = DependencyCheck.ask(dependencies.dynamoDb());
            long waited = System.nanoTime() - started;
            if (kinesisUp && dynamoDbUp) {
                if (loggedAt != 0) {
                    LOG.info(
                            "Kinesis and DynamoDB answer after {} s; starting KCL application {}",
                            Duration.ofNanos(waited).toSeconds(),
                            application.applicationName());
                }
                return true;
            }
            if (loggedAt == 0 || waited - loggedAt >= LOG_EVERY.toNanos()) {
                loggedAt = Math.max(waited, 1);
                LOG.warn(
                        "{}: waiting for {}{}{} (waited {} s)",
                        application.applicationName(),
                        kinesisUp ? "" : "Kinesis (" + dependencies.kinesisWhat() + ")",
                        kinesisUp || dynamoDbUp ? "" : " and ",
                        dynamoDbUp ? "" : "DynamoDB (" + dependencies.dynamoDbWhat() + ")",
                        Duration.ofNanos(waited).toSeconds());
            }
            pause(wait);
            wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
        }
        return false;
    }

    private void stateChanged(WorkerStateChangeListener.WorkerState newState) {
        state = newState;
        LOG.info("KCL worker of {} {}", application.applicationName(), newState);
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            // close() interrupts a wait; the loops check stopping
        }
    }

    private static Scheduler scheduler(
            Application application,
            KclClients clients,
            ShardRecordProcessorFactory factory,
            java.util.function.Consumer<WorkerStateChangeListener.WorkerState> listener) {
        ConfigsBuilder configs = new ConfigsBuilder(
                application.streamName(),
                application.applicationName(),
                clients.kinesisAsync(),
                clients.dynamoDbAsync(),
                clients.cloudWatchAsync(),
                workerId(),
                factory);
        LeaseManagementConfig leases = configs.leaseManagementConfig();
        if (application.fastStartup()) {
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
        if (!application.fanOut()) {
            PollingConfig polling = new PollingConfig(application.streamName(), clients.kinesisAsync());
            polling.setIdleTimeBetweenReadsInMillis(application.pollInterval().toMillis());
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
                        LOG.warn(
                                "KCL initialization of {} failed {} times: {}",
                                application.applicationName(),
                                KCL_INITIALIZATION_ATTEMPTS,
                                e.toString());
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
     * the day finalizer finishes the days that become final while no record comes ({@link EventRecordProcessor}), and
     * the archiver writes a buffer that has waited long enough ({@link ArchiveRecordProcessor}).
     */
    static software.amazon.kinesis.processor.ProcessorConfig processorConfig(ConfigsBuilder configs) {
        return configs.processorConfig().callProcessRecordsEvenForEmptyRecordList(true);
    }

    /** True while the supervisor runs and has not been stopped: the application does its job or waits to. */
    boolean isRunning() {
        return thread.isAlive() && !stopping.get();
    }

    /**
     * True once KCL has initialized (lease table read, lease coordinator and worker loop running) and until it shuts
     * down. Not whether this worker holds a lease: with more workers than shards some rightly hold none, and after a
     * DynamoDB outage leases are taken again within the failover time.
     */
    boolean isProcessing() {
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
    int schedulersStarted() {
        return schedulersStarted;
    }

    /**
     * Graceful when there is something to hand over: stop retrying, let processors checkpoint what they stored,
     * release leases. Never blocks longer than {@link #GRACEFUL_TIMEOUT} plus {@link #FORCED_TIMEOUT}: during its
     * start-up KCL holds a lock through a random wait of up to 30 s, and a stop must not wait for that. Leaves the
     * clients open: they are the caller's.
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
                LOG.warn(
                        "graceful shutdown of {} incomplete ({}); forcing",
                        application.applicationName(),
                        e.toString());
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
