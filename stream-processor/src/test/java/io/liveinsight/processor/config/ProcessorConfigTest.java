package io.liveinsight.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
