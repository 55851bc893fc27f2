package io.liveinsight.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.processor.archive.ArchiveStatus;
import io.liveinsight.processor.health.HealthReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/contract/local.md#archive: the archive on {@code /health}, down when a shard stops advancing. */
class HealthTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Health health(ArchiveStatus archive) {
        Map<String, Boolean> dependencies = new LinkedHashMap<>();
        dependencies.put("kinesis", true);
        dependencies.put("archive", archive.healthy());
        return new Health(new HealthReport(dependencies), archive);
    }

    @Test
    void toJson_whenTheArchiveAdvances_isOkWithItsFigures() throws Exception {
        Health health = health(new ArchiveStatus(true, List.of(), 700, 0, 12));

        JsonNode json = JSON.readTree(health.toJson());

        assertThat(health.httpStatus()).isEqualTo(200);
        assertThat(json.path("dependencies").path("archive").asText()).isEqualTo("up");
        assertThat(json.path("archive").path("records_written").asLong()).isEqualTo(12);
        assertThat(json.path("archive").path("oldest_unwritten_record_ms").asLong())
                .isEqualTo(700);
    }

    @Test
    void toJson_whenAnArchiveShardIsStuck_is503NamingIt() throws Exception {
        Health health = health(new ArchiveStatus(true, List.of("shardId-000000000001"), 125_000, 0, 12));

        JsonNode json = JSON.readTree(health.toJson());

        assertThat(health.httpStatus()).isEqualTo(503);
        assertThat(json.path("status").asText()).isEqualTo("unavailable");
        assertThat(json.path("dependencies").path("archive").asText()).isEqualTo("down");
        assertThat(json.path("archive").path("stuck").get(0).asText()).isEqualTo("shardId-000000000001");
    }

    @Test
    void toJson_whenTheArchiverIsNotRunning_isDown() throws Exception {
        Health health = health(new ArchiveStatus(false, List.of(), 0, 0, 0));

        assertThat(health.httpStatus()).isEqualTo(503);
        assertThat(JSON.readTree(health.toJson())
                        .path("dependencies")
                        .path("archive")
                        .asText())
                .isEqualTo("down");
    }

    @Test
    void toJson_whenTheArchiveIsOff_isTheReportAlone() {
        HealthReport report = new HealthReport(Map.of("kinesis", true));

        assertThat(new Health(report).toJson()).isEqualTo(report.toJson()).doesNotContain("archive");
    }
}
