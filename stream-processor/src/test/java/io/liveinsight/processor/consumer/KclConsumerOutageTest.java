package io.liveinsight.processor.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.TableNames;
import io.liveinsight.local.engines.LiveInsightResources;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.local.engines.fault.FaultProxy;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.health.HealthGet;
import io.liveinsight.processor.health.HealthServer;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The consumer process against the real engines behind {@link FaultProxy}s: it starts while DynamoDB is down, says so
 * on {@code /health}, and processes by itself once DynamoDB answers; later outages of Kinesis and of DynamoDB turn
 * {@code /health} to 503 and back, and events put meanwhile still reach the tables. One KCL worker for the class
 * (start-up 10-35 s); the tests run in order on it. {@code -Doutage.startSeconds=70} lengthens the start-up outage.
 */
@WithLocalAws
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KclConsumerOutageTest {

    private static final Duration START_OUTAGE = Duration.ofSeconds(Integer.getInteger("outage.startSeconds", 8));
    private static final Duration OUTAGE = Duration.ofSeconds(8);
    /** KCL's random start-up wait (up to 30 s) plus lease assignment. */
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    private static FaultProxy dynamoDbProxy;
    private static FaultProxy kinesisProxy;
    private static KclConsumer consumer;
    private static HealthServer server;
    private static TableNames tables;
    private static String stream;
    private static long startedNanos;

    @BeforeAll
    static void startWithDynamoDbDown(LocalAws aws) throws Exception {
        tables = aws.createTables("Outage");
        stream = aws.createStream("outage", 1);
        String application = "outage-consumer-" + System.nanoTime();
        LiveInsightResources.createLeaseTable(aws.dynamoDb(), application);
        LiveInsightResources.createStream(aws.kinesis(), stream + "-DeadLetters", 1);
        dynamoDbProxy = FaultProxy.start(aws.endpoints().dynamoDb()).down();
        kinesisProxy = FaultProxy.start(aws.endpoints().kinesis());
        startedNanos = System.nanoTime();
        consumer = KclConsumer.start(ProcessorConfig.local(
                stream,
                application,
                tables,
                kinesisProxy.endpoint(),
                dynamoDbProxy.endpoint(),
                stream + "-DeadLetters"));
        server = HealthServer.start("127.0.0.1", 0, consumer::health, consumer::isRunning, consumer::metrics);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (consumer != null) {
            consumer.close();
        }
        if (kinesisProxy != null) {
            kinesisProxy.close();
        }
        if (dynamoDbProxy != null) {
            dynamoDbProxy.close();
        }
    }

    @Test
    @Order(1)
    void consumer_whenStartedWithDynamoDbDown_reportsItThenProcessesOnceItAnswers(LocalAws aws) {
        HealthGet down = HealthGet.of(server.address(), "/health");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body())
                .isEqualTo("{\"status\":\"unavailable\",\"dependencies\":"
                        + "{\"kinesis\":\"up\",\"dynamodb\":\"down\",\"consumer\":\"down\"},"
                        + "\"shards\":{\"stuck\":[],\"oldest_unstored_batch_ms\":0,\"oldest_unstored_record_ms\":0}}");
        assertThat(HealthGet.of(server.address(), "/health/live").status()).isEqualTo(200);

        sleepUntil(startedNanos + START_OUTAGE.toNanos());
        assertThat(consumer.isRunning())
                .as("still running after a %s outage", START_OUTAGE)
                .isTrue();
        assertThat(HealthGet.of(server.address(), "/health").status()).isEqualTo(503);
        dynamoDbProxy.up();
        long upNanos = System.nanoTime();

        awaitHealthy("after DynamoDB came up", RECOVERY);
        System.out.printf(
                "consumer started with DynamoDB down %d s: /health 200 %d ms after it came up%n",
                START_OUTAGE.toSeconds(), millisSince(upNanos));
        putAndAwait(aws, "outage-start", RECOVERY);
        System.out.printf("  event stored %d ms after DynamoDB came up%n", millisSince(upNanos));
        assertThat(consumer.schedulersStarted()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void consumer_whenKinesisGoesDownAndComesBack_reportsItAndCarriesOn(LocalAws aws) {
        awaitHealthy("before the Kinesis outage", RECOVERY);
        kinesisProxy.down();
        await("kinesis down on /health", Duration.ofSeconds(5), () -> HealthGet.of(server.address(), "/health")
                .body()
                .contains("\"kinesis\":\"down\""));
        assertThat(HealthGet.of(server.address(), "/health").status()).isEqualTo(503);
        StreamProbe.sleep(OUTAGE);
        kinesisProxy.up();
        long upNanos = System.nanoTime();

        awaitHealthy("after Kinesis came up", Duration.ofSeconds(10));
        System.out.printf(
                "Kinesis outage %d s: /health 200 %d ms after it came up%n", OUTAGE.toSeconds(), millisSince(upNanos));
        putAndAwait(aws, "outage-kinesis", RECOVERY);
        System.out.printf("  event stored %d ms after Kinesis came up%n", millisSince(upNanos));
    }

    @Test
    @Order(3)
    void consumer_whenDynamoDbGoesDownAndComesBack_reportsItAndCarriesOn(LocalAws aws) {
        awaitHealthy("before the DynamoDB outage", RECOVERY);
        dynamoDbProxy.down();
        await("dynamodb down on /health", Duration.ofSeconds(5), () -> HealthGet.of(server.address(), "/health")
                .body()
                .contains("\"dynamodb\":\"down\""));
        assertThat(HealthGet.of(server.address(), "/health").status()).isEqualTo(503);
        StreamProbe.sleep(OUTAGE);
        dynamoDbProxy.up();
        long upNanos = System.nanoTime();

        awaitHealthy("after DynamoDB came up", Duration.ofSeconds(10));
        System.out.printf(
                "DynamoDB outage %d s: /health 200 %d ms after it came up%n", OUTAGE.toSeconds(), millisSince(upNanos));
        putAndAwait(aws, "outage-dynamodb", RECOVERY);
        System.out.printf("  event stored %d ms after DynamoDB came up%n", millisSince(upNanos));
        assertThat(consumer.metrics()).containsKey("EventsProcessed");
        assertThat(HealthGet.of(server.address(), "/metrics").body()).contains("\"EventsProcessed\":");
    }

    private static void putAndAwait(LocalAws aws, String session, Duration timeout) {
        StreamProbe.putPageView(aws, stream, session);
        await("session " + session + " stored", timeout, () -> StreamProbe.stored(aws, tables, session));
    }

    private static void awaitHealthy(String when, Duration timeout) {
        await(
                "/health 200 " + when,
                timeout,
                () -> HealthGet.of(server.address(), "/health").status() == 200);
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        StreamProbe.await(
                what,
                timeout,
                condition,
                () -> "; last /health "
                        + HealthGet.of(server.address(), "/health").body());
    }

    private static void sleepUntil(long nanos) {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            StreamProbe.sleep(Duration.ofNanos(left));
        }
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
