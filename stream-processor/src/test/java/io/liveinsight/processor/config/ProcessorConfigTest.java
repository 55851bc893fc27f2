package io.liveinsight.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessorConfigTest {

    @Test
    void fromEnvironment_whenNoStage_isLocal() {
        assertThat(ProcessorConfig.fromEnvironment(Map.of()).stage()).isEqualTo("local");
    }

    @Test
    void fromEnvironment_whenStageSet_usesIt() {
        assertThat(ProcessorConfig.fromEnvironment(Map.of("STAGE", "prod")).stage())
                .isEqualTo("prod");
    }

    @Test
    void fromEnvironment_whenStageBlankOrOdd_failsFast() {
        assertThatThrownBy(() -> ProcessorConfig.fromEnvironment(Map.of("STAGE", " ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STAGE");
        assertThatThrownBy(() -> ProcessorConfig.fromEnvironment(Map.of("STAGE", "dev prod")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STAGE");
    }

    @Test
    void withStage_changesOnlyTheStage() {
        ProcessorConfig config = ProcessorConfig.fromEnvironment(Map.of("STREAM_NAME", "s"));

        ProcessorConfig qa = config.withStage("qa");

        assertThat(qa.stage()).isEqualTo("qa");
        assertThat(qa.withStage(config.stage())).isEqualTo(config);
    }

    @Test
    void fromEnvironment_whenNoStuckShardAfter_isOneMinute() {
        assertThat(ProcessorConfig.fromEnvironment(Map.of()).stuckShardAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(ProcessorConfig.fromEnvironment(Map.of("STUCK_SHARD_AFTER_MS", " "))
                        .stuckShardAfter())
                .isEqualTo(ProcessorConfig.DEFAULT_STUCK_SHARD_AFTER);
    }

    @Test
    void fromEnvironment_whenStuckShardAfterSet_usesIt() {
        assertThat(ProcessorConfig.fromEnvironment(Map.of("STUCK_SHARD_AFTER_MS", " 2500 "))
                        .stuckShardAfter())
                .isEqualTo(Duration.ofMillis(2_500));
    }

    @Test
    void fromEnvironment_whenStuckShardAfterBadOrTooShort_failsNamingIt() {
        assertThatThrownBy(() -> ProcessorConfig.fromEnvironment(Map.of("STUCK_SHARD_AFTER_MS", "1m")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STUCK_SHARD_AFTER_MS");
        assertThatThrownBy(() -> ProcessorConfig.fromEnvironment(Map.of("STUCK_SHARD_AFTER_MS", "999")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STUCK_SHARD_AFTER_MS must be at least 1000");
        assertThatThrownBy(() -> ProcessorConfig.fromEnvironment(Map.of("STUCK_SHARD_AFTER_MS", "-5")))
                .hasMessageContaining("STUCK_SHARD_AFTER_MS");
    }

    @Test
    void withStuckShardAfter_changesOnlyTheThreshold() {
        ProcessorConfig config = ProcessorConfig.fromEnvironment(Map.of("STREAM_NAME", "s"));

        ProcessorConfig quick = config.withStuckShardAfter(Duration.ofSeconds(2));

        assertThat(quick.stuckShardAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(quick.withStuckShardAfter(config.stuckShardAfter())).isEqualTo(config);
    }
}
