package io.liveinsight.ingest.config;

import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.Defaults;
import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.ingest.http.CorsPolicy;
import io.liveinsight.ingest.http.EdgeOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the edge reads from its environment, read in one place; bad values fail at start-up.
 *
 * @param streamName the Kinesis stream ({@code STREAM_NAME})
 * @param region the AWS region ({@code AWS_REGION})
 * @param kinesisEndpoint an endpoint override for kinesis-mock or LocalStack ({@code AWS_ENDPOINT_URL_KINESIS},
 *     else {@code AWS_ENDPOINT_URL}); null for real AWS
 * @param publishBudget how long a request may spend retrying Kinesis before it answers 503 ({@code PUBLISH_BUDGET_MS})
 * @param allowedOrigins CORS origins ({@code ALLOWED_ORIGINS}, comma-separated; {@code https://*.example.com}
 *     allows subdomains); {@code *} only with {@code localDevelopment}
 * @param localDevelopment the local stack, not AWS ({@code LIVEINSIGHT_LOCAL_DEV=true})
 * @param anonymizeIp keep only the /24 or /48 of the client address ({@code ANONYMIZE_IP}, default true)
 * @param trustedProxyHops proxies in front of API Gateway, e.g. 1 behind CloudFront ({@code TRUSTED_PROXY_HOPS})
 * @param retryAfterSeconds the Retry-After of a 503 ({@code RETRY_AFTER_SECONDS})
 * @param stage the deployment stage ({@code STAGE}, default {@code local}): the {@code Stage} dimension of every
 *     metric, so that stages sharing an account and region keep apart in alarms and dashboards; the CDK app sets
 *     {@code dev} or {@code prod}
 * @param replayKeySha256 the replay key's SHA-256 in hex ({@code REPLAY_KEY_SHA256}, docs/contract/replay.md#lane),
 *     never the key itself; null (unset or blank): the replay lane is off and every replay request is refused
 * @param sites the default site, the Sites table, the registry cache's age and the deployment's ceiling
 *     ({@link SiteSettings})
 */
public record IngestConfig(
        String streamName,
        String region,
        URI kinesisEndpoint,
        Duration publishBudget,
        List<String> allowedOrigins,
        boolean localDevelopment,
        boolean anonymizeIp,
        int trustedProxyHops,
        int retryAfterSeconds,
        String stage,
        String replayKeySha256,
        SiteSettings sites) {

    public static final Duration DEFAULT_PUBLISH_BUDGET = Duration.ofSeconds(3);
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 1;
    public static final String ANY_ORIGIN = "*";

    public IngestConfig {
        if (streamName == null || streamName.isBlank()) {
            throw new IllegalArgumentException("STREAM_NAME must not be blank");
        }
        if (publishBudget.isNegative() || publishBudget.isZero()) {
            throw new IllegalArgumentException("PUBLISH_BUDGET_MS must be positive");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
        if (allowedOrigins.contains(ANY_ORIGIN) && !localDevelopment) {
            throw new IllegalArgumentException(
                    "ALLOWED_ORIGINS=* is for local development only (LIVEINSIGHT_LOCAL_DEV=true); list the origins");
        }
        for (String origin : allowedOrigins) {
            if (!origin.equals(ANY_ORIGIN) && !origin.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException("ALLOWED_ORIGINS entry is not scheme://host[:port]: " + origin);
            }
        }
        if (trustedProxyHops < 0 || retryAfterSeconds < 1) {
            throw new IllegalArgumentException("TRUSTED_PROXY_HOPS must be >= 0 and RETRY_AFTER_SECONDS >= 1");
        }
        Defaults.checkStage(stage);
        replayKeySha256 = replayKeySha256 == null || replayKeySha256.isBlank() ? null : replayKeySha256.strip();
        if (replayKeySha256 != null && !replayKeySha256.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException(
                    "REPLAY_KEY_SHA256 must be a SHA-256 in hex (64 characters of 0-9 a-f), not the key itself");
        }
        sites = sites == null ? SiteSettings.DEFAULTS : sites;
    }

    /** With the sites' defaults ({@link SiteSettings#DEFAULTS}: no default site). */
    public IngestConfig(
            String streamName,
            String region,
            URI kinesisEndpoint,
            Duration publishBudget,
            List<String> allowedOrigins,
            boolean localDevelopment,
            boolean anonymizeIp,
            int trustedProxyHops,
            int retryAfterSeconds,
            String stage,
            String replayKeySha256) {
        this(
                streamName,
                region,
                kinesisEndpoint,
                publishBudget,
                allowedOrigins,
                localDevelopment,
                anonymizeIp,
                trustedProxyHops,
                retryAfterSeconds,
                stage,
                replayKeySha256,
                SiteSettings.DEFAULTS);
    }

    /** Without a replay key: the replay lane is off. */
    public IngestConfig(
            String streamName,
            String region,
            URI kinesisEndpoint,
            Duration publishBudget,
            List<String> allowedOrigins,
            boolean localDevelopment,
            boolean anonymizeIp,
            int trustedProxyHops,
            int retryAfterSeconds,
            String stage) {
        this(
                streamName,
                region,
                kinesisEndpoint,
                publishBudget,
                allowedOrigins,
                localDevelopment,
                anonymizeIp,
                trustedProxyHops,
                retryAfterSeconds,
                stage,
                null);
    }

    /** An edge with no CORS origin and the defaults (what the local stack built before CORS existed). */
    public IngestConfig(String streamName, String region, URI kinesisEndpoint, Duration publishBudget) {
        this(
                streamName,
                region,
                kinesisEndpoint,
                publishBudget,
                List.of(),
                false,
                true,
                0,
                DEFAULT_RETRY_AFTER_SECONDS,
                Defaults.STAGE);
    }

    /** The local stack's edge: any origin may call it, and requests without a key go to the default site. */
    public static IngestConfig localDevelopment(String streamName, String region, URI kinesisEndpoint) {
        return new IngestConfig(
                streamName,
                region,
                kinesisEndpoint,
                DEFAULT_PUBLISH_BUDGET,
                List.of(ANY_ORIGIN),
                true,
                true,
                0,
                DEFAULT_RETRY_AFTER_SECONDS,
                Defaults.STAGE,
                null,
                SiteSettings.DEFAULTS.withDefaultSite(true));
    }

    public static IngestConfig fromEnvironment(Map<String, String> env) {
        return new IngestConfig(
                env.getOrDefault("STREAM_NAME", Defaults.STREAM_NAME),
                env.getOrDefault("AWS_REGION", Defaults.REGION),
                endpoint(env, "AWS_ENDPOINT_URL_KINESIS").orElse(null),
                Duration.ofMillis(integer(env, "PUBLISH_BUDGET_MS", DEFAULT_PUBLISH_BUDGET.toMillis())),
                Arrays.stream(env.getOrDefault("ALLOWED_ORIGINS", "").split(","))
                        .map(String::strip)
                        .filter(origin -> !origin.isEmpty())
                        .toList(),
                bool(env, "LIVEINSIGHT_LOCAL_DEV", false),
                bool(env, "ANONYMIZE_IP", true),
                (int) integer(env, "TRUSTED_PROXY_HOPS", 0),
                (int) integer(env, "RETRY_AFTER_SECONDS", DEFAULT_RETRY_AFTER_SECONDS),
                env.getOrDefault("STAGE", Defaults.STAGE).strip(),
                env.get("REPLAY_KEY_SHA256"),
                siteSettings(env));
    }

    private static SiteSettings siteSettings(Map<String, String> env) {
        String prefix = env.getOrDefault("TABLE_PREFIX", TableNames.DEFAULT_PREFIX);
        String table = env.get("SITES_TABLE_NAME");
        return new SiteSettings(
                onOff(env, "DEFAULT_SITE"),
                table == null || table.isBlank() ? TableNames.withPrefix(prefix).sites() : table.strip(),
                Duration.ofSeconds(integer(env, "SITE_CACHE_SECONDS", SiteSettings.DEFAULT_CACHE_AGE.toSeconds())),
                (int) integer(env, "DEPLOYMENT_EVENTS_PER_S", SiteSettings.DEFAULT_DEPLOYMENT_EVENTS_PER_S),
                (int) integer(env, "DEPLOYMENT_BURST", SiteSettings.DEFAULT_DEPLOYMENT_BURST));
    }

    /** {@code on} or {@code off} (also true/false), off when unset. */
    private static boolean onOff(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "on", "true", "1", "yes" -> true;
            case "off", "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be on or off, is " + value);
        };
    }

    /** This edge with the replay lane open to the key whose SHA-256 is {@code sha256Hex} (null: lane off). */
    public IngestConfig withReplayKeySha256(String sha256Hex) {
        return new IngestConfig(
                streamName,
                region,
                kinesisEndpoint,
                publishBudget,
                allowedOrigins,
                localDevelopment,
                anonymizeIp,
                trustedProxyHops,
                retryAfterSeconds,
                stage,
                sha256Hex,
                sites);
    }

    /** This edge with other site settings. */
    public IngestConfig withSites(SiteSettings settings) {
        return new IngestConfig(
                streamName,
                region,
                kinesisEndpoint,
                publishBudget,
                allowedOrigins,
                localDevelopment,
                anonymizeIp,
                trustedProxyHops,
                retryAfterSeconds,
                stage,
                replayKeySha256,
                settings);
    }

    /** The replay lane's key (its digest only), empty when the lane is off. */
    public Optional<ReplayKey> replayKey() {
        return Optional.ofNullable(replayKeySha256).map(ReplayKey::fromSha256Hex);
    }

    /** Every setting but the replay key's digest (it also keys the replay id mapping), which shows only as set or not. */
    @Override
    public String toString() {
        return "IngestConfig[streamName=" + streamName + ", region=" + region + ", kinesisEndpoint=" + kinesisEndpoint
                + ", publishBudget=" + publishBudget + ", allowedOrigins=" + allowedOrigins + ", localDevelopment="
                + localDevelopment + ", anonymizeIp=" + anonymizeIp + ", trustedProxyHops=" + trustedProxyHops
                + ", retryAfterSeconds=" + retryAfterSeconds + ", stage=" + stage + ", replayLane="
                + (replayKeySha256 == null ? "off" : "on") + ", sites=" + sites + "]";
    }

    public Optional<URI> kinesisEndpointOverride() {
        return Optional.ofNullable(kinesisEndpoint);
    }

    public CorsPolicy corsPolicy() {
        return CorsPolicy.of(allowedOrigins);
    }

    public EdgeOptions edgeOptions() {
        return new EdgeOptions(anonymizeIp, trustedProxyHops, retryAfterSeconds);
    }

    private static Optional<URI> endpoint(Map<String, String> env, String serviceVariable) {
        String value = env.getOrDefault(serviceVariable, env.get("AWS_ENDPOINT_URL"));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(URI.create(value));
    }

    private static long integer(Map<String, String> env, String name, long defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, is " + value, e);
        }
    }

    private static boolean bool(Map<String, String> env, String name, boolean defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, is " + value);
        };
    }
}
