package io.liveinsight.local;

import io.liveinsight.event.TableNames;
import io.liveinsight.local.engines.AwsEndpoints;
import io.liveinsight.local.engines.LocalAwsClients;
import io.liveinsight.local.engines.Ports;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The same end-to-end path against LocalStack in Docker, for machines that have a Docker engine. Where none runs
 * (these build machines), JUnit reports it skipped; it is not counted as passing.
 */
@Tag("localstack")
@Testcontainers(disabledWithoutDocker = true)
class LocalStackContainerEndToEndTest {

    @Container
    private static final LocalStackContainer LOCALSTACK =
            new LocalStackContainer("localstack/localstack:4.4").withServices("dynamodb", "kinesis");

    @Test
    void postEvent_whenStackRunsOnLocalStack_landsInAllThreeTables() throws Exception {
        AwsEndpoints endpoints = AwsEndpoints.same(LOCALSTACK.getEndpoint());
        LocalConfig config = new LocalConfig(
                "127.0.0.1",
                Ports.resolve(0),
                0,
                0,
                endpoints.dynamoDb(),
                endpoints.kinesis(),
                "LiveInsight-Events",
                1,
                TableNames.defaults(),
                "LiveInsight-StreamProcessor",
                null,
                true);
        try (LocalPipeline stack = LocalPipeline.start(config, endpoints);
                DynamoDbClient dynamoDb = LocalAwsClients.dynamoDb(endpoints.dynamoDb())) {
            EndToEndScenario.postedEventReachesAllThreeTables(stack.edgeAddress(), dynamoDb, config.tables(), "s1");
        }
    }
}
