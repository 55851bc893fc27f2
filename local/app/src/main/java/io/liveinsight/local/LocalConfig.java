package io.liveinsight.local;

import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.Defaults;
import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.local.coalesce.CoalesceSettings;
import io.liveinsight.processor.config.ArchiveConfig;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the local stack runs, read from the environment in one place. With no endpoint set it starts DynamoDB Local
 * and kinesis-mock itself; with {@code AWS_ENDPOINT_URL} (or the per-service variables) it uses those instead, for
 * example an external LocalStack.
 *
 * @param host the address the edge binds ({@code LIVEINSIGHT_HOST}, 127.0.0.1)
 * @param edgePort {@code LIVEINSIGHT_PORT} (8080)
 * @param dynamoDbPort port for the embedded DynamoDB Local ({@code DYNAMODB_PORT}, 8000)
 * @param kinesisPort port for the embedded kinesis-mock ({@code KINESIS_PORT}, 4568)
 * @param dynamoDbEndpoint an external DynamoDB ({@code AWS_ENDPOINT_URL_DYNAMODB}), or null to embed one
 * @param kinesisEndpoint an external Kinesis ({@code AWS_ENDPOINT_URL_KINESIS}), or null to embed one
 * @param dataDirectory where DynamoDB Local keeps data between runs ({@code LIVEINSIGHT_DATA_DIR}); null: in memory
 * @param consumer run the KCL consumer in this process ({@code LIVEINSIGHT_CONSUMER}, {@code on} or {@code off},
 *     default on); off, the edge runs alone and consumers run as separate processes
 *     ({@code java -cp liveinsight-local.jar io.liveinsight.processor.Main}), and {@code /health} has no
 *     {@code consumer} entry
 * @param replayKey the replay lane's key ({@code LIVEINSIGHT_REPLAY_KEY}, default {@link #DEFAULT_REPLAY_KEY}: fixed
 *     and public, for this machine only; {@code off} closes the lane); the edge gets its SHA-256 only
 *     (docs/contract/replay.md#lane)
 * @param archiveDirectory where the local archiver writes everything the stream accepted
 *     ({@code LIVEINSIGHT_ARCHIVE_DIR}, made absolute; docs/contract/archive.md#layout), or null: no archive (unset,
 *     blank or {@code off})
 * @param archiveFlushAge how long a record may wait in the archiver's buffer before it is written to a file
 *     ({@code LIVEINSIGHT_ARCHIVE_FLUSH_S}, whole seconds from 1 to {@value #MAX_ARCHIVE_FLUSH_S}, default 60)
 * @param coalesce the edge gathers concurrent requests' records into shared PutRecords calls
 *     ({@code LIVEINSIGHT_EDGE_COALESCE}, {@code on} or {@code off}, default on; docs/contract/local.md#coalescing);
 *     off, each request makes its own call, as the Lambda does
 * @param coalesceInFlight with coalescing, PutRecords calls in flight at once
 *     ({@code LIVEINSIGHT_EDGE_COALESCE_IN_FLIGHT}, 1 to 16, default {@link CoalesceSettings#DEFAULT_MAX_IN_FLIGHT})
 * @param defaultSite requests naming no site are taken as the site {@code default} ({@code LIVEINSIGHT_DEFAULT_SITE},
 *     {@code on} or {@code off}, default on: today's behaviour); on, the stack adds the default site to the registry
 *     at start-up if it has none and says so in a warning line (docs/contract/sites.md#the-default-site)
 */
public record LocalConfig(
        String host,
        int edgePort,
        int dynamoDbPort,
        int kinesisPort,
        URI dynamoDbEndpoint,
        URI kinesisEndpoint,
        String streamName,
        int shards,
        TableNames tables,
        String applicationName,
        Path dataDirectory,
        boolean consumer,
        String replayKey,
        Path archiveDirectory,
        Duration archiveFlushAge,
        boolean coalesce,
        int coalesceInFlight,
        boolean defaultSite) {

    /** The consumer's dead-letter stream: the main stream's name + {@code -DeadLetters}. */
    public String deadLetterStream() {
        return streamName + "-DeadLetters";
    }

    /**
     * The local stack's ceiling, and every limit of the default site it creates (docs/contract/local.md#default-site): all
     * local traffic comes from one address, and the stack is where load tests run, so only sites added with their own
     * limits are limited here.
     */
    public static final int LOCAL_EVENTS_PER_S = 100_000;

    public static final io.liveinsight.event.site.SiteLimits DEFAULT_SITE_LIMITS =
            new io.liveinsight.event.site.SiteLimits(
                    LOCAL_EVENTS_PER_S,
                    2 * LOCAL_EVENTS_PER_S,
                    LOCAL_EVENTS_PER_S,
                    2 * LOCAL_EVENTS_PER_S,
                    LOCAL_EVENTS_PER_S,
                    2 * LOCAL_EVENTS_PER_S);

    public static final int DEFAULT_EDGE_PORT = 8080;
    public static final int DEFAULT_DYNAMODB_PORT = 8000;
    public static final int DEFAULT_KINESIS_PORT = 4568;
    /** The local stack's replay key: printed at start-up and in the docs, so never a deployment's. */
    public static final String DEFAULT_REPLAY_KEY = "local-replay-key-0123456789";

    public static final Duration DEFAULT_ARCHIVE_FLUSH_AGE = Duration.ofSeconds(60);
    /** Firehose's longest buffering interval. */
    public static final int MAX_ARCHIVE_FLUSH_S = 900;

    public static final int MAX_COALESCE_IN_FLIGHT = 16;

    /**
     * The local stack with the default replay key, no archive, coalescing on, the default site on: what the tests that
     * predate them build.
     */
    public LocalConfig(
            String host,
            int edgePort,
            int dynamoDbPort,
            int kinesisPort,
            URI dynamoDbEndpoint,
            URI kinesisEndpoint,
            String streamName,
            int shards,
            TableNames tables,
            String applicationName,
            Path dataDirectory,
            boolean consumer) {
        this(
                host,
                edgePort,
                dynamoDbPort,
                kinesisPort,
                dynamoDbEndpoint,
                kinesisEndpoint,
                streamName,
                shards,
                tables,
                applicationName,
                dataDirectory,
                consumer,
                DEFAULT_REPLAY_KEY,
                null,
                DEFAULT_ARCHIVE_FLUSH_AGE,
                true,
                CoalesceSettings.DEFAULT_MAX_IN_FLIGHT,
                true);
    }

    public LocalConfig {
        for (int port : new int[] {edgePort, dynamoDbPort, kinesisPort}) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
        if (coalesceInFlight < 1 || coalesceInFlight > MAX_COALESCE_IN_FLIGHT) {
            throw new IllegalArgumentException("LIVEINSIGHT_EDGE_COALESCE_IN_FLIGHT must be 1 to "
                    + MAX_COALESCE_IN_FLIGHT + ", was " + coalesceInFlight);
        }
        if (shards < 1) {
            throw new IllegalArgumentException("STREAM_SHARDS must be at least 1");
        }
        if (replayKey != null && replayKey.length() < ReplayKey.MIN_CHARS) {
            throw new IllegalArgumentException("LIVEINSIGHT_REPLAY_KEY must have at least " + ReplayKey.MIN_CHARS
                    + " characters (or be off), has " + replayKey.length());
        }
        if (archiveFlushAge == null
                || archiveFlushAge.compareTo(Duration.ofSeconds(1)) < 0
                || archiveFlushAge.compareTo(Duration.ofSeconds(MAX_ARCHIVE_FLUSH_S)) > 0) {
            throw new IllegalArgumentException("LIVEINSIGHT_ARCHIVE_FLUSH_S must be 1 to " + MAX_ARCHIVE_FLUSH_S
                    + " seconds, is " + (archiveFlushAge == null ? null : archiveFlushAge.toSeconds()));
        }
        archiveDirectory = archiveDirectory == null
                ? null
                : archiveDirectory.toAbsolutePath().normalize();
    }

    /** The SHA-256 the edge holds ({@code REPLAY_KEY_SHA256}), null when the lane is off. */
    public String replayKeySha256() {
        return replayKey == null ? null : ReplayKey.of(replayKey).sha256Hex();
    }

    /** This config with the archive in {@code directory} (null: off), written at least every {@code flushAge}. */
    public LocalConfig withArchive(Path directory, Duration flushAge) {
        return new LocalConfig(
                host,
                edgePort,
                dynamoDbPort,
                kinesisPort,
                dynamoDbEndpoint,
                kinesisEndpoint,
                streamName,
                shards,
                tables,
                applicationName,
                dataDirectory,
                consumer,
                replayKey,
                directory,
                flushAge,
                coalesce,
                coalesceInFlight,
                defaultSite);
    }

    /** The archiver's settings when the archive is on: its own KCL application, {@code <KCL_APPLICATION_NAME>-archive}. */
    public Optional<ArchiveConfig> archive() {
        return Optional.ofNullable(archiveDirectory)
                .map(directory -> ArchiveConfig.local(directory, applicationName, archiveFlushAge));
    }

    public static LocalConfig fromEnvironment(Map<String, String> env) {
        return new LocalConfig(
                env.getOrDefault("LIVEINSIGHT_HOST", "127.0.0.1"),
                integer(env, "LIVEINSIGHT_PORT", DEFAULT_EDGE_PORT),
                integer(env, "DYNAMODB_PORT", DEFAULT_DYNAMODB_PORT),
                integer(env, "KINESIS_PORT", DEFAULT_KINESIS_PORT),
                endpoint(env, "AWS_ENDPOINT_URL_DYNAMODB"),
                endpoint(env, "AWS_ENDPOINT_URL_KINESIS"),
                env.getOrDefault("STREAM_NAME", Defaults.STREAM_NAME),
                integer(env, "STREAM_SHARDS", 1),
                TableNames.withPrefix(env.getOrDefault("TABLE_PREFIX", TableNames.DEFAULT_PREFIX)),
                env.getOrDefault("KCL_APPLICATION_NAME", Defaults.APPLICATION_NAME),
                env.containsKey("LIVEINSIGHT_DATA_DIR") ? Path.of(env.get("LIVEINSIGHT_DATA_DIR")) : null,
                onOff(env, "LIVEINSIGHT_CONSUMER", true),
                replayKey(env.get("LIVEINSIGHT_REPLAY_KEY")),
                archiveDirectory(env.get("LIVEINSIGHT_ARCHIVE_DIR")),
                Duration.ofSeconds(
                        integer(env, "LIVEINSIGHT_ARCHIVE_FLUSH_S", (int) DEFAULT_ARCHIVE_FLUSH_AGE.toSeconds())),
                onOff(env, "LIVEINSIGHT_EDGE_COALESCE", true),
                integer(env, "LIVEINSIGHT_EDGE_COALESCE_IN_FLIGHT", CoalesceSettings.DEFAULT_MAX_IN_FLIGHT),
                onOff(env, "LIVEINSIGHT_DEFAULT_SITE", true));
    }

    private static String replayKey(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_REPLAY_KEY;
        }
        return value.strip().equalsIgnoreCase("off") ? null : value;
    }

    private static Path archiveDirectory(String value) {
        if (value == null
                || value.isBlank()
                || value.strip().toLowerCase(Locale.ROOT).equals("off")) {
            return null;
        }
        try {
            return Path.of(value.strip());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("LIVEINSIGHT_ARCHIVE_DIR is not a path: " + e.getMessage(), e);
        }
    }

    private static boolean onOff(Map<String, String> env, String name, boolean fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "on", "true", "1", "yes" -> true;
            case "off", "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be on or off, was '" + value + "'");
        };
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + value + "'", e);
        }
    }

    private static URI endpoint(Map<String, String> env, String serviceVariable) {
        String value = env.getOrDefault(serviceVariable, env.get("AWS_ENDPOINT_URL"));
        return value == null || value.isBlank() ? null : URI.create(value);
    }
}
