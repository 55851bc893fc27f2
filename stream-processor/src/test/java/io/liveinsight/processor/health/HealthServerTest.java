package io.liveinsight.processor.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthServerTest {

    private final AtomicBoolean dynamoDb = new AtomicBoolean(true);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean shardStuck = new AtomicBoolean();

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
    void health_whenAShardIsStuck_answers503NamingItWhileLiveStays200() throws Exception {
        try (HealthServer server = start()) {
            shardStuck.set(true);

            HealthGet stuck = HealthGet.of(server.address(), "/health");

            assertThat(stuck.status()).isEqualTo(503);
            assertThat(stuck.body())
                    .contains("\"status\":\"degraded\"", "\"stuck\":[\"shardId-000000000001\"]")
                    .contains("\"oldest_unstored_batch_ms\":61000");
            assertThat(HealthGet.of(server.address(), "/health/live").status())
                    .as("a stuck shard is for alarms and operators, not a reason to kill the task")
                    .isEqualTo(200);
            shardStuck.set(false);
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
                    return shardStuck.get()
                            ? new HealthReport(
                                    dependencies,
                                    Map.of(),
                                    new HealthReport.Shards(List.of("shardId-000000000001"), 61_000, 62_000))
                            : new HealthReport(dependencies);
                },
                running::get,
                () -> Map.of("EventsProcessed", 2.0));
    }
}
