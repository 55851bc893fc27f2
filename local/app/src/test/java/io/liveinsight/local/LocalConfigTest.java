package io.liveinsight.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalConfigTest {

    @Test
    void consumer_whenUnset_isOn() {
        assertThat(LocalConfig.fromEnvironment(Map.of()).consumer()).isTrue();
    }

    @Test
    void consumer_whenOff_isOffAndTheBannerSaysHowToRunOne() {
        LocalConfig config = LocalConfig.fromEnvironment(Map.of("LIVEINSIGHT_CONSUMER", "off"));

        assertThat(config.consumer()).isFalse();
        assertThat(LocalMain.consumerLine(config))
                .contains("LIVEINSIGHT_CONSUMER=off", "io.liveinsight.processor.Main");
        assertThat(LocalConfig.fromEnvironment(Map.of("LIVEINSIGHT_CONSUMER", "ON"))
                        .consumer())
                .isTrue();
    }

    @Test
    void consumer_whenNeitherOnNorOff_failsNamingIt() {
        assertThatThrownBy(() -> LocalConfig.fromEnvironment(Map.of("LIVEINSIGHT_CONSUMER", "maybe")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LIVEINSIGHT_CONSUMER");
    }

    @Test
    void coalesce_whenUnset_isOn_andOffTurnsItOff() {
        assertThat(LocalConfig.fromEnvironment(Map.of()).coalesce()).isTrue();
        assertThat(LocalConfig.fromEnvironment(Map.of("LIVEINSIGHT_EDGE_COALESCE", "off"))
                        .coalesce())
                .isFalse();
        assertThatThrownBy(() -> LocalConfig.fromEnvironment(Map.of("LIVEINSIGHT_EDGE_COALESCE", "sometimes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LIVEINSIGHT_EDGE_COALESCE");
    }

    @Test
    void coalesceInFlight_whenSet_isTaken_andOutOfRangeFailsNamingIt() {
        assertThat(LocalConfig.fromEnvironment(Map.of()).coalesceInFlight())
                .isEqualTo(io.liveinsight.local.coalesce.CoalesceSettings.DEFAULT_MAX_IN_FLIGHT);
        assertThat(LocalConfig.fromEnvironment(Map.of("LIVEINSIGHT_EDGE_COALESCE_IN_FLIGHT", "4"))
                        .coalesceInFlight())
                .isEqualTo(4);
        assertThatThrownBy(() -> LocalConfig.fromEnvironment(Map.of("LIVEINSIGHT_EDGE_COALESCE_IN_FLIGHT", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LIVEINSIGHT_EDGE_COALESCE_IN_FLIGHT");
    }
}
