package io.liveinsight.processor.config;

import io.liveinsight.event.EventLimits;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.Defaults;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the consumer reads from its environment, read in one place.
 *
 * @param streamName the Kinesis stream ({@code STREAM_NAME})
 * @param applicationName the KCL application, which names its lease table ({@code KCL_APPLICATION_NAME})
 * @param tables the three tables ({@code TABLE_PREFIX}, default {@code LiveInsight})
 * @param region {@code AWS_REGION}
 * @param kinesisEndpoint override for kinesis-mock or LocalStack ({@code AWS_ENDPOINT_URL_KINESIS}, else
 *     {@code AWS_ENDPOINT_URL}); null for real AWS
 * @param dynamoDbEndpoint likewise ({@code AWS_ENDPOINT_URL_DYNAMODB})
 * @param cloudWatchEndpoint likewise ({@code AWS_ENDPOINT_URL_CLOUDWATCH})
 * @param pollInterval time between GetRecords calls per shard ({@code POLL_INTERVAL_MS}); 250 ms keeps the view
 *     live within a second and uses 4 of a shard's 5 reads per second
 * @param fastStartup shorter lease timings for a one-machine run ({@code KCL_FAST_STARTUP}); off in AWS
 * @param deadLetterStream where poison records go ({@code DEAD_LETTER_STREAM})
 * @param fanOut enhanced fan-out instead of polling ({@code RETRIEVAL=fanout}): a dedicated 2 MB/s pipe per
 *     consumer, pushed over HTTP/2, at extra cost; polling is the default
 * @param publishMetrics send metrics to CloudWatch ({@code PUBLISH_METRICS}, default true; the local stack shows
 *     them at {@code /metrics} instead)
 * @param stage the deployment stage ({@code STAGE}, default {@code local}): the {@code Stage} dimension of every
 *     metric, so that stages sharing an account and region keep apart in alarms and dashboards; the CDK app sets
 *     {@code dev} or {@code prod}
 * @param resilience retry and throttling protection per table
 * @param stuckShardAfter how long a batch may wait unstored before its shard counts as stuck ({@code
 *     STUCK_SHARD_AFTER_MS}, default 60 s): {@code /health} answers 503 naming it, and {@code OldestUnstoredBatchAge}
 *     passes the alarm's threshold (the CDK app sets both from one setting)
 * @param conversionTypes event types that count as conversions in the rollups ({@code CONVERSION_EVENT_TYPES},
 *     comma-separated; default {@code conversion,purchase,signup})
 */
public record ProcessorConfig(
        String streamName,
        String applicationName,
        TableNames tables,
        String region,
        URI kinesisEndpoint,
        URI dynamoDbEndpoint,
        URI cloudWatchEndpoint,
        Duration pollInterval,
        boolean fastStartup,
        String deadLetterStream,
        boolean fanOut,
        boolean publishMetrics,
        String stage,
        ResilienceSettings resilience,
        Duration stuckShardAfter,
        Set<String> conversionTypes) {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);
    /** KCL's floor for the polling interval. */
    public static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(200);
    /** A batch unstored this long means its shard is stuck (the store's own retries give up within seconds). */
    public static final Duration DEFAULT_STUCK_SHARD_AFTER = Duration.ofSeconds(60);
    /** Below this, the backoff of an ordinary throttled write would already count as stuck. */
    public static final Duration MIN_STUCK_SHARD_AFTER = Duration.ofSeconds(1);

    /** The event types counted as conversions unless configured. */
    public static final Set<String> DEFAULT_CONVERSIONS = Set.of("conversion", "purchase", "signup");

    public ProcessorConfig {
        conversionTypes = Set.copyOf(conversionTypes);
        for (String type : conversionTypes) {
            if (type.length() > EventLimits.MAX_EVENT_TYPE_CHARS || !type.matches("[a-z0-9_.:-]+")) {
                throw new IllegalArgumentException("CONVERSION_EVENT_TYPES: not an event type: " + type);
            }
        }
        require(streamName, "STREAM_NAME");
        require(applicationName, "KCL_APPLICATION_NAME");
        require(deadLetterStream, "DEAD_LETTER_STREAM");
        Defaults.checkStage(stage);
        if (pollInterval.compareTo(MIN_POLL_INTERVAL) < 0) {
            throw new IllegalArgumentException("POLL_INTERVAL_MS must be at least " + MIN_POLL_INTERVAL.toMillis());
        }
        if (stuckShardAfter == null || stuckShardAfter.compareTo(MIN_STUCK_SHARD_AFTER) < 0) {
            throw new IllegalArgumentException(
                    "STUCK_SHARD_AFTER_MS must be at least " + MIN_STUCK_SHARD_AFTER.toMillis() + ", is "
                            + (stuckShardAfter == null ? null : stuckShardAfter.toMillis()));
        }
    }

    public static ProcessorConfig fromEnvironment(Map<String, String> env) {
        return new ProcessorConfig(
                env.getOrDefault("STREAM_NAME", Defaults.STREAM_NAME),
                env.getOrDefault("KCL_APPLICATION_NAME", Defaults.APPLICATION_NAME),
                TableNames.withPrefix(env.getOrDefault("TABLE_PREFIX", TableNames.DEFAULT_PREFIX)),
                env.getOrDefault("AWS_REGION", Defaults.REGION),
                endpoint(env, "AWS_ENDPOINT_URL_KINESIS"),
                endpoint(env, "AWS_ENDPOINT_URL_DYNAMODB"),
                endpoint(env, "AWS_ENDPOINT_URL_CLOUDWATCH"),
                Duration.ofMillis(Long.parseLong(
                        env.getOrDefault("POLL_INTERVAL_MS", Long.toString(DEFAULT_POLL_INTERVAL.toMillis())))),
                Boolean.parseBoolean(env.getOrDefault("KCL_FAST_STARTUP", "false")),
                env.getOrDefault("DEAD_LETTER_STREAM", Defaults.DEAD_LETTER_STREAM),
                "fanout".equalsIgnoreCase(env.getOrDefault("RETRIEVAL", "polling")),
                Boolean.parseBoolean(env.getOrDefault("PUBLISH_METRICS", "true")),
                env.getOrDefault("STAGE", Defaults.STAGE).strip(),
                ResilienceSettings.fromEnvironment(env),
                millis(env, "STUCK_SHARD_AFTER_MS", DEFAULT_STUCK_SHARD_AFTER),
                conversions(env.get("CONVERSION_EVENT_TYPES")));
    }

    /** The local stack's settings: fast KCL start-up, no CloudWatch, default resilience. */
    public static ProcessorConfig local(
            String streamName,
            String applicationName,
            TableNames tables,
            URI kinesis,
            URI dynamoDb,
            String deadLetters) {
        return new ProcessorConfig(
                streamName,
                applicationName,
                tables,
                Defaults.REGION,
                kinesis,
                dynamoDb,
                null,
                DEFAULT_POLL_INTERVAL,
                true,
                deadLetters,
                false,
                false,
                Defaults.STAGE,
                ResilienceSettings.DEFAULTS,
                DEFAULT_STUCK_SHARD_AFTER,
                DEFAULT_CONVERSIONS);
    }

    /** This config with another {@code Stage} dimension. */
    public ProcessorConfig withStage(String otherStage) {
        return new ProcessorConfig(
                streamName,
                applicationName,
                tables,
                region,
                kinesisEndpoint,
                dynamoDbEndpoint,
                cloudWatchEndpoint,
                pollInterval,
                fastStartup,
                deadLetterStream,
                fanOut,
                publishMetrics,
                otherStage,
                resilience,
                stuckShardAfter,
                conversionTypes);
    }

    /** This config with another threshold for a stuck shard. */
    public ProcessorConfig withStuckShardAfter(Duration after) {
        return new ProcessorConfig(
                streamName,
                applicationName,
                tables,
                region,
                kinesisEndpoint,
                dynamoDbEndpoint,
                cloudWatchEndpoint,
                pollInterval,
                fastStartup,
                deadLetterStream,
                fanOut,
                publishMetrics,
                stage,
                resilience,
                after,
                conversionTypes);
    }

    private static Set<String> conversions(String configured) {
        if (configured == null || configured.isBlank()) {
            return DEFAULT_CONVERSIONS;
        }
        return Arrays.stream(configured.split(","))
                .map(String::strip)
                .filter(type -> !type.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public Optional<URI> kinesisEndpointOverride() {
        return Optional.ofNullable(kinesisEndpoint);
    }

    public Optional<URI> dynamoDbEndpointOverride() {
        return Optional.ofNullable(dynamoDbEndpoint);
    }

    public Optional<URI> cloudWatchEndpointOverride() {
        return Optional.ofNullable(cloudWatchEndpoint);
    }

    private static URI endpoint(Map<String, String> env, String serviceVariable) {
        String value = env.getOrDefault(serviceVariable, env.get("AWS_ENDPOINT_URL"));
        return value == null || value.isBlank() ? null : URI.create(value);
    }

    private static Duration millis(Map<String, String> env, String name, Duration fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Duration.ofMillis(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + " must be a whole number of milliseconds, was '" + value + "'", e);
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
