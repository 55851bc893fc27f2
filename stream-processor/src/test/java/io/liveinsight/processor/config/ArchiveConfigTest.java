package io.liveinsight.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.processor.archive.ArchivePolicy;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ArchiveConfigTest {

    private static final Path DIR = Path.of("archive");

    @Test
    void local_namesItsOwnApplication_andThresholdsFromTheFlushAge() {
        ArchiveConfig config = ArchiveConfig.local(DIR, "LiveInsight-StreamProcessor", Duration.ofSeconds(60));

        assertThat(config.applicationName()).isEqualTo("LiveInsight-StreamProcessor-archive");
        assertThat(config.policy()).isEqualTo(new ArchivePolicy(5L * 1024 * 1024, Duration.ofSeconds(60)));
        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.stuckAfter()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void withPolicy_movesTheStuckThresholdWithTheAge() {
        ArchiveConfig config = ArchiveConfig.local(DIR, "app", Duration.ofSeconds(60))
                .withPolicy(new ArchivePolicy(1_000, Duration.ofSeconds(1)));

        assertThat(config.stuckAfter()).isEqualTo(Duration.ofSeconds(61));
        assertThat(config.withStuckAfter(Duration.ofSeconds(3)).stuckAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.withPollInterval(Duration.ofMillis(250)).pollInterval())
                .isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void constructor_whenOutOfRange_failsNamingWhat() {
        ArchiveConfig config = ArchiveConfig.local(DIR, "app", Duration.ofSeconds(2));

        assertThatThrownBy(() -> config.withStuckAfter(Duration.ofSeconds(2))).hasMessageContaining("stuck threshold");
        assertThatThrownBy(() -> config.withPollInterval(Duration.ofMillis(199)))
                .hasMessageContaining("poll interval");
        assertThatThrownBy(() -> ArchiveConfig.local(DIR, "a/b", Duration.ofSeconds(2)))
                .hasMessageContaining("application name");
        assertThatThrownBy(() -> ArchiveConfig.local(DIR, "app", Duration.ZERO)).hasMessageContaining("flush age");
    }
}
