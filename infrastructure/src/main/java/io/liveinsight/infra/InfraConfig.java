package io.liveinsight.infra;

import io.liveinsight.event.contract.Defaults;
import io.liveinsight.event.replay.ReplayKey;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every setting of the deployment, read in one place: CDK context ({@code -c key=value} or cdk.json) first, then the
 * environment variable, then the default. Bad values fail at synth, before anything reaches AWS.
 *
 * @param stage {@code stage} / {@code LIVEINSIGHT_STAGE}: {@code dev} or {@code prod}; prefixes every name
 * @param streamShards {@code streamShards} / {@code STREAM_SHARDS}: 0 = on-demand (default), else provisioned shards
 * @param tableBilling {@code tableBilling} / {@code TABLE_BILLING}: on-demand (default) or provisioned with autoscaling
 * @param tableMinCapacity {@code tableMinCapacity}: provisioned read and write units, autoscaling floor
 * @param tableMaxCapacity {@code tableMaxCapacity}: provisioned read and write units, autoscaling ceiling
 * @param ingestMemoryMb {@code ingestMemoryMb} / {@code INGEST_MEMORY_MB}: the ingest Lambda's memory
 * @param api {@code api} / {@code API_TYPE}: HTTP API (default, cheaper) or REST API
 * @param allowedOrigins {@code allowedOrigins} / {@code ALLOWED_ORIGINS}: comma-separated origins the tracker may post
 *     from (the ingest Lambda's CORS allowlist); never {@code *}
 * @param throttleRate {@code throttleRate} / {@code THROTTLE_RATE}: API stage steady requests per second
 * @param throttleBurst {@code throttleBurst} / {@code THROTTLE_BURST}: API stage burst
 * @param processor {@code processor} / {@code PROCESSOR}: KCL on ECS Fargate (default) or a Lambda event source mapping
 * @param processorMinTasks {@code processorMinTasks}: Fargate tasks at the least
 * @param processorMaxTasks {@code processorMaxTasks}: Fargate tasks at the most (more than shards adds nothing)
 * @param dashboardAuth {@code dashboardAuth} / {@code DASHBOARD_AUTH}: a generated bearer token (default) or IAM
 * @param alarmEmail {@code alarmEmail} / {@code ALARM_EMAIL}: subscribed to the alarm topic when set (empty: none)
 * @param stuckShardAfterMs {@code stuckShardAfterMs} / {@code STUCK_SHARD_AFTER_MS}: how long a batch may wait
 *     unstored before its shard counts as stuck: the processor's {@code STUCK_SHARD_AFTER_MS} (its {@code /health})
 *     and the threshold of the {@code Processor-StuckShard} alarm
 * @param archive the archive of the events stream in S3 ({@code archive}, {@code archiveBufferMb}... see
 *     {@link ArchiveSettings})
 * @param replayKeySha256 {@code replayKeySha256} / {@code REPLAY_KEY_SHA256}: the replay key's SHA-256 in hex, the
 *     ingest Lambda's {@code REPLAY_KEY_SHA256} (docs/contract/replay.md#lane); empty (default): the replay lane is off
 * @param defaultSite {@code defaultSite} / {@code DEFAULT_SITE}: {@code on} takes requests naming no site as the
 *     site {@code default} (the ingest Lambda's {@code DEFAULT_SITE}; docs/contract/sites.md#the-default-site); off
 *     (default) every request needs a site key. Synth warns when on
 * @param assetsDir {@code assetsDir} / {@code ASSETS_DIR}: where the Maven build gathered the deployable artifacts
 */
public record InfraConfig(
        Stage stage,
        int streamShards,
        TableBilling tableBilling,
        int tableMinCapacity,
        int tableMaxCapacity,
        int ingestMemoryMb,
        ApiType api,
        List<String> allowedOrigins,
        int throttleRate,
        int throttleBurst,
        ProcessorMode processor,
        int processorMinTasks,
        int processorMaxTasks,
        DashboardAuth dashboardAuth,
        String alarmEmail,
        int stuckShardAfterMs,
        ArchiveSettings archive,
        String replayKeySha256,
        boolean defaultSite,
        Path assetsDir) {

    public enum Stage {
        DEV,
        PROD;

        public String id() {
            return name().toLowerCase();
        }
    }

    public enum TableBilling {
        ON_DEMAND,
        PROVISIONED
    }

    public enum ApiType {
        HTTP,
        REST
    }

    public enum ProcessorMode {
        FARGATE,
        LAMBDA
    }

    public enum DashboardAuth {
        TOKEN,
        IAM
    }

    public static final int DEFAULT_TABLE_MIN_CAPACITY = 5;
    public static final int DEFAULT_TABLE_MAX_CAPACITY = 1000;
    public static final int DEFAULT_INGEST_MEMORY_MB = 1024;
    public static final int DEFAULT_THROTTLE_RATE = 1000;
    public static final int DEFAULT_THROTTLE_BURST = 2000;
    public static final int DEFAULT_PROCESSOR_MIN_TASKS = 1;
    public static final int DEFAULT_PROCESSOR_MAX_TASKS = 4;
    public static final String DEFAULT_ASSETS_DIR = "target/assets";
    /** The processor's own default ({@code ProcessorConfig.DEFAULT_STUCK_SHARD_AFTER}). */
    public static final int DEFAULT_STUCK_SHARD_AFTER_MS = 60_000;

    /** Context keys and the environment variables that stand in for them. */
    static final Map<String, String> ENV = Map.ofEntries(
            Map.entry("stage", "LIVEINSIGHT_STAGE"),
            Map.entry("streamShards", "STREAM_SHARDS"),
            Map.entry("tableBilling", "TABLE_BILLING"),
            Map.entry("tableMinCapacity", "TABLE_MIN_CAPACITY"),
            Map.entry("tableMaxCapacity", "TABLE_MAX_CAPACITY"),
            Map.entry("ingestMemoryMb", "INGEST_MEMORY_MB"),
            Map.entry("api", "API_TYPE"),
            Map.entry("allowedOrigins", "ALLOWED_ORIGINS"),
            Map.entry("throttleRate", "THROTTLE_RATE"),
            Map.entry("throttleBurst", "THROTTLE_BURST"),
            Map.entry("processor", "PROCESSOR"),
            Map.entry("processorMinTasks", "PROCESSOR_MIN_TASKS"),
            Map.entry("processorMaxTasks", "PROCESSOR_MAX_TASKS"),
            Map.entry("dashboardAuth", "DASHBOARD_AUTH"),
            Map.entry("alarmEmail", "ALARM_EMAIL"),
            Map.entry("stuckShardAfterMs", "STUCK_SHARD_AFTER_MS"),
            Map.entry("archive", "ARCHIVE"),
            Map.entry("archiveBufferMb", "ARCHIVE_BUFFER_MB"),
            Map.entry("archiveBufferSeconds", "ARCHIVE_BUFFER_SECONDS"),
            Map.entry("archiveInfrequentAccessDays", "ARCHIVE_INFREQUENT_ACCESS_DAYS"),
            Map.entry("archiveGlacierDays", "ARCHIVE_GLACIER_DAYS"),
            Map.entry("archiveExpireDays", "ARCHIVE_EXPIRE_DAYS"),
            Map.entry("replayKeySha256", "REPLAY_KEY_SHA256"),
            Map.entry("defaultSite", "DEFAULT_SITE"),
            Map.entry("assetsDir", "ASSETS_DIR"));

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public InfraConfig {
        if (streamShards < 0 || streamShards > 500) {
            throw new IllegalArgumentException("streamShards must be 0 (on-demand) to 500");
        }
        if (tableMinCapacity < 1 || tableMaxCapacity < tableMinCapacity) {
            throw new IllegalArgumentException("need 1 <= tableMinCapacity <= tableMaxCapacity");
        }
        if (ingestMemoryMb < 128 || ingestMemoryMb > 10_240) {
            throw new IllegalArgumentException("ingestMemoryMb must be 128 to 10240");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
        for (String origin : allowedOrigins) {
            if (!origin.matches("https?://(\\*\\.)?[^/\\s*]+")) {
                throw new IllegalArgumentException(
                        "allowedOrigins takes scheme://host[:port] (or https://*.example.com), was '" + origin + "'");
            }
        }
        if (throttleRate < 1 || throttleBurst < 1) {
            throw new IllegalArgumentException("throttleRate and throttleBurst must be positive");
        }
        if (processorMinTasks < 1 || processorMaxTasks < processorMinTasks) {
            throw new IllegalArgumentException("need 1 <= processorMinTasks <= processorMaxTasks");
        }
        alarmEmail = alarmEmail == null ? "" : alarmEmail.strip();
        if (stuckShardAfterMs < 1_000 || stuckShardAfterMs > 86_400_000) {
            throw new IllegalArgumentException("stuckShardAfterMs must be 1000 (1 s) to 86400000 (1 day)");
        }
        if (archive == null) {
            throw new IllegalArgumentException("archive settings are required");
        }
        replayKeySha256 = replayKeySha256(replayKeySha256);
    }

    /** Reads every setting; {@code context} is the CDK context lookup (null when absent). */
    public static InfraConfig read(Function<String, Object> context, Map<String, String> env) {
        Function<String, String> value = key -> {
            Object fromContext = context.apply(key);
            String text = fromContext != null ? fromContext.toString() : env.get(ENV.get(key));
            return text == null || text.isBlank() ? null : text.strip();
        };
        return new InfraConfig(
                choice(value, "stage", Stage.class, Stage.DEV),
                number(value, "streamShards", 0),
                choice(value, "tableBilling", TableBilling.class, TableBilling.ON_DEMAND),
                number(value, "tableMinCapacity", DEFAULT_TABLE_MIN_CAPACITY),
                number(value, "tableMaxCapacity", DEFAULT_TABLE_MAX_CAPACITY),
                number(value, "ingestMemoryMb", DEFAULT_INGEST_MEMORY_MB),
                choice(value, "api", ApiType.class, ApiType.HTTP),
                list(value.apply("allowedOrigins")),
                number(value, "throttleRate", DEFAULT_THROTTLE_RATE),
                number(value, "throttleBurst", DEFAULT_THROTTLE_BURST),
                choice(value, "processor", ProcessorMode.class, ProcessorMode.FARGATE),
                number(value, "processorMinTasks", DEFAULT_PROCESSOR_MIN_TASKS),
                number(value, "processorMaxTasks", DEFAULT_PROCESSOR_MAX_TASKS),
                choice(value, "dashboardAuth", DashboardAuth.class, DashboardAuth.TOKEN),
                value.apply("alarmEmail"),
                number(value, "stuckShardAfterMs", DEFAULT_STUCK_SHARD_AFTER_MS),
                new ArchiveSettings(
                        onOff(value, "archive", true),
                        number(value, "archiveBufferMb", ArchiveSettings.DEFAULT_BUFFER_MB),
                        number(value, "archiveBufferSeconds", ArchiveSettings.DEFAULT_BUFFER_SECONDS),
                        number(value, "archiveInfrequentAccessDays", ArchiveSettings.DEFAULT_INFREQUENT_ACCESS_DAYS),
                        number(value, "archiveGlacierDays", ArchiveSettings.DEFAULT_GLACIER_DAYS),
                        number(value, "archiveExpireDays", ArchiveSettings.NEVER)),
                value.apply("replayKeySha256"),
                onOff(value, "defaultSite", false),
                Path.of(orDefault(value.apply("assetsDir"), DEFAULT_ASSETS_DIR)));
    }

    /** {@code dev-LiveInsight}: the stack name and the prefix of every resource name. */
    public String prefix() {
        return Defaults.stagePrefix(stage.id());
    }

    /** {@code dev-LiveInsight-<suffix>}. */
    public String name(String suffix) {
        return prefix() + "-" + suffix;
    }

    public boolean isProd() {
        return stage == Stage.PROD;
    }

    public Path asset(String relative) {
        return assetsDir.resolve(relative);
    }

    /** Whether the ingest Lambda gets a replay key, which turns the replay lane on. */
    public boolean hasReplayKey() {
        return !replayKeySha256.isEmpty();
    }

    /**
     * Empty, or 64 hex digits in lower case. The value never appears in the error: someone may have passed the key
     * itself, which must not reach a CI log.
     */
    private static String replayKeySha256(String text) {
        String hex = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (hex.isEmpty()) {
            return hex;
        }
        if (!SHA256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("replayKeySha256 must be the replay key's SHA-256 as 64 hex characters"
                    + " (printf %s \"$KEY\" | sha256sum), was " + hex.codePointCount(0, hex.length())
                    + " characters" + (hex.matches("[0-9a-f]*") ? "" : ", not all hex")
                    + " (the value is not shown: it may be the key itself)");
        }
        // What the edge will do with it (ReplayKey.fromSha256Hex), so a value that passes here passes there.
        return ReplayKey.fromSha256Hex(hex).sha256Hex();
    }

    private static boolean onOff(Function<String, String> value, String key, boolean fallback) {
        String text = value.apply(key);
        if (text == null) {
            return fallback;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be on or off, was '" + text + "'");
        };
    }

    private static <E extends Enum<E>> E choice(Function<String, String> value, String key, Class<E> type, E fallback) {
        String text = value.apply(key);
        if (text == null) {
            return fallback;
        }
        String constant = text.toUpperCase().replace('-', '_');
        for (E candidate : type.getEnumConstants()) {
            if (candidate.name().equals(constant)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException(key + " must be one of "
                + Arrays.stream(type.getEnumConstants())
                        .map(e -> e.name().toLowerCase().replace('_', '-'))
                        .toList()
                + ", was '" + text + "'");
    }

    private static int number(Function<String, String> value, String key, int fallback) {
        String text = value.apply(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + text + "'", e);
        }
    }

    private static List<String> list(String text) {
        return text == null
                ? List.of()
                : Arrays.stream(text.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    private static String orDefault(String text, String fallback) {
        return text == null ? fallback : text;
    }
}
