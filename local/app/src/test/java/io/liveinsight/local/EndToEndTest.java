package io.liveinsight.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveinsight.event.TableNames;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.Ports;
import io.liveinsight.local.engines.WithLocalAws;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole pipeline on the embedded engines: edge (Lambda code path) -> kinesis-mock -> KCL -> DynamoDB Local. */
@WithLocalAws
class EndToEndTest {

    private static LocalPipeline stack;
    private static LocalConfig config;

    @BeforeAll
    static void startStack(LocalAws aws) {
        config = new LocalConfig(
                "127.0.0.1",
                Ports.resolve(0),
                0,
                0,
                null,
                null,
                aws.createStream("e2e", 1),
                1,
                TableNames.withPrefix("E2E"),
                "e2e-consumer",
                null,
                true);
        stack = LocalPipeline.start(config, aws.endpoints());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void postEvent_whenStackRuns_landsInEventsSessionsAndActiveSessions(LocalAws aws) throws Exception {
        EndToEndScenario.postedEventReachesAllThreeTables(stack.edgeAddress(), aws.dynamoDb(), config.tables(), "s1");
    }

    @Test
    void postEvents_whenAnAttackerUsesTheIdOfAnotherSessionsLaterSegment_everySessionLandsApartAndNoShardStops(
            LocalAws aws) throws Exception {
        // Warm: the consumer holds its lease (the first test's event arrived).
        EndToEndScenario.postedEventReachesAllThreeTables(stack.edgeAddress(), aws.dynamoDb(), config.tables(), "w1");

        Duration innocent = HostileIdsScenario.run(stack.edgeAddress(), aws.dynamoDb(), config.tables(), "hostile-");

        System.out.printf("innocent session stored %d ms after its request, behind the attack%n", innocent.toMillis());
        assertThat(innocent).isLessThan(HostileIdsScenario.INNOCENT_WITHIN);
        assertThat(EndToEndScenario.health(stack.edgeAddress())
                        .path("http_status")
                        .asInt())
                .isEqualTo(200);
    }

    @Test
    void replay_withoutTheKeyIsRefused_withItStoredUnderMappedIdsAndTheRunsSite_andTheLiveStatsUnchanged(LocalAws aws)
            throws Exception {
        // Warm: the consumer holds its lease.
        EndToEndScenario.postedEventReachesAllThreeTables(stack.edgeAddress(), aws.dynamoDb(), config.tables(), "w2");

        ReplayLaneScenario.run(stack.edgeAddress(), aws.dynamoDb(), config.tables(), config.replayKey(), "e2e-run-1");
    }

    @Test
    void twoSitesAndTheDefaultSite_withTheSameIds_stayApartInEveryTableAndDashboardAnswer(LocalAws aws)
            throws Exception {
        // Warm: the consumer holds its lease.
        EndToEndScenario.postedEventReachesAllThreeTables(stack.edgeAddress(), aws.dynamoDb(), config.tables(), "w3");

        TwoSitesScenario.run(stack.edgeAddress(), aws.dynamoDb(), config.tables(), "two");
    }

    @Test
    void close_whenConsumerStillStartingUp_returnsWithinSeconds(LocalAws aws) {
        // KCL holds a lock through a random start-up wait of up to 30 s; Ctrl-C must not wait for it.
        LocalConfig other = new LocalConfig(
                "127.0.0.1",
                Ports.resolve(0),
                0,
                0,
                null,
                null,
                aws.createStream("e2e-stop", 1),
                1,
                TableNames.withPrefix("E2EStop"),
                "e2e-stop-consumer",
                null,
                true);
        LocalPipeline starting = LocalPipeline.start(other, aws.endpoints());

        long started = System.nanoTime();
        starting.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void health_whenEverythingRuns_reportsEachDependencyUp() throws Exception {
        // "consumer" is up once KCL has initialized, 10-35 s after start-up.
        long deadline = System.nanoTime() + EndToEndScenario.ARRIVAL_TIMEOUT.toNanos();
        JsonNode health = EndToEndScenario.health(stack.edgeAddress());
        while (health.path("http_status").asInt() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            health = EndToEndScenario.health(stack.edgeAddress());
        }

        assertThat(health.path("http_status").asInt()).isEqualTo(200);
        assertThat(health.path("dependencies").path("kinesis").asText()).isEqualTo("up");
        assertThat(health.path("dependencies").path("dynamodb").asText()).isEqualTo("up");
        assertThat(health.path("dependencies").path("consumer").asText()).isEqualTo("up");
        assertThat(health.path("shards").path("stuck").isArray())
                .as("the consumer's shards")
                .isTrue();
        assertThat(health.path("shards").path("stuck")).isEmpty();
    }
}
