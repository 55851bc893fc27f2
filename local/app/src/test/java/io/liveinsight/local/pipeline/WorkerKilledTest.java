package io.liveinsight.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.TableNames;
import io.liveinsight.local.engines.LiveInsightResources;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.consumer.KclConsumer;
import java.io.File;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * A worker killed hard (SIGKILL, no shutdown hook, no lease released) in the middle of writing a batch, then a new
 * worker: it takes the lease once it expires, replays from the last checkpoint over what the first one half wrote, and
 * the tables end exactly as the model says: nothing lost, nothing counted twice.
 */
@WithLocalAws
class WorkerKilledTest {

    private static final String APPLICATION = "killed-consumer";

    @Test
    void worker_whenKilledHardMidBatchAndReplaced_tablesEqualTheModel(LocalAws aws) throws Exception {
        DynamoDbClient dynamoDb = aws.dynamoDb();
        String prefix = "Killed-" + System.nanoTime();
        TableNames tables = TableNames.withPrefix(prefix);
        LiveInsightResources.createTables(dynamoDb, tables);
        String stream = aws.createStream("killed", 1);
        String deadLetters = stream + "-DeadLetters";
        LiveInsightResources.createStream(aws.kinesis(), deadLetters, 1);
        LiveInsightResources.createLeaseTable(dynamoDb, APPLICATION);
        // One big first batch (KCL reads up to 10,000 records at a time), so the kill lands inside it.
        SessionTraffic traffic = SessionTraffic.generate(4242L, "killed", 400, PipelineAcceptanceTest.recentBase());
        TableModel model = TableModel.of(traffic);
        List<StreamRecords.Entry> entries = new ArrayList<>(traffic.records());
        entries.add(Sentinel.record("killed", System.currentTimeMillis()));
        List<BigInteger> sequenceNumbers = StreamRecords.put(aws.kinesis(), stream, entries);

        Process child = startChild(stream, prefix, aws, deadLetters);
        int storedAtKill;
        try {
            Await.until("the child worker writing sessions", Duration.ofSeconds(90), () -> {
                if (!child.isAlive()) {
                    throw new AssertionError("child worker exited: " + child.exitValue());
                }
                return count(dynamoDb, tables.sessions()) >= 20;
            });
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        storedAtKill = count(dynamoDb, tables.sessions());
        BigInteger checkpointAtKill = StreamRecords.checkpoint(dynamoDb, APPLICATION);
        System.out.printf(
                "killed with %d of %d session items stored, checkpoint %s%n",
                storedAtKill, model.segments().size(), checkpointAtKill);
        assertThat(storedAtKill)
                .as("killed mid-batch")
                .isLessThan(model.segments().size());
        assertThat(checkpointAtKill).isLessThan(sequenceNumbers.get(sequenceNumbers.size() - 1));

        long started = System.nanoTime();
        try (KclConsumer replacement = KclConsumer.start(ProcessorConfig.local(
                stream,
                APPLICATION,
                tables,
                aws.endpoints().kinesis(),
                aws.endpoints().dynamoDb(),
                deadLetters))) {
            Await.until(
                    "the replacement worker storing everything",
                    Duration.ofSeconds(120),
                    () -> Sentinel.arrived(dynamoDb, tables.activeSessions(), "killed"));
            System.out.printf("replacement finished %d ms after it started%n", Await.millisSince(started));

            assertThat(model.differences(dynamoDb, tables)).isEmpty();
        }
    }

    private static Process startChild(String stream, String prefix, LocalAws aws, String deadLetters) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(
                java,
                "-Daws.accessKeyId=000000000000",
                "-Daws.secretAccessKey=dummy",
                "-Daws.region=us-east-1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                ConsumerChild.class.getName(),
                stream,
                APPLICATION,
                prefix,
                aws.endpoints().kinesis().toString(),
                aws.endpoints().dynamoDb().toString(),
                deadLetters);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(new File("target/killed-worker.log"))
                .start();
    }

    private static int count(DynamoDbClient dynamoDb, String table) {
        int total = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page =
                    dynamoDb.scan(r -> r.tableName(table).select(Select.COUNT).exclusiveStartKey(from));
            total += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return total;
    }
}
