package io.liveinsight.local.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.TableNames;
import io.liveinsight.local.LocalConfig;
import io.liveinsight.local.LocalPipeline;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.Ports;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.local.pipeline.ConsumerChild;
import io.liveinsight.processor.adapter.useragent.YauaaUserAgentParser;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.consumer.KclConsumer;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The day of traffic of {@link StatisticsEndToEndTest} (another seed) with a crash in the middle: the consumer, in a
 * JVM of its own, is killed hard (SIGKILL: no shutdown, no checkpoint, no lease released) as soon as it has written
 * its first rollups and before it has written every session; a new consumer takes the leases once they expire and
 * replays the stream from the last checkpoint over what the first one half wrote. The statistics still equal the
 * recomputation exactly: the rollups' marks skip what was counted (docs/design/statistics.md#why-it-is-exact).
 */
@WithLocalAws
class StatisticsReplayEndToEndTest {

    private static final String APPLICATION = "stats-replay-consumer";
    private static final Duration FIRST_ROLLUPS = Duration.ofSeconds(90);

    @Test
    void statistics_whenTheConsumerIsKilledMidBatchAndReplaced_equalTheRecomputation(LocalAws aws) throws Exception {
        String stream = aws.createStream("stats-replay", 2);
        TableNames tables = TableNames.withPrefix("StatsReplay");
        LocalConfig config = new LocalConfig(
                "127.0.0.1", Ports.resolve(0), 0, 0, null, null, stream, 2, tables, APPLICATION, null, false);
        try (LocalPipeline stack = LocalPipeline.start(config, aws.endpoints())) {
            DynamoDbClient dynamoDb = aws.dynamoDb();
            Traffic traffic = Traffic.post(
                    new EdgeClient(stack.edgeAddress()),
                    DayOfTraffic.generate(StatisticsEndToEndTest.SEED + 1, System.currentTimeMillis(), 200, 30),
                    YauaaUserAgentParser.shared());

            Process child = startChild(aws, config);
            int sessionsAtKill;
            try {
                long deadline = System.nanoTime() + FIRST_ROLLUPS.toNanos();
                while (count(dynamoDb, tables.stats()) == 0) {
                    assertThat(child.isAlive()).as("the first consumer runs").isTrue();
                    assertThat(System.nanoTime())
                            .as("the first rollups within " + FIRST_ROLLUPS)
                            .isLessThan(deadline);
                    Thread.sleep(20);
                }
            } finally {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            sessionsAtKill = count(dynamoDb, tables.sessions());
            int segments = traffic.reference().visits().size();
            System.out.printf(
                    "statistics replay: consumer killed with %d Stats items and %d of %d sessions stored%n",
                    count(dynamoDb, tables.stats()), sessionsAtKill, segments);
            assertThat(sessionsAtKill)
                    .as("killed before every session was written")
                    .isLessThan(segments);

            long started = System.nanoTime();
            try (KclConsumer replacement = KclConsumer.start(ProcessorConfig.local(
                    stream,
                    APPLICATION,
                    tables,
                    aws.endpoints().kinesis(),
                    aws.endpoints().dynamoDb(),
                    config.deadLetterStream()))) {
                traffic.awaitTotals();
                System.out.printf(
                        "statistics replay: the replacement completed the rollups %d ms after it started%n",
                        Duration.ofNanos(System.nanoTime() - started).toMillis());
                NativeChecks natives = traffic.nativeChecks();
                OriginalChecks originals = traffic.originalChecks();
                traffic.assertEventually(() -> {
                    List<String> differences = new ArrayList<>();
                    differences.addAll(natives.summary(Map.of("range", "24h", "tz", "UTC")));
                    differences.addAll(natives.series("hour", Reference.HOUR));
                    differences.addAll(natives.series("5m", 5 * Reference.MINUTE));
                    NativeChecks.DIMENSIONS.forEach(d -> differences.addAll(natives.breakdown(d)));
                    differences.addAll(natives.hourDetails(traffic.busiestHour()));
                    differences.addAll(natives.realtime(System::currentTimeMillis));
                    differences.addAll(originals.summary());
                    differences.addAll(originals.hourly(ZoneId.of("UTC")));
                    differences.addAll(originals.pages());
                    differences.addAll(originals.referrers());
                    differences.addAll(originals.activeSessions());
                    return differences;
                });
            }
        }
    }

    private static Process startChild(LocalAws aws, LocalConfig config) throws Exception {
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
                config.streamName(),
                APPLICATION,
                "StatsReplay",
                aws.endpoints().kinesis().toString(),
                aws.endpoints().dynamoDb().toString(),
                config.deadLetterStream());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(new File("target/stats-replay-worker.log"))
                .start();
    }

    private static int count(DynamoDbClient dynamoDb, String table) {
        return dynamoDb.scan(r -> r.tableName(table).select(Select.COUNT)).count();
    }
}
