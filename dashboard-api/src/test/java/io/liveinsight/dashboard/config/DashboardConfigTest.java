package io.liveinsight.dashboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardConfigTest {

    @Test
    void fromEnvironment_whenEmpty_usesTheDefaults() {
        DashboardConfig config = DashboardConfig.fromEnvironment(Map.of());

        assertThat(config.tables().activeSessions()).isEqualTo("LiveInsight-ActiveSessions");
        assertThat(config.token()).isNull();
        assertThat(config.allowedOrigins()).isEmpty();
        assertThat(config.scanSegments()).isEqualTo(DashboardConfig.DEFAULT_SCAN_SEGMENTS);
        assertThat(config.snapshotMaxAge()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.statsTimeZone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void fromEnvironment_whenSet_readsEveryVariable() {
        DashboardConfig config = DashboardConfig.fromEnvironment(Map.of(
                "TABLE_PREFIX", "Prod",
                "SESSIONS_TABLE_NAME", "custom-sessions",
                "DASHBOARD_TOKEN", "0123456789abcdef",
                "DASHBOARD_ALLOWED_ORIGINS", "https://a.example, http://localhost:3000",
                "ACTIVE_SCAN_SEGMENTS", "8",
                "ACTIVE_SNAPSHOT_MAX_AGE_MS", "0",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:8000",
                "STATS_TIME_ZONE", "Asia/Seoul"));

        assertThat(config.tables().events()).isEqualTo("Prod-Events");
        assertThat(config.tables().sessions()).isEqualTo("custom-sessions");
        assertThat(config.allowedOrigins()).containsExactly("https://a.example", "http://localhost:3000");
        assertThat(config.scanSegments()).isEqualTo(8);
        assertThat(config.snapshotMaxAge()).isZero();
        assertThat(config.dynamoDbEndpoint()).hasToString("http://127.0.0.1:8000");
        assertThat(config.statsTimeZone()).isEqualTo(ZoneId.of("Asia/Seoul"));
    }

    @Test
    void fromEnvironment_whenValuesBad_failsFastNamingTheVariable() {
        assertThatThrownBy(() -> DashboardConfig.fromEnvironment(Map.of("DASHBOARD_TOKEN", "short")))
                .hasMessageContaining("DASHBOARD_TOKEN");
        assertThatThrownBy(() -> DashboardConfig.fromEnvironment(Map.of("DASHBOARD_ALLOWED_ORIGINS", "*")))
                .hasMessageContaining("DASHBOARD_ALLOWED_ORIGINS");
        assertThatThrownBy(() -> DashboardConfig.fromEnvironment(Map.of("ACTIVE_SCAN_SEGMENTS", "0")))
                .hasMessageContaining("ACTIVE_SCAN_SEGMENTS");
        assertThatThrownBy(() -> DashboardConfig.fromEnvironment(Map.of("ACTIVE_SCAN_SEGMENTS", "many")))
                .hasMessageContaining("ACTIVE_SCAN_SEGMENTS");
        assertThatThrownBy(() -> DashboardConfig.fromEnvironment(Map.of("STATS_TIME_ZONE", "KST")))
                .hasMessageContaining("STATS_TIME_ZONE");
        assertThatThrownBy(() -> DashboardConfig.fromEnvironment(Map.of("STATS_TIME_ZONE", "+09:00")))
                .hasMessageContaining("STATS_TIME_ZONE");
    }
}
