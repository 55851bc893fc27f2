package io.liveinsight.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthServerConfigTest {

    @Test
    void fromEnvironment_whenNoHealthPort_hasNoServer() {
        HealthServerConfig config = HealthServerConfig.fromEnvironment(Map.of());

        assertThat(config.enabledPort()).isEmpty();
        assertThat(config.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void fromEnvironment_whenPortAndHost_usesThem() {
        HealthServerConfig config =
                HealthServerConfig.fromEnvironment(Map.of("HEALTH_PORT", " 8081 ", "HEALTH_HOST", "0.0.0.0"));

        assertThat(config.enabledPort()).contains(8081);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(HealthServerConfig.fromEnvironment(Map.of("HEALTH_PORT", "0"))
                        .enabledPort())
                .contains(0);
    }

    @Test
    void fromEnvironment_whenPortIsNotANumber_failsNamingIt() {
        assertThatThrownBy(() -> HealthServerConfig.fromEnvironment(Map.of("HEALTH_PORT", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HEALTH_PORT");
        assertThatThrownBy(() -> HealthServerConfig.fromEnvironment(Map.of("HEALTH_PORT", "70000")))
                .hasMessageContaining("HEALTH_PORT");
    }
}
