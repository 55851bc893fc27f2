package io.liveinsight.dashboard.config;

import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.Defaults;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How the dashboard runs, read from the environment in one place; bad values fail at start-up.
 *
 * @param tables the three tables ({@code TABLE_PREFIX}, or each name on its own)
 * @param dynamoDbEndpoint {@code AWS_ENDPOINT_URL_DYNAMODB} / {@code AWS_ENDPOINT_URL}; null: real AWS
 * @param token {@code DASHBOARD_TOKEN}: when set, {@code /api/*} (except {@code /api/health}) needs
 *     {@code Authorization: Bearer <token>}; null: open
 * @param allowedOrigins {@code DASHBOARD_ALLOWED_ORIGINS}: origins (comma-separated) that may call the API from
 *     another site; empty: same origin only
 * @param scanSegments {@code ACTIVE_SCAN_SEGMENTS}: parallel segments of the ActiveSessions scan
 * @param snapshotMaxAge {@code ACTIVE_SNAPSHOT_MAX_AGE_MS}: how long one read of ActiveSessions answers both the stats
 *     and the table of a page refresh
 * @param statsTimeZone {@code STATS_TIME_ZONE}: the time zone of the original routes' labels and local times when a
 *     request names none (docs/contract/api.md#original-routes)
 */
public record DashboardConfig(
        TableNames tables,
        String region,
        URI dynamoDbEndpoint,
        String token,
        List<String> allowedOrigins,
        int scanSegments,
        Duration snapshotMaxAge,
        ZoneId statsTimeZone) {

    public static final int DEFAULT_SCAN_SEGMENTS = 4;
    public static final int MAX_SCAN_SEGMENTS = 64;
    public static final Duration DEFAULT_SNAPSHOT_MAX_AGE = Duration.ofSeconds(2);
    public static final Duration MAX_SNAPSHOT_MAX_AGE = Duration.ofSeconds(60);
    public static final int MIN_TOKEN_LENGTH = 16;
    /**
     * UTC, as the native statistics routes' {@code tz}: one default for both surfaces. The original ran on its
     * server's Asia/Seoul; {@code STATS_TIME_ZONE=Asia/Seoul} gives its labels back.
     */
    public static final ZoneId DEFAULT_STATS_TIME_ZONE = ZoneId.of("UTC");

    public DashboardConfig {
        if (tables == null) {
            throw new IllegalArgumentException("tables are required");
        }
        if (token != null && token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("DASHBOARD_TOKEN must be at least " + MIN_TOKEN_LENGTH + " characters");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
        for (String origin : allowedOrigins) {
            if (!origin.matches("https?://[^/\\s*]+")) {
                throw new IllegalArgumentException(
                        "DASHBOARD_ALLOWED_ORIGINS takes scheme://host[:port] origins, was '" + origin + "'");
            }
        }
        if (scanSegments < 1 || scanSegments > MAX_SCAN_SEGMENTS) {
            throw new IllegalArgumentException("ACTIVE_SCAN_SEGMENTS must be 1 to " + MAX_SCAN_SEGMENTS);
        }
        if (snapshotMaxAge.isNegative() || snapshotMaxAge.compareTo(MAX_SNAPSHOT_MAX_AGE) > 0) {
            throw new IllegalArgumentException("ACTIVE_SNAPSHOT_MAX_AGE_MS must be 0 to 60000");
        }
        if (statsTimeZone == null) {
            throw new IllegalArgumentException("STATS_TIME_ZONE is required");
        }
    }

    /** The settings before the statistics routes, their time zone {@link #DEFAULT_STATS_TIME_ZONE}. */
    public DashboardConfig(
            TableNames tables,
            String region,
            URI dynamoDbEndpoint,
            String token,
            List<String> allowedOrigins,
            int scanSegments,
            Duration snapshotMaxAge) {
        this(
                tables,
                region,
                dynamoDbEndpoint,
                token,
                allowedOrigins,
                scanSegments,
                snapshotMaxAge,
                DEFAULT_STATS_TIME_ZONE);
    }

    /** Every setting but the token, which shows only as set or not: a logged config never carries the secret. */
    @Override
    public String toString() {
        return "DashboardConfig[tables=" + tables + ", region=" + region + ", dynamoDbEndpoint=" + dynamoDbEndpoint
                + ", token=" + (token == null ? "none" : "(set)") + ", allowedOrigins=" + allowedOrigins
                + ", scanSegments=" + scanSegments + ", snapshotMaxAge=" + snapshotMaxAge + ", statsTimeZone="
                + statsTimeZone + "]";
    }

    /** The local stack: these tables, this DynamoDB, no token, same origin. */
    public static DashboardConfig local(TableNames tables) {
        return new DashboardConfig(
                tables, Defaults.REGION, null, null, List.of(), DEFAULT_SCAN_SEGMENTS, DEFAULT_SNAPSHOT_MAX_AGE);
    }

    public static DashboardConfig fromEnvironment(Map<String, String> env) {
        TableNames defaults = TableNames.withPrefix(text(env, "TABLE_PREFIX", TableNames.DEFAULT_PREFIX));
        String endpoint = text(env, "AWS_ENDPOINT_URL_DYNAMODB", text(env, "AWS_ENDPOINT_URL", null));
        String origins = text(env, "DASHBOARD_ALLOWED_ORIGINS", "");
        return new DashboardConfig(
                new TableNames(
                        text(env, "EVENTS_TABLE_NAME", defaults.events()),
                        text(env, "SESSIONS_TABLE_NAME", defaults.sessions()),
                        text(env, "ACTIVE_SESSIONS_TABLE_NAME", defaults.activeSessions()),
                        text(env, "STATS_TABLE_NAME", defaults.stats()),
                        text(env, "SITES_TABLE_NAME", defaults.sites())),
                text(env, "AWS_REGION", Defaults.REGION),
                endpoint == null ? null : URI.create(endpoint),
                text(env, "DASHBOARD_TOKEN", null),
                Arrays.stream(origins.split(","))
                        .map(String::strip)
                        .filter(origin -> !origin.isEmpty())
                        .toList(),
                integer(env, "ACTIVE_SCAN_SEGMENTS", DEFAULT_SCAN_SEGMENTS),
                Duration.ofMillis(
                        integer(env, "ACTIVE_SNAPSHOT_MAX_AGE_MS", (int) DEFAULT_SNAPSHOT_MAX_AGE.toMillis())),
                zone(env, "STATS_TIME_ZONE", DEFAULT_STATS_TIME_ZONE));
    }

    /** An IANA zone id ({@code Asia/Seoul}, {@code UTC}); offsets and abbreviations are refused. */
    private static ZoneId zone(Map<String, String> env, String name, ZoneId fallback) {
        String value = text(env, name, null);
        if (value == null) {
            return fallback;
        }
        if (!ZoneId.getAvailableZoneIds().contains(value)) {
            throw new IllegalArgumentException(
                    name + " must be an IANA time zone id such as Asia/Seoul, was '" + value + "'");
        }
        return ZoneId.of(value);
    }

    private static String text(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = text(env, name, null);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + value + "'", e);
        }
    }
}
