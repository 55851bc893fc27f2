package io.liveinsight.processor.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthReportTest {

    @Test
    void toJson_whenAllUp_isOkIn200() {
        HealthReport report = report(true, true, true);

        assertThat(report.toJson())
                .isEqualTo(
                        "{\"status\":\"ok\",\"dependencies\":{\"kinesis\":\"up\",\"dynamodb\":\"up\",\"consumer\":\"up\"}}");
        assertThat(report.httpStatus()).isEqualTo(200);
    }

    @Test
    void toJson_whenOneDown_isUnavailableIn503NamingIt() {
        HealthReport report = report(true, false, true);

        assertThat(report.toJson())
                .isEqualTo("{\"status\":\"unavailable\",\"dependencies\":"
                        + "{\"kinesis\":\"up\",\"dynamodb\":\"down\",\"consumer\":\"up\"}}");
        assertThat(report.httpStatus()).isEqualTo(503);
    }

    @Test
    void toJson_whenConsumerShardsAllAdvance_isOkWithTheShardsEntry() {
        HealthReport report =
                new HealthReport(deps(true, true, true), Map.of(), new HealthReport.Shards(List.of(), 120, 900));

        assertThat(report.toJson())
                .isEqualTo(
                        "{\"status\":\"ok\",\"dependencies\":{\"kinesis\":\"up\",\"dynamodb\":\"up\",\"consumer\":\"up\"},"
                                + "\"shards\":{\"stuck\":[],\"oldest_unstored_batch_ms\":120,\"oldest_unstored_record_ms\":900}}");
        assertThat(report.httpStatus()).isEqualTo(200);
    }

    @Test
    void toJson_whenAShardIsStuckWithEveryDependencyUp_isDegradedIn503NamingTheShard() throws Exception {
        HealthReport report = new HealthReport(
                deps(true, true, true),
                Map.of(),
                new HealthReport.Shards(List.of("shardId-000000000001"), 61_000, 64_500));

        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.path("status").asText()).isEqualTo("degraded");
        assertThat(json.path("dependencies").path("consumer").asText()).isEqualTo("up");
        assertThat(json.path("shards").path("stuck").toString()).isEqualTo("[\"shardId-000000000001\"]");
        assertThat(json.path("shards").path("oldest_unstored_batch_ms").asLong())
                .isEqualTo(61_000);
        assertThat(report.healthy()).isFalse();
        assertThat(report.httpStatus()).isEqualTo(503);
    }

    @Test
    void toJson_whenAStoreIsMisconfigured_isUnavailableIn503WithTheReasonEscaped() throws Exception {
        HealthReport report = new HealthReport(
                deps(true, true, true),
                Map.of("dynamodb", "t-Sessions: AccessDeniedException: User \"task\" is not authorized\n"),
                new HealthReport.Shards(List.of(), 0, 0));

        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.path("status").asText()).isEqualTo("unavailable");
        assertThat(json.path("dependencies").path("dynamodb").asText())
                .isEqualTo("misconfigured: t-Sessions: AccessDeniedException: User \"task\" is not authorized\n");
        assertThat(json.path("dependencies").path("kinesis").asText()).isEqualTo("up");
        assertThat(report.httpStatus()).isEqualTo(503);
    }

    @Test
    void status_whenADependencyIsDownAndAShardStuck_isUnavailable() {
        HealthReport report = new HealthReport(
                deps(false, true, true), Map.of(), new HealthReport.Shards(List.of("shardId-1"), 90_000, 0));

        assertThat(report.status()).isEqualTo("unavailable");
        assertThat(report.httpStatus()).isEqualTo(503);
    }

    @Test
    void metricsJson_whenTotals_isOneFlatObject() {
        Map<String, Double> totals = new LinkedHashMap<>();
        totals.put("EventsProcessed", 3.0);
        totals.put("Bad\"Name", 1.5);

        assertThat(MetricsJson.format(totals)).isEqualTo("{\"EventsProcessed\":3.0,\"BadName\":1.5}");
        assertThat(MetricsJson.format(Map.of())).isEqualTo("{}");
    }

    private static HealthReport report(boolean kinesis, boolean dynamoDb, boolean consumer) {
        return new HealthReport(deps(kinesis, dynamoDb, consumer));
    }

    private static Map<String, Boolean> deps(boolean kinesis, boolean dynamoDb, boolean consumer) {
        Map<String, Boolean> dependencies = new LinkedHashMap<>();
        dependencies.put("kinesis", kinesis);
        dependencies.put("dynamodb", dynamoDb);
        dependencies.put("consumer", consumer);
        return dependencies;
    }
}
