package io.liveinsight.processor.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.MetricNames;
import io.liveinsight.local.engines.LiveInsightResources;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.health.HealthGet;
import io.liveinsight.processor.health.HealthServer;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: a stuck shard shows in {@code /health} and {@code /metrics} within the configured time. The consumer runs
 * on the real engines with {@code STUCK_SHARD_AFTER_MS} = 2 s; the Sessions table is deleted under it (what an
 * operator's mistake looks like: ResourceNotFound, a misconfiguration, so the batch is held, never dead-lettered).
 * {@code /health} turns 503 naming the shard and the table, {@code OldestUnstoredBatchAge} passes the threshold; once
 * the table is back the held batch is stored and {@code /health} is 200 again. One KCL start-up (10-35 s).
 */
@WithLocalAws
class KclConsumerStuckShardTest {

    private static final Duration STUCK_AFTER = Duration.ofSeconds(2);
    /** KCL's random start-up wait (up to 30 s) plus lease assignment. */
    private static final Duration START = Duration.ofSeconds(90);

    @Test
    void health_whenTheSessionsTableGoesAway_is503NamingTheStuckShardUntilTheBatchIsStored(LocalAws aws)
            throws Exception {
        TableNames tables = aws.createTables("Stuck");
        String stream = aws.createStream("stuck", 1);
        String application = "stuck-consumer-" + System.nanoTime();
        LiveInsightResources.createLeaseTable(aws.dynamoDb(), application);
        LiveInsightResources.createStream(aws.kinesis(), stream + "-DeadLetters", 1);
        ProcessorConfig config = ProcessorConfig.local(
                        stream,
                        application,
                        tables,
                        aws.endpoints().kinesis(),
                        aws.endpoints().dynamoDb(),
                        stream + "-DeadLetters")
                .withStuckShardAfter(STUCK_AFTER);
        try (KclConsumer consumer = KclConsumer.start(config);
                HealthServer server =
                        HealthServer.start("127.0.0.1", 0, consumer::health, consumer::isRunning, consumer::metrics)) {
            StreamProbe.putPageView(aws, stream, "before");
            await("first session stored", START, () -> StreamProbe.stored(aws, tables, "before"));
            await(
                    "/health 200",
                    START,
                    () -> HealthGet.of(server.address(), "/health").status() == 200);

            aws.dynamoDb().deleteTable(r -> r.tableName(tables.sessions()));
            long putNanos = System.nanoTime();
            StreamProbe.putPageView(aws, stream, "while-gone");

            await(
                    "a stuck shard on /health",
                    STUCK_AFTER.plusSeconds(15),
                    () -> HealthGet.of(server.address(), "/health").body().contains("\"stuck\":[\"shardId-"));
            System.out.printf(
                    "stuck shard on /health %d ms after the record was put (threshold %d ms)%n",
                    millisSince(putNanos), STUCK_AFTER.toMillis());
            HealthGet stuck = HealthGet.of(server.address(), "/health");
            assertThat(stuck.status()).isEqualTo(503);
            assertThat(stuck.body())
                    .as("the store says why it holds the batch")
                    .contains("\"dynamodb\":\"misconfigured: " + tables.sessions());
            assertThat(consumer.metrics().get(MetricNames.OLDEST_UNSTORED_BATCH_AGE))
                    .isGreaterThanOrEqualTo((double) STUCK_AFTER.toMillis());
            assertThat(HealthGet.of(server.address(), "/metrics").body()).contains("\"OldestUnstoredBatchAge\":");

            LiveInsightResources.createTables(aws.dynamoDb(), tables); // the Sessions table again
            long backNanos = System.nanoTime();

            await("held session stored", Duration.ofSeconds(30), () -> StreamProbe.stored(aws, tables, "while-gone"));
            await(
                    "/health 200 again",
                    Duration.ofSeconds(30),
                    () -> HealthGet.of(server.address(), "/health").status() == 200);
            System.out.printf("/health 200 %d ms after the table was back%n", millisSince(backNanos));
            assertThat(consumer.metrics().get(MetricNames.OLDEST_UNSTORED_BATCH_AGE))
                    .isZero();
            assertThat(consumer.metrics()).doesNotContainKey(MetricNames.BATCHES_DEAD_LETTERED);
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        StreamProbe.await(what, timeout, condition, () -> "");
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
