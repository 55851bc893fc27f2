package io.liveinsight.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void everySetting_hasAnEnvironmentVariable() {
        assertThat(InfraConfig.ENV).hasSize(InfraConfig.class.getRecordComponents().length);
    }

    private static InfraConfig read(String key, String value) {
        return InfraConfig.read(Map.<String, Object>of(key, value)::get, Map.of());
    }
}
