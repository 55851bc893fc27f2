package io.liveinsight.processor.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
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
    void metricsJson_whenTotals_isOneFlatObject() {
        Map<String, Double> totals = new LinkedHashMap<>();
        totals.put("EventsProcessed", 3.0);
        totals.put("Bad\"Name", 1.5);

        assertThat(MetricsJson.format(totals)).isEqualTo("{\"EventsProcessed\":3.0,\"BadName\":1.5}");
        assertThat(MetricsJson.format(Map.of())).isEqualTo("{}");
    }

    private static HealthReport report(boolean kinesis, boolean dynamoDb, boolean consumer) {
        Map<String, Boolean> dependencies = new LinkedHashMap<>();
        dependencies.put("kinesis", kinesis);
        dependencies.put("dynamodb", dynamoDb);
        dependencies.put("consumer", consumer);
        return new HealthReport(dependencies);
    }
}
