package io.liveinsight.processor.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.event.contract.MetricNames;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedMetricLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void of_whenMetrics_declaresTheStageDimensionAndItsValue() throws Exception {
        JsonNode line = JSON.readTree(EmbeddedMetricLine.of(
                Map.of(MetricNames.EVENTS_PROCESSED, 7.0, MetricNames.PROCESSING_TIME, 30.0), "prod", 1_000L));

        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("LiveInsight");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Stage\"]]");
        assertThat(line.path("Stage").asText()).isEqualTo("prod");
        assertThat(line.path("_aws").path("Timestamp").asLong()).isEqualTo(1_000L);
        assertThat(line.path("EventsProcessed").asDouble()).isEqualTo(7.0);
        assertThat(directive.path("Metrics").findValuesAsText("Name"))
                .containsExactlyInAnyOrder("EventsProcessed", "ProcessingTime")
                .doesNotContain("Stage");
    }

    @Test
    void of_whenPerTableFigures_sumsThemUnderTheStageOnly() throws Exception {
        JsonNode line = JSON.readTree(EmbeddedMetricLine.of(
                Map.of(
                        MetricNames.DYNAMODB_THROTTLES + "|dev-LiveInsight-Events", 2.0,
                        MetricNames.DYNAMODB_THROTTLES + "|dev-LiveInsight-Sessions", 3.0),
                "dev",
                1_000L));

        assertThat(line.path("DynamoDbThrottles").asDouble()).isEqualTo(5.0);
        assertThat(line.path("Stage").asText()).isEqualTo("dev");
        assertThat(line.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics"))
                .hasSize(1);
    }
}
