package io.liveinsight.processor.consumer;

import io.liveinsight.processor.adapter.cloudwatch.CloudWatchMetricsPublisher;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.metrics.InMemoryStreamMetrics;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;
import software.amazon.kinesis.retrieval.RetrievalConfig;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/** The KCL 3 application: one {@link Scheduler} in polling mode, with the processor wired to DynamoDB. */
public final class KclConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KclConsumer.class);
    static final Duration GRACEFUL_TIMEOUT = Duration.ofSeconds(20);
    static final Duration FORCED_TIMEOUT = Duration.ofSeconds(5);

    private final AwsClients clients;
    private final Scheduler scheduler;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Thread thread;
    private final InMemoryStreamMetrics metrics = new InMemoryStreamMetrics();
    private final CloudWatchMetricsPublisher publisher;

    private KclConsumer(ProcessorConfig config) {
        this.clients = AwsClients.create(config);
        Pipeline pipeline = Pipeline.create(config, clients.dynamoDb(), clients.kinesis(), metrics, stopping::get);
        this.scheduler = scheduler(config, clients, () -> new EventRecordProcessor(pipeline));
        this.thread = new Thread(scheduler, "kcl-scheduler");
        thread.setDaemon(true);
        this.publisher = config.publishMetrics()
                ? CloudWatchMetricsPublisher.start(
                        clients.cloudWatchAsync(), metrics, CloudWatchMetricsPublisher.INTERVAL)
                : null;
    }

    /** Starts consuming in the background; returns at once. */
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

    private static Scheduler scheduler(
            ProcessorConfig config, AwsClients clients, ShardRecordProcessorFactory factory) {
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
        }
        RetrievalConfig retrieval = configs.retrievalConfig()
                .initialPositionInStreamExtended(
                        InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON));
        if (!config.fanOut()) {
            PollingConfig polling = new PollingConfig(config.streamName(), kinesis);
            polling.setIdleTimeBetweenReadsInMillis(config.pollInterval().toMillis());
            retrieval.retrievalSpecificConfig(polling);
        }
        return new Scheduler(
                configs.checkpointConfig(),
                configs.coordinatorConfig(),
                leases,
                configs.lifecycleConfig(),
                // KCL's own metrics stay off: ours (MetricNames) are the ones alarms use.
                configs.metricsConfig().metricsLevel(MetricsLevel.NONE).metricsFactory(new NullMetricsFactory()),
                configs.processorConfig(),
                retrieval);
    }

    /** What the consumer has recorded since it started (totals), for {@code /metrics}. */
    public Map<String, Double> metrics() {
        return metrics.totals();
    }

    /** True while the scheduler runs and has not begun shutting down. */
    public boolean isRunning() {
        return thread.isAlive() && !scheduler.hasGracefulShutdownStarted();
    }

    /**
     * Graceful when there is something to hand over: stop retrying, let processors checkpoint what they stored,
     * release leases. Never blocks longer than {@link #GRACEFUL_TIMEOUT} plus {@link #FORCED_TIMEOUT}: during its
     * start-up KCL holds a lock through a random wait of up to 30 s, and a stop must not wait for that.
     */
    @Override
    public void close() {
        stopping.set(true);
        boolean stopped = false;
        if (!scheduler.shardInfoShardConsumerMap().isEmpty()) {
            try {
                stopped = scheduler.startGracefulShutdown().get(GRACEFUL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
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
            Thread forced = new Thread(scheduler::shutdown, "kcl-forced-shutdown");
            forced.setDaemon(true);
            forced.start();
            join(forced, FORCED_TIMEOUT);
        }
        if (publisher != null) {
            publisher.close();
        }
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
