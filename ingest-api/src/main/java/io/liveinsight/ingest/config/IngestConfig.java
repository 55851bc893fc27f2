package io.liveinsight.ingest.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the edge reads from its environment, read in one place.
 *
 * @param streamName the Kinesis stream ({@code STREAM_NAME})
 * @param region the AWS region ({@code AWS_REGION})
 * @param kinesisEndpoint an endpoint override for kinesis-mock or LocalStack ({@code AWS_ENDPOINT_URL_KINESIS},
 *     else {@code AWS_ENDPOINT_URL}); null for real AWS
 * @param publishBudget how long a request may spend retrying Kinesis before it answers 503
 */
public record IngestConfig(String streamName, String region, URI kinesisEndpoint, Duration publishBudget) {

    public static final String DEFAULT_STREAM_NAME = "LiveInsight-Events";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final Duration DEFAULT_PUBLISH_BUDGET = Duration.ofSeconds(3);

    public IngestConfig {
        if (streamName == null || streamName.isBlank()) {
            throw new IllegalArgumentException("STREAM_NAME must not be blank");
        }
        if (publishBudget.isNegative() || publishBudget.isZero()) {
            throw new IllegalArgumentException("PUBLISH_BUDGET_MS must be positive");
        }
    }

    public static IngestConfig fromEnvironment(Map<String, String> env) {
        return new IngestConfig(
                env.getOrDefault("STREAM_NAME", DEFAULT_STREAM_NAME),
                env.getOrDefault("AWS_REGION", DEFAULT_REGION),
                endpoint(env, "AWS_ENDPOINT_URL_KINESIS").orElse(null),
                Duration.ofMillis(Long.parseLong(
                        env.getOrDefault("PUBLISH_BUDGET_MS", Long.toString(DEFAULT_PUBLISH_BUDGET.toMillis())))));
    }

    public Optional<URI> kinesisEndpointOverride() {
        return Optional.ofNullable(kinesisEndpoint);
    }

    private static Optional<URI> endpoint(Map<String, String> env, String serviceVariable) {
        String value = env.getOrDefault(serviceVariable, env.get("AWS_ENDPOINT_URL"));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(URI.create(value));
    }
}
