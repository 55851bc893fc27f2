package io.liveinsight.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.replay.ReplayKey;
import java.nio.file.Path;
import java.time.Duration;
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
    void defaultSite_whenUnset_isOnAndTheBannerWarns_offSaysKeysAreNeeded() {
        LocalConfig config = LocalConfig.fromEnvironment(Map.of());
        LocalConfig off = LocalConfig.fromEnvironment(Map.of("LIVEINSIGHT_DEFAULT_SITE", "OFF"));

        assertThat(config.defaultSite()).isTrue();
        assertThat(LocalMain.defaultSiteLine(config))
                .startsWith("WARNING default site on: requests without a site key are accepted as site \"default\"");
        assertThat(off.defaultSite()).isFalse();
        assertThat(LocalMain.defaultSiteLine(off))
                .startsWith("default site off")
                .doesNotContain("WARNING");
        assertThatThrownBy(() -> LocalConfig.fromEnvironment(Map.of("LIVEINSIGHT_DEFAULT_SITE", "<script>")))
                .hasMessageContaining("LIVEINSIGHT_DEFAULT_SITE must be on or off");
    }

    @Test
    void replayKey_whenUnset_isTheLocalKeyAndTheEdgeGetsItsDigestOnly() {
        LocalConfig config = LocalConfig.fromEnvironment(Map.of());

        assertThat(config.replayKey())
                .isEqualTo(LocalConfig.DEFAULT_REPLAY_KEY)
                .isEqualTo("local-replay-key-0123456789");
        assertThat(config.replayKeySha256())
                .isEqualTo(ReplayKey.of(LocalConfig.DEFAULT_REPLAY_KEY).sha256Hex())
                .doesNotContain(LocalConfig.DEFAULT_REPLAY_KEY);
        assertThat(LocalMain.replayLine(config)).contains("replay key: local-replay-key-0123456789 (local only)");
    }

    @Test
    void replayKey_whenSetOrOff_isThatKeyOrNoLane() {
        assertThat(LocalConfig.fromEnvironment(Map.of("LIVEINSIGHT_REPLAY_KEY", "my-own-replay-key-#|~\uD83D\uDE00"))
                        .replayKey())
                .isEqualTo("my-own-replay-key-#|~\uD83D\uDE00");
        LocalConfig off = LocalConfig.fromEnvironment(Map.of("LIVEINSIGHT_REPLAY_KEY", "OFF"));
        assertThat(off.replayKey()).isNull();
        assertThat(off.replayKeySha256()).isNull();
        assertThat(LocalMain.replayLine(off)).contains("replay key: off");
    }

    @Test
    void replayKey_whenTooShort_failsNamingItWithoutEchoingIt() {
        assertThatThrownBy(() -> LocalConfig.fromEnvironment(Map.of("LIVEINSIGHT_REPLAY_KEY", "short-key")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LIVEINSIGHT_REPLAY_KEY")
                .hasMessageNotContaining("short-key");
    }

    @Test
    void archive_whenUnsetBlankOrOff_isOff() {
        assertThat(LocalConfig.fromEnvironment(Map.of()).archive()).isEmpty();
        assertThat(LocalConfig.fromEnvironment(Map.of("LIVEINSIGHT_ARCHIVE_DIR", " "))
                        .archive())
                .isEmpty();
        assertThat(LocalConfig.fromEnvironment(Map.of("LIVEINSIGHT_ARCHIVE_DIR", "OFF"))
                        .archive())
                .isEmpty();
        assertThat(LocalMain.archiveLine(LocalConfig.fromEnvironment(Map.of()))).startsWith("off");
    }

    @Test
    void archive_whenAFolder_isItAbsoluteUnderItsOwnApplication_flushedEveryMinuteByDefault() {
        LocalConfig config = LocalConfig.fromEnvironment(
                Map.of("LIVEINSIGHT_ARCHIVE_DIR", "data/archive", "KCL_APPLICATION_NAME", "Shop"));

        var archive = config.archive().orElseThrow();
        assertThat(archive.directory()).isEqualTo(Path.of("data/archive").toAbsolutePath());
        assertThat(archive.applicationName()).isEqualTo("Shop-archive");
        assertThat(archive.policy().maxAge()).isEqualTo(Duration.ofSeconds(60));
        assertThat(LocalMain.archiveLine(config))
                .isEqualTo(Path.of("data/archive").toAbsolutePath() + " (flushed every 60 s)");
    }

    @Test
    void archiveFlush_whenSet_isUsed_andOutOfRangeFailsNamingIt() {
        Map<String, String> env = Map.of("LIVEINSIGHT_ARCHIVE_DIR", "/tmp/a", "LIVEINSIGHT_ARCHIVE_FLUSH_S", "5");
        assertThat(LocalConfig.fromEnvironment(env)
                        .archive()
                        .orElseThrow()
                        .policy()
                        .maxAge())
                .isEqualTo(Duration.ofSeconds(5));

        for (String bad : new String[] {"0", "901", "soon", "1.5"}) {
            assertThatThrownBy(() -> LocalConfig.fromEnvironment(Map.of("LIVEINSIGHT_ARCHIVE_FLUSH_S", bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("LIVEINSIGHT_ARCHIVE_FLUSH_S");
        }
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
