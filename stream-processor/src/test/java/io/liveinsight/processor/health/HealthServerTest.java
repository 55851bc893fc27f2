package io.liveinsight.processor.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthServerTest {

    private final AtomicBoolean dynamoDb = new AtomicBoolean(true);
    private final AtomicBoolean running = new AtomicBoolean(true);

    @Test
    void health_whenDependencyGoesDownAndBack_answers503Then200() throws Exception {
        try (HealthServer server = start()) {
            assertThat(HealthGet.of(server.address(), "/health"))
                    .isEqualTo(
                            new HealthGet(
                                    200,
                                    "{\"status\":\"ok\",\"dependencies\":{\"kinesis\":\"up\",\"dynamodb\":\"up\",\"consumer\":\"up\"}}"));

            dynamoDb.set(false);
            HealthGet down = HealthGet.of(server.address(), "/health");

            assertThat(down.status()).isEqualTo(503);
            assertThat(down.body()).contains("\"status\":\"unavailable\"", "\"dynamodb\":\"down\"");
            dynamoDb.set(true);
            assertThat(HealthGet.of(server.address(), "/health").status()).isEqualTo(200);
        }
    }

    @Test
    void live_whenDependencyDown_stays200UntilTheConsumerStops() throws Exception {
        try (HealthServer server = start()) {
            dynamoDb.set(false);
            assertThat(HealthGet.of(server.address(), "/health/live"))
                    .isEqualTo(new HealthGet(200, "{\"status\":\"ok\"}"));

            running.set(false);

            assertThat(HealthGet.of(server.address(), "/health/live").status()).isEqualTo(503);
        }
    }

    @Test
    void metrics_whenAsked_answersTheTotalsAsJson() throws Exception {
        try (HealthServer server = start()) {
            assertThat(HealthGet.of(server.address(), "/metrics"))
                    .isEqualTo(new HealthGet(200, "{\"EventsProcessed\":2.0}"));
            assertThat(HealthGet.of(server.address(), "/other").status()).isEqualTo(404);
        }
    }

    private HealthServer start() throws Exception {
        return HealthServer.start(
                "127.0.0.1",
                0,
                () -> {
                    Map<String, Boolean> dependencies = new LinkedHashMap<>();
                    dependencies.put("kinesis", true);
                    dependencies.put("dynamodb", dynamoDb.get());
                    dependencies.put("consumer", true);
                    return new HealthReport(dependencies);
                },
                running::get,
                () -> Map.of("EventsProcessed", 2.0));
    }
}
