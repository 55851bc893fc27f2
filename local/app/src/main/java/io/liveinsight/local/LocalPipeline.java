package io.liveinsight.local;

import com.sun.net.httpserver.HttpHandler;
import io.liveinsight.ingest.adapter.dynamodb.DynamoDbBudgetLeases;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.ingest.config.SiteSettings;
import io.liveinsight.ingest.handler.EdgeSites;
import io.liveinsight.ingest.handler.IngestApplication;
import io.liveinsight.ingest.handler.IngestHandler;
import io.liveinsight.ingest.port.IngestMetrics;
import io.liveinsight.local.engines.AwsEndpoints;
import io.liveinsight.local.engines.LiveInsightResources;
import io.liveinsight.local.engines.LocalAwsClients;
import io.liveinsight.local.engines.LocalCredentials;
import io.liveinsight.processor.archive.ArchiveStatus;
import io.liveinsight.processor.archive.file.FileArchiveSink;
import io.liveinsight.processor.config.ArchiveConfig;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.consumer.KclArchiver;
import io.liveinsight.processor.consumer.KclConsumer;
import io.liveinsight.processor.health.AwsProbes;
import io.liveinsight.processor.health.DependencyCheck;
import io.liveinsight.processor.health.HealthReport;
import io.liveinsight.sites.dynamodb.DefaultSite;
import io.liveinsight.sites.dynamodb.DynamoDbSiteDirectory;
import io.liveinsight.sites.dynamodb.SiteAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The pipeline on one machine, against any DynamoDB and Kinesis endpoints: serves the Lambda edge over HTTP at once,
 * and in the background, as soon as DynamoDB and Kinesis answer (retrying with backoff), creates the tables and the
 * stream and starts the KCL consumer (unless {@link LocalConfig#consumer()} is off) and the archiver (when
 * {@link LocalConfig#archive()} is on: a second KCL application writing every record to the archive folder).
 * {@code GET /health} says which dependency is down meanwhile, and after any later outage.
 */
public final class LocalPipeline implements AutoCloseable {

    /** How long {@link #start} waits for the tables and the stream. */
    public static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    static final Duration MIN_RETRY = Duration.ofMillis(250);
    static final Duration MAX_RETRY = Duration.ofSeconds(2);
    static final Duration LOG_EVERY = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(LocalPipeline.class);

    private final LocalConfig config;
    private final AwsEndpoints endpoints;
    private final DynamoDbClient dynamoDb;
    private final KinesisClient kinesis;
    private final AwsProbes probes;
    private final DependencyCheck kinesisCheck;
    private final DependencyCheck dynamoDbCheck;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Object lock = new Object();
    private final Thread setup;
    private volatile EdgeServer edge;
    private volatile EdgePublisher publisher; // null: the Lambda's own publisher, one PutRecords call a request
    private volatile IngestApplication application;

    // Guarded by lock.
    private KclConsumer consumer;
    private KclArchiver archiver;
    private boolean closed;

    private LocalPipeline(LocalConfig config, AwsEndpoints endpoints) {
        this.config = config;
        this.endpoints = endpoints;
        this.dynamoDb = LocalAwsClients.dynamoDb(endpoints.dynamoDb());
        this.kinesis = LocalAwsClients.kinesis(endpoints.kinesis());
        this.probes = AwsProbes.create(
                LocalCredentials.REGION, endpoints.kinesis(), endpoints.dynamoDb(), LocalCredentials.provider());
        this.kinesisCheck = DependencyCheck.cached(probes.stream(config.streamName()));
        this.dynamoDbCheck = DependencyCheck.cached(probes.table(config.tables().events()));
        this.setup = new Thread(this::setUp, "liveinsight-setup");
        setup.setDaemon(true);
    }

    /**
     * Serves the edge now and sets up the rest in the background; returns at once, whether or not DynamoDB and
     * Kinesis answer yet.
     *
     * @throws IllegalArgumentException if the archive is on and its folder cannot be created or written
     */
    public static LocalPipeline launch(LocalConfig config, AwsEndpoints endpoints) {
        config.archive().ifPresent(LocalPipeline::prepareArchive);
        LocalPipeline pipeline = new LocalPipeline(config, endpoints);
        // Local development: any origin may call the edge (docs/contract/api.md#cors), and no EMF line per request on
        // the console. The replay lane is open to the local key (docs/contract/replay.md#lane); the edge holds its
        // digest.
        IngestConfig ingest = IngestConfig.localDevelopment(
                        config.streamName(), LocalCredentials.REGION.id(), endpoints.kinesis())
                .withReplayKeySha256(config.replayKeySha256())
                .withSites(SiteSettings.DEFAULTS
                        .withDefaultSite(config.defaultSite())
                        .withSitesTable(config.tables().sites())
                        .withDeploymentLimit(LocalConfig.LOCAL_EVENTS_PER_S, 2 * LocalConfig.LOCAL_EVENTS_PER_S));
        if (config.coalesce()) {
            pipeline.publisher = EdgePublisher.coalescing(ingest, config.coalesceInFlight());
        }
        // Sites (docs/contract/sites.md#at-the-edge): the registry and the shared budgets' leases on DynamoDB
        // Local's Sites table.
        EdgeSites sites = new EdgeSites(
                new DynamoDbSiteDirectory(pipeline.dynamoDb, config.tables().sites()),
                new DynamoDbBudgetLeases(pipeline.dynamoDb, config.tables().sites()));
        pipeline.application = new IngestApplication(
                ingest, pipeline.publisher == null ? null : pipeline.publisher.publisher(), IngestMetrics.NONE, sites);
        IngestHandler handler = new IngestHandler(pipeline.application);
        Map<String, HttpHandler> routes = new LinkedHashMap<>(DashboardRoutes.create(config, pipeline.dynamoDb));
        routes.putAll(TrackerRoutes.create(config));
        if (config.consumer() || config.archive().isPresent()) {
            routes.put("/metrics", new MetricsRoute(pipeline::metrics));
        }
        try {
            pipeline.edge = EdgeServer.start(config.host(), config.edgePort(), handler, pipeline::health, routes);
        } catch (IOException e) {
            if (pipeline.publisher != null) {
                pipeline.publisher.close();
            }
            pipeline.closeClients();
            throw new UncheckedIOException("cannot serve the edge on " + config.host() + ":" + config.edgePort(), e);
        }
        pipeline.setup.start();
        return pipeline;
    }

    /**
     * {@link #launch}, then waits up to {@link #START_TIMEOUT} for the tables and the stream (the consumer is then
     * starting: KCL takes its lease 10-35 s later).
     */
    public static LocalPipeline start(LocalConfig config, AwsEndpoints endpoints) {
        LocalPipeline pipeline = launch(config, endpoints);
        if (!pipeline.awaitReady(START_TIMEOUT)) {
            pipeline.close();
            throw new IllegalStateException("DynamoDB (" + endpoints.dynamoDb() + ") or Kinesis (" + endpoints.kinesis()
                    + ") did not answer within " + START_TIMEOUT);
        }
        return pipeline;
    }

    public URI edgeAddress() {
        return edge.address();
    }

    /** Waits until the tables and the stream exist (and the consumer, if on, is started); false at the timeout. */
    public boolean awaitReady(Duration timeout) {
        try {
            return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Each dependency as it answers now (answers reused for up to a second, each call at most 2 s): kinesis (the
     * stream exists and answers), dynamodb (the Events table), and, unless the consumer is off, consumer (KCL
     * initialized and running) with the consumer's shards and misconfigured stores: a stuck shard makes it 503 as on
     * the consumer's own health server. With the archive on, archive: its KCL application runs and no shard's records
     * have waited unwritten past its threshold (the flush age plus a minute), with why in an {@code archive} object.
     */
    public Health health() {
        Map<String, Boolean> dependencies = new LinkedHashMap<>();
        dependencies.put("kinesis", kinesisCheck.up());
        dependencies.put("dynamodb", dynamoDbCheck.up());
        HealthReport report;
        if (config.consumer()) {
            KclConsumer current = consumer();
            if (current != null) {
                report = current.health(dependencies);
            } else {
                dependencies.put("consumer", false);
                report = new HealthReport(dependencies);
            }
        } else {
            report = new HealthReport(dependencies);
        }
        if (config.archive().isEmpty()) {
            return new Health(report);
        }
        KclArchiver currentArchiver = archiver();
        ArchiveStatus archive =
                currentArchiver == null ? new ArchiveStatus(false, List.of(), 0, 0, 0) : currentArchiver.status();
        Map<String, Boolean> withArchive = new LinkedHashMap<>(report.dependencies());
        withArchive.put("archive", archive.healthy());
        return new Health(new HealthReport(withArchive, report.misconfigured(), report.shards()), archive);
    }

    private KclConsumer consumer() {
        synchronized (lock) {
            return consumer;
        }
    }

    private KclArchiver archiver() {
        synchronized (lock) {
            return archiver;
        }
    }

    /** The consumer's figures and the archiver's ({@code Archive*}), those that run here. */
    private Map<String, Double> metrics() {
        Map<String, Double> all = new LinkedHashMap<>();
        KclConsumer currentConsumer = consumer();
        if (currentConsumer != null) {
            all.putAll(currentConsumer.metrics());
        }
        KclArchiver currentArchiver = archiver();
        if (currentArchiver != null) {
            all.putAll(currentArchiver.metrics());
        }
        return all;
    }

    /** The archiver, or null if its folder went away since launch ({@code /health} then says archive down). */
    private static KclArchiver startArchiver(ProcessorConfig processor, ArchiveConfig archive) {
        try {
            return KclArchiver.start(processor, archive);
        } catch (UncheckedIOException e) {
            LOG.error("archiver not started: {}", e.getMessage());
            return null;
        }
    }

    private static void prepareArchive(ArchiveConfig archive) {
        try {
            FileArchiveSink.prepare(archive.directory());
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "LIVEINSIGHT_ARCHIVE_DIR " + archive.directory() + " cannot be used: " + e.getMessage(), e);
        }
    }

    private void setUp() {
        long started = System.nanoTime();
        long loggedAt = 0;
        Duration wait = MIN_RETRY;
        while (!isClosed()) {
            try {
                createResources();
                break;
            } catch (RuntimeException e) {
                long waited = System.nanoTime() - started;
                if (loggedAt == 0 || waited - loggedAt >= LOG_EVERY.toNanos()) {
                    loggedAt = Math.max(waited, 1);
                    LOG.warn(
                            "waiting for DynamoDB ({}) and Kinesis ({}) to create tables and streams (waited {} s): {}",
                            endpoints.dynamoDb(),
                            endpoints.kinesis(),
                            Duration.ofNanos(waited).toSeconds(),
                            e.toString());
                }
                if (!pause(wait)) {
                    return;
                }
                wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
            }
        }
        prime();
        synchronized (lock) {
            if (closed) {
                return;
            }
            ProcessorConfig processor = ProcessorConfig.local(
                    config.streamName(),
                    config.applicationName(),
                    config.tables(),
                    endpoints.kinesis(),
                    endpoints.dynamoDb(),
                    config.deadLetterStream());
            if (config.consumer()) {
                consumer = KclConsumer.start(processor);
            }
            config.archive().ifPresent(archive -> archiver = startArchiver(processor, archive));
        }
        LOG.info(
                "tables and streams ready after {} ms{}{}",
                Duration.ofNanos(System.nanoTime() - started).toMillis(),
                config.consumer() ? "; consumer starting" : "",
                config.archive().isPresent() ? "; archiver starting" : "");
        ready.countDown();
    }

    /**
     * Warms the edge before it reports ready (docs/contract/local.md#coalescing): the Lambda's own priming (parsing,
     * validation, enrichment, packing; nothing sent) and, when coalescing, the SDK's PutRecords path stopped before
     * transmission. On a fresh JVM the first burst of requests otherwise pays for the JIT: measured with the original
     * load test, 100 users at once on a fresh stack.
     */
    private void prime() {
        long started = System.nanoTime();
        try {
            application.prime();
            EdgePublisher coalescing = publisher;
            if (coalescing != null) {
                coalescing.prime(PRIMING_EVENTS, PRIMING_ROUNDS);
            }
            LOG.info(
                    "edge primed in {} ms",
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        } catch (RuntimeException e) { // priming is an optimisation: never stop the stack for it
            LOG.warn("edge priming stopped: {}", e.toString());
        }
    }

    private static final int PRIMING_ROUNDS = 300;
    private static final java.util.List<io.liveinsight.event.Event> PRIMING_EVENTS =
            java.util.List.of(new io.liveinsight.event.Event(
                    "priming-1",
                    "priming-user",
                    "priming-session",
                    "page_view",
                    0,
                    "https://priming.invalid/",
                    null,
                    "Mozilla/5.0",
                    java.util.Map.of(),
                    null,
                    null,
                    null,
                    null,
                    0,
                    null,
                    false,
                    false));

    private void createResources() {
        LiveInsightResources.createTables(dynamoDb, config.tables());
        if (config.defaultSite()
                && DefaultSite.ensure(new SiteAdmin(dynamoDb, config.tables().sites()), LocalConfig.DEFAULT_SITE_LIMITS)
                        == DefaultSite.State.DISABLED) {
            LOG.warn("the registry's default site is disabled: requests naming no site are refused"
                    + " (bin/site enable default)");
        }
        LiveInsightResources.createLeaseTable(dynamoDb, config.applicationName());
        config.archive()
                .ifPresent(archive -> LiveInsightResources.createLeaseTable(dynamoDb, archive.applicationName()));
        LiveInsightResources.createStream(kinesis, config.streamName(), config.shards());
        LiveInsightResources.createStream(kinesis, config.deadLetterStream(), 1);
    }

    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /**
     * Stops the edge, then the consumer and the archiver side by side (each hands its leases over). The archiver first
     * polls twice more, so what the edge accepted last is read too (kinesis-mock keeps no stream across runs unless
     * told to), then writes what it holds and checkpoints.
     */
    @Override
    public void close() {
        KclConsumer running;
        KclArchiver archiving;
        synchronized (lock) {
            closed = true;
            running = consumer;
            archiving = archiver;
        }
        setup.interrupt();
        edge.close();
        if (publisher != null) {
            publisher.close();
        }
        Thread archiverStop = null;
        if (archiving != null) {
            archiverStop = new Thread(
                    () -> {
                        if (archiving.status().processing()) {
                            pause(archiving.config().pollInterval().multipliedBy(2));
                        }
                        archiving.close();
                    },
                    "liveinsight-archiver-stop");
            archiverStop.start();
        }
        if (running != null) {
            running.close();
        }
        if (archiverStop != null) {
            try {
                archiverStop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            setup.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeClients();
    }

    private void closeClients() {
        probes.close();
        dynamoDb.close();
        kinesis.close();
    }
}
