package io.liveinsight.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings: context first, then the environment, then defaults; bad values fail at synth. */
class InfraConfigTest {

    @Test
    void read_whenNothingIsSet_givesTheDefaults() {
        InfraConfig config = InfraConfig.read(key -> null, Map.of());

        assertThat(config.stage()).isEqualTo(InfraConfig.Stage.DEV);
        assertThat(config.streamShards()).isZero();
        assertThat(config.tableBilling()).isEqualTo(InfraConfig.TableBilling.ON_DEMAND);
        assertThat(config.api()).isEqualTo(InfraConfig.ApiType.HTTP);
        assertThat(config.processor()).isEqualTo(InfraConfig.ProcessorMode.FARGATE);
        assertThat(config.dashboardAuth()).isEqualTo(InfraConfig.DashboardAuth.TOKEN);
        assertThat(config.ingestMemoryMb()).isEqualTo(1024);
        assertThat(config.allowedOrigins()).isEmpty();
        assertThat(config.alarmEmail()).isEmpty();
        assertThat(config.stuckShardAfterMs()).isEqualTo(60_000);
        assertThat(config.archive()).isEqualTo(new ArchiveSettings(true, 5, 300, 30, 90, 0));
        assertThat(config.archive().expires()).isFalse();
        assertThat(config.archive().freshnessAlarmSeconds()).isEqualTo(900);
        assertThat(config.replayKeySha256()).isEmpty();
        assertThat(config.hasReplayKey()).isFalse();
        assertThat(config.defaultSite()).isFalse();
        assertThat(config.assetsDir()).isEqualTo(Path.of("target/assets"));
        assertThat(config.prefix()).isEqualTo("dev-LiveInsight");
        assertThat(config.name("Events")).isEqualTo("dev-LiveInsight-Events");
    }

    @Test
    void read_whenContextAndEnvironmentDisagree_takesTheContext() {
        Map<String, Object> context = Map.of("stage", "prod", "streamShards", 8);
        Map<String, String> env = Map.of("LIVEINSIGHT_STAGE", "dev", "STREAM_SHARDS", "2", "API_TYPE", "rest");

        InfraConfig config = InfraConfig.read(context::get, env);

        assertThat(config.stage()).isEqualTo(InfraConfig.Stage.PROD);
        assertThat(config.streamShards()).isEqualTo(8);
        assertThat(config.api()).as("from the environment").isEqualTo(InfraConfig.ApiType.REST);
        assertThat(config.prefix()).isEqualTo("prod-LiveInsight");
        assertThat(config.isProd()).isTrue();
    }

    @Test
    void read_whenChoicesAreSpelledWithHyphens_acceptsThem() {
        InfraConfig config = InfraConfig.read(
                Map.<String, Object>of("tableBilling", "on-demand", "processor", "Lambda")::get, Map.of());

        assertThat(config.tableBilling()).isEqualTo(InfraConfig.TableBilling.ON_DEMAND);
        assertThat(config.processor()).isEqualTo(InfraConfig.ProcessorMode.LAMBDA);
    }

    @Test
    void read_splitsTheOriginList() {
        InfraConfig config = InfraConfig.read(
                key -> null, Map.of("ALLOWED_ORIGINS", " https://a.example.com ,https://*.example.org,, "));

        assertThat(config.allowedOrigins()).isEqualTo(List.of("https://a.example.com", "https://*.example.org"));
    }

    @Test
    void read_whenValuesAreBad_failsWithTheSettingsName() {
        assertThatThrownBy(() -> read("stage", "qa"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stage must be one of [dev, prod]");
        assertThatThrownBy(() -> read("allowedOrigins", "*")).hasMessageContaining("allowedOrigins");
        assertThatThrownBy(() -> read("allowedOrigins", "example.com")).hasMessageContaining("allowedOrigins");
        assertThatThrownBy(() -> read("streamShards", "-1")).hasMessageContaining("streamShards");
        assertThatThrownBy(() -> read("streamShards", "four")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> read("ingestMemoryMb", "64")).hasMessageContaining("ingestMemoryMb");
        assertThatThrownBy(() -> read("api", "grpc")).hasMessageContaining("api must be one of [http, rest]");
        assertThatThrownBy(() -> InfraConfig.read(
                        Map.<String, Object>of("tableMinCapacity", "50", "tableMaxCapacity", "10")::get, Map.of()))
                .hasMessageContaining("tableMinCapacity");
        assertThatThrownBy(() -> InfraConfig.read(
                        Map.<String, Object>of("processorMinTasks", "3", "processorMaxTasks", "2")::get, Map.of()))
                .hasMessageContaining("processorMinTasks");
        assertThatThrownBy(() -> read("stuckShardAfterMs", "999")).hasMessageContaining("stuckShardAfterMs");
        assertThatThrownBy(() -> read("stuckShardAfterMs", "1m")).hasMessageContaining("whole number");
    }

    @Test
    void read_whenStuckShardAfterInTheEnvironment_usesIt() {
        assertThat(InfraConfig.read(key -> null, Map.of("STUCK_SHARD_AFTER_MS", "90000"))
                        .stuckShardAfterMs())
                .isEqualTo(90_000);
    }

    @Test
    void archive_readsEverySetting_fromContextOrEnvironment() {
        InfraConfig config = InfraConfig.read(
                Map.<String, Object>of("archive", "on", "archiveBufferMb", 128, "archiveExpireDays", "400")::get,
                Map.of(
                        "ARCHIVE_BUFFER_SECONDS", "0",
                        "ARCHIVE_INFREQUENT_ACCESS_DAYS", "60",
                        "ARCHIVE_GLACIER_DAYS", "90",
                        "ARCHIVE_BUFFER_MB", "1"));

        assertThat(config.archive()).isEqualTo(new ArchiveSettings(true, 128, 0, 60, 90, 400));
        assertThat(config.archive().expires()).isTrue();
        assertThat(config.archive().freshnessAlarmSeconds()).isEqualTo(600);
    }

    @Test
    void archive_isTurnedOff_byOffOrFalse_inContextOrEnvironment() {
        assertThat(read("archive", "off").archive().enabled()).isFalse();
        assertThat(read("archive", "OFF").archive().enabled()).isFalse();
        assertThat(read("archive", "false").archive().enabled()).isFalse();
        assertThat(InfraConfig.read(key -> null, Map.of("ARCHIVE", "off"))
                        .archive()
                        .enabled())
                .isFalse();
        assertThat(read("archive", "true").archive().enabled()).isTrue();
    }

    @Test
    void archive_whenValuesAreBad_failsWithTheSettingsNameAndTheLimit() {
        assertThatThrownBy(() -> read("archive", "no")).hasMessage("archive must be on or off, was 'no'");
        assertThatThrownBy(() -> read("archiveBufferMb", "0")).hasMessageContaining("archiveBufferMb must be 1 to 128");
        assertThatThrownBy(() -> read("archiveBufferMb", "129")).hasMessageContaining("archiveBufferMb");
        assertThatThrownBy(() -> read("archiveBufferMb", "5MB")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> read("archiveBufferSeconds", "901"))
                .hasMessageContaining("archiveBufferSeconds must be 0 to 900");
        assertThatThrownBy(() -> read("archiveBufferSeconds", "-1")).hasMessageContaining("archiveBufferSeconds");
        assertThatThrownBy(() -> read("archiveInfrequentAccessDays", "29"))
                .hasMessageContaining("archiveInfrequentAccessDays must be 30 or more");
        assertThatThrownBy(() -> read("archiveGlacierDays", "59"))
                .hasMessageContaining("archiveGlacierDays must be at least archiveInfrequentAccessDays + 30 (60");
        assertThatThrownBy(() ->
                        InfraConfig.read(Map.<String, Object>of("archiveInfrequentAccessDays", "100")::get, Map.of()))
                .as("the default 90 days to Glacier is too early after 100 days to Standard-IA")
                .hasMessageContaining("archiveGlacierDays");
        assertThatThrownBy(() -> read("archiveExpireDays", "90"))
                .hasMessageContaining("archiveExpireDays must be 0 (never) or more than archiveGlacierDays (90)");
        assertThatThrownBy(() -> read("archiveExpireDays", "-1")).hasMessageContaining("archiveExpireDays");
        assertThat(read("archiveExpireDays", "91").archive().expireDays()).isEqualTo(91);
        assertThat(read("archiveGlacierDays", "60").archive().glacierDays()).isEqualTo(60);
    }

    @Test
    void replayKeySha256_isStrippedAndLowerCased() {
        String hash = "7947641a5ba6f80c4458f5ce4d2c3030b0eb86c575750e58d90dbb1a809eec1d";

        assertThat(read("replayKeySha256", "  " + hash.toUpperCase() + "\n").replayKeySha256())
                .isEqualTo(hash);
        assertThat(InfraConfig.read(key -> null, Map.of("REPLAY_KEY_SHA256", hash))
                        .hasReplayKey())
                .isTrue();
        assertThat(read("replayKeySha256", "   ").hasReplayKey())
                .as("blank is unset")
                .isFalse();
    }

    @Test
    void replayKeySha256_whenNot64HexCharacters_failsWithoutShowingTheValue() {
        String hash = "7947641a5ba6f80c4458f5ce4d2c3030b0eb86c575750e58d90dbb1a809eec1d";
        String theKeyItself = "prod-replay-key-<script>~#|\uD83D\uDE00-0123456789";
        for (String bad : List.of(
                hash.substring(1),
                hash + "0",
                hash.substring(1) + "g",
                hash.substring(0, 32) + " " + hash.substring(32, 63),
                "\uD83D\uDE00".repeat(64),
                theKeyItself)) {
            assertThatThrownBy(() -> read("replayKeySha256", bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("replayKeySha256 must be the replay key's SHA-256 as 64 hex characters")
                    .hasMessageNotContaining(bad.strip())
                    .hasMessageNotContaining(bad.strip().substring(0, 8));
        }
        assertThatThrownBy(() -> read("replayKeySha256", theKeyItself))
                .hasMessageContaining(
                        "was " + theKeyItself.codePointCount(0, theKeyItself.length()) + " characters, not all hex");
        assertThatThrownBy(() -> read("replayKeySha256", hash.substring(2)))
                .hasMessageContaining("was 62 characters (the value is not shown");
    }

    @Test
    void defaultSite_isOnOrOff_fromContextOrEnvironment() {
        assertThat(read("defaultSite", "on").defaultSite()).isTrue();
        assertThat(read("defaultSite", "false").defaultSite()).isFalse();
        assertThat(InfraConfig.read(key -> null, Map.of("DEFAULT_SITE", "ON")).defaultSite())
                .isTrue();
        assertThatThrownBy(() -> read("defaultSite", "maybe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("defaultSite must be on or off");
    }

    @Test
    void everySetting_hasAnEnvironmentVariable() {
        int settings = InfraConfig.class.getRecordComponents().length
                - 1 // archive: a record of settings
                + ArchiveSettings.class.getRecordComponents().length;
        assertThat(InfraConfig.ENV).hasSize(settings);
    }

    @Test
    void everySetting_isInTheReadmesSettingsTable_withItsEnvironmentVariable() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String settings = readme.substring(readme.indexOf("## Settings"), readme.indexOf("## Alarms on lag"));
        for (Map.Entry<String, String> setting : InfraConfig.ENV.entrySet()) {
            assertThat(settings)
                    .as(setting.getKey())
                    .contains("`" + setting.getKey() + "`")
                    .contains("`" + setting.getValue() + "`");
        }
    }

    private static InfraConfig read(String key, String value) {
        return InfraConfig.read(Map.<String, Object>of(key, value)::get, Map.of());
    }
}
