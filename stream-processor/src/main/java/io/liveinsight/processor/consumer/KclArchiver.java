package io.liveinsight.processor.consumer;

import io.liveinsight.event.time.Sleeper;
import io.liveinsight.processor.archive.ArchiveMetrics;
import io.liveinsight.processor.archive.ArchiveStatus;
import io.liveinsight.processor.archive.ArchiveWriter;
import io.liveinsight.processor.archive.file.FileArchiveSink;
import io.liveinsight.processor.config.ArchiveConfig;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.health.AwsProbes;
import io.liveinsight.processor.progress.ShardProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;

/**
 * The local archive of everything the stream accepted (docs/contract/archive.md#layout): a second KCL application on
 * the stream, under its own name ({@link ArchiveConfig#applicationName()}: its own lease table and checkpoints,
 * independent of the consumer's), whose processors ({@link ArchiveRecordProcessor}) write every record to files in
 * the layout Firehose writes in AWS, at least once. It runs on the consumer's KCL configuration ({@link KclRunner}),
 * polling every {@link ArchiveConfig#pollInterval()}, and resharding is KCL's: a parent shard is finished (and its
 * buffer written) before its children are read.
 */
public final class KclArchiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KclArchiver.class);
    /** A temporary file older than this at start-up was left by a stopped run. */
    static final Duration LEFTOVER_AGE = Duration.ofMinutes(1);

    private final ArchiveConfig config;
    private final Path directory;
    private final KclClients clients;
    private final AwsProbes probes;
    private final ShardProgress progress;
    private final ArchiveMetrics metrics = new ArchiveMetrics();
    private final KclRunner runner;

    private KclArchiver(ProcessorConfig stream, ArchiveConfig config, Path directory) {
        this.config = config;
        this.directory = directory;
        Clock clock = Clock.systemUTC();
        AtomicBoolean stopping = new AtomicBoolean();
        this.progress = new ShardProgress(clock, config.stuckAfter());
        ArchiveWriter writer = new ArchiveWriter(
                new FileArchiveSink(directory, stream.streamName(), clock), metrics, Sleeper.SYSTEM, stopping::get);
        this.clients = KclClients.create(stream);
        this.probes =
                AwsProbes.create(Region.of(stream.region()), stream.kinesisEndpoint(), stream.dynamoDbEndpoint(), null);
        this.runner = new KclRunner(
                new KclRunner.Application(
                        stream.streamName(),
                        config.applicationName(),
                        config.pollInterval(),
                        stream.fastStartup(),
                        false),
                clients,
                () -> new ArchiveRecordProcessor(config.policy(), writer, progress, clock),
                new KclRunner.Dependencies(
                        probes.stream(stream.streamName()),
                        "stream " + stream.streamName(),
                        probes.dynamoDb(),
                        "lease table " + config.applicationName()),
                stopping);
    }

    /**
     * Starts archiving in the background; returns at once, whether or not Kinesis and DynamoDB answer yet. Takes the
     * stream, region, endpoints and lease timings of {@code stream} (the consumer's configuration).
     *
     * @throws UncheckedIOException if the archive folder cannot be created or written
     */
    public static KclArchiver start(ProcessorConfig stream, ArchiveConfig config) {
        Path directory;
        try {
            directory = FileArchiveSink.prepare(config.directory());
        } catch (IOException e) {
            throw new UncheckedIOException("archive folder " + config.directory() + " cannot be used: " + e, e);
        }
        int leftovers = FileArchiveSink.removeLeftovers(
                directory, Clock.systemUTC().instant().minus(LEFTOVER_AGE));
        KclArchiver archiver = new KclArchiver(stream, config, directory);
        archiver.runner.start();
        LOG.info(
                "archiver started: stream {} to {}, application {}, flushed every {} s or {} bytes{}",
                stream.streamName(),
                directory,
                config.applicationName(),
                config.policy().maxAge().toSeconds(),
                config.policy().maxBytes(),
                leftovers == 0 ? "" : " (" + leftovers + " temporary files of a stopped run removed)");
        return archiver;
    }

    /** The archive folder, absolute. */
    public Path directory() {
        return directory;
    }

    public ArchiveConfig config() {
        return config;
    }

    /**
     * The archiver's figures since start ({@link ArchiveMetrics}): counts, its read lag, the age of its oldest
     * unwritten record and its stuck shards.
     */
    public Map<String, Double> metrics() {
        ShardProgress.Snapshot shards = progress.snapshot();
        Map<String, Double> all = new LinkedHashMap<>(metrics.totals());
        all.put(ArchiveMetrics.MILLIS_BEHIND_LATEST, (double) shards.maxMillisBehindLatest());
        all.put(ArchiveMetrics.OLDEST_UNWRITTEN_RECORD_AGE, (double)
                shards.oldestUnstoredRecordAge().toMillis());
        all.put(ArchiveMetrics.STUCK_SHARDS, (double) shards.stuckShards().size());
        return all;
    }

    /** For {@code /health}: running, and no shard whose records have waited unwritten past the threshold. */
    public ArchiveStatus status() {
        ShardProgress.Snapshot shards = progress.snapshot();
        return new ArchiveStatus(
                runner.isProcessing(),
                shards.stuckShards(),
                shards.oldestUnstoredRecordAge().toMillis(),
                shards.maxMillisBehindLatest(),
                metrics.recordsWritten());
    }

    /** True while it runs or waits for its dependencies, until closed. */
    public boolean isRunning() {
        return runner.isRunning();
    }

    /** Writes what each shard holds, checkpoints, and releases the leases (at most 25 s); then closes the clients. */
    @Override
    public void close() {
        runner.close();
        probes.close();
        clients.close();
    }
}
