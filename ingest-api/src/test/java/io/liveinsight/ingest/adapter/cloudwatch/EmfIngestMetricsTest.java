package io.liveinsight.ingest.adapter.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.ingest.domain.RejectReason;
import io.liveinsight.ingest.port.IngestMetrics.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmfIngestMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CapturingEnvironment environment = new CapturingEnvironment(true);
    private final EmfIngestMetrics metrics = new EmfIngestMetrics(environment, "prod");

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : environment.lines) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void record_whenRequestAccepted_writesOneEmfLineInTheLiveInsightNamespace() throws Exception {
        metrics.record(new Outcome(200, 10, Map.of(), 3));

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(1);
        JsonNode line = lines.get(0);
        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("LiveInsight");
        assertThat(directive.path("Dimensions").get(0))
                .extracting(JsonNode::asText)
                .containsExactly("Service", "Stage");
        assertThat(line.path("Service").asText()).isEqualTo("ingest-api");
        assertThat(line.path("Stage").asText()).isEqualTo("prod");
        assertThat(line.path("EventsAccepted").asDouble()).isEqualTo(10);
        assertThat(line.path("KinesisPutFailures").asDouble()).isEqualTo(3);
        assertThat(line.path("IngestRequests").asDouble()).isEqualTo(1);
        assertThat(line.path("_aws").path("Timestamp").asLong()).isPositive();
    }

    @Test
    void record_whenEventsRejected_writesOneLinePerReasonWithReasonDimension() throws Exception {
        metrics.record(new Outcome(200, 1, Map.of(RejectReason.INVALID_FIELD, 2, RejectReason.EVENT_TOO_LARGE, 1), 0));

        List<JsonNode> reasons =
                lines().stream().filter(l -> l.has("EventsRejected")).toList();
        assertThat(reasons)
                .extracting(l -> l.path("Reason").asText() + "="
                        + l.path("EventsRejected").asInt())
                .containsExactlyInAnyOrder("invalid_field=2", "event_too_large=1");
        assertThat(reasons.get(0)
                        .path("_aws")
                        .path("CloudWatchMetrics")
                        .get(0)
                        .path("Dimensions")
                        .get(0))
                .extracting(JsonNode::asText)
                .containsExactly("Service", "Reason", "Stage");
        assertThat(reasons).allSatisfy(l -> assertThat(l.path("Stage").asText()).isEqualTo("prod"));
    }

    @Test
    void record_whenCalledTwice_writesEachRequestsOwnValuesWithFreshTimestamps() throws Exception {
        metrics.record(new Outcome(200, 10, Map.of(RejectReason.INVALID_FIELD, 1), 0));
        Thread.sleep(5);
        metrics.record(new Outcome(503, 0, Map.of(RejectReason.STREAM_UNAVAILABLE, 4), 7));

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(4);
        JsonNode second = lines.get(2);
        assertThat(second.path("EventsAccepted").asDouble()).isZero();
        assertThat(second.path("KinesisPutFailures").asDouble()).isEqualTo(7);
        assertThat(second.path("status").asInt()).isEqualTo(503);
        assertThat(second.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics"))
                .hasSize(3);
        assertThat(second.path("_aws").path("Timestamp").asLong())
                .isGreaterThan(lines.get(0).path("_aws").path("Timestamp").asLong());
        assertThat(lines.get(3).path("Reason").asText()).isEqualTo("stream_unavailable");
        assertThat(lines.get(3).has("status")).isFalse();
    }

    @Test
    void record_whenStageFromConfig_everyLineCarriesIt() throws Exception {
        CapturingEnvironment dev = new CapturingEnvironment(true);
        EmfIngestMetrics devMetrics = new EmfIngestMetrics(
                dev, IngestConfig.fromEnvironment(Map.of("STAGE", "dev")).stage());

        devMetrics.record(new Outcome(400, 0, Map.of(RejectReason.INVALID_FIELD, 1), 0));

        assertThat(dev.lines).hasSize(2).allSatisfy(line -> {
            JsonNode json = JSON.readTree(line);
            assertThat(json.path("Stage").asText()).isEqualTo("dev");
            assertThat(json.path("_aws")
                            .path("CloudWatchMetrics")
                            .get(0)
                            .path("Dimensions")
                            .get(0))
                    .extracting(JsonNode::asText)
                    .contains("Stage");
        });
    }
}
