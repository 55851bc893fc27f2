package io.liveinsight.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.MetricNames;
import io.liveinsight.local.engines.LiveInsightResources;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.local.engines.fault.FaultProxy;
import io.liveinsight.local.engines.fault.Share;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.consumer.KclConsumer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Issue 4's acceptance on the real engines, with ONE KCL consumer for the whole class (KCL takes 10-35 s to take its
 * first lease): the consumer reads a one-shard kinesis-mock stream and writes DynamoDB Local through a
 * {@link FaultProxy}, so each test can throttle it or take it down. Each test has its own ids; the tables are
 * compared item by item with {@link TableModel}.
 */
@WithLocalAws
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineAcceptanceTest {

    /** A test's records are all stored well within this once the consumer runs. */
    private static final Duration PROCESSED = Duration.ofSeconds(60);

    private static final Duration STUCK_AFTER = Duration.ofSeconds(3);

    private static final String APPLICATION = "acceptance-consumer";
    private static final String PUT_ITEM = "DynamoDB_20120810.PutItem";

    private static FaultProxy proxy;
    private static KclConsumer consumer;
    private static TableNames tables;
    private static String stream;
    private static String deadLetters;
    private static DynamoDbClient dynamoDb;
    private static KinesisClient kinesis;

    @BeforeAll
    static void startConsumer(LocalAws aws) {
        dynamoDb = aws.dynamoDb();
        kinesis = aws.kinesis();
        tables = aws.createTables("Acceptance");
        stream = aws.createStream("acceptance", 1);
        deadLetters = stream + "-DeadLetters";
        LiveInsightResources.createStream(kinesis, deadLetters, 1);
        LiveInsightResources.createLeaseTable(dynamoDb, APPLICATION);
        proxy = FaultProxy.start(aws.endpoints().dynamoDb());
        consumer = KclConsumer.start(ProcessorConfig.local(
                        stream, APPLICATION, tables, aws.endpoints().kinesis(), proxy.endpoint(), deadLetters)
                .withStuckShardAfter(STUCK_AFTER));
        long started = System.nanoTime();
        StreamRecords.put(kinesis, stream, List.of(Sentinel.record("warmup", System.currentTimeMillis())));
        Await.until(
                "the consumer's first lease and record",
                Duration.ofSeconds(90),
                () -> Sentinel.arrived(dynamoDb, tables.activeSessions(), "warmup"));
        System.out.printf("consumer ready after %d ms%n", Await.millisSince(started));
    }

    @AfterAll
    static void stopConsumer() {
        if (consumer != null) {
            consumer.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    @Order(1)
    void stream_whenThousandsOfEventsResentAndOutOfOrder_tablesEqualTheModel() {
        SessionTraffic traffic = SessionTraffic.generate(20261126L, "e2e", 300, recentBase());
        TableModel model = TableModel.of(traffic);
        assertThat(model.domainDisagreements()).isEmpty();
        assertThat(traffic.events()).hasSizeGreaterThan(2_500);
        assertThat(model.segments()).hasSizeGreaterThan(310); // some sessions split by gaps over 30 minutes

        long started = System.nanoTime();
        putWithSentinel(traffic);
        awaitSentinel(traffic.prefix());
        System.out.printf(
                "e2e: %d events, %d records, %d session items, stored in %d ms%n",
                traffic.events().size(),
                traffic.records().size(),
                model.segments().size(),
                Await.millisSince(started));

        assertThat(model.differences(dynamoDb, tables)).isEmpty();
    }

    @Test
    @Order(2)
    void stream_whenPoisonRecordsBetweenGoodOnes_deadLettersThemAndKeepsProcessing() {
        double poisonBefore = metric(MetricNames.POISON_RECORDS);
        SessionTraffic before = SessionTraffic.generate(7L, "poison-a", 10, recentBase());
        SessionTraffic after = SessionTraffic.generate(8L, "poison-b", 10, recentBase());
        byte[] garbage = {(byte) 0xff, 0x00, 0x13, 0x37, '{', '"'};
        byte[] invalidEvent = new EventCodec().encode(List.of(invalid()));
        byte[] unknownVersion = "{\"v\":9,\"events\":[]}".getBytes(StandardCharsets.UTF_8);
        List<StreamRecords.Entry> entries = new ArrayList<>(before.records());
        entries.add(new StreamRecords.Entry("poison-1", garbage));
        entries.add(new StreamRecords.Entry("poison-2", invalidEvent));
        entries.add(new StreamRecords.Entry("poison-3", unknownVersion));
        entries.addAll(after.records());
        entries.add(Sentinel.record("poison", System.currentTimeMillis()));

        List<BigInteger> sequenceNumbers = StreamRecords.put(kinesis, stream, entries);
        awaitSentinel("poison");

        assertThat(TableModel.of(before).differences(dynamoDb, tables)).isEmpty();
        assertThat(TableModel.of(after).differences(dynamoDb, tables)).isEmpty();
        int firstPoison = before.records().size();
        Map<String, byte[]> expected = Map.of(
                sequenceNumbers.get(firstPoison).toString(), garbage,
                sequenceNumbers.get(firstPoison + 1).toString(), invalidEvent,
                sequenceNumbers.get(firstPoison + 2).toString(), unknownVersion);
        List<JsonNode> letters = StreamRecords.readJson(kinesis, deadLetters).stream()
                .filter(letter -> expected.containsKey(
                        letter.path("source_sequence_number").asText()))
                .toList();
        assertThat(letters).hasSize(3);
        for (JsonNode letter : letters) {
            String source = letter.path("source_sequence_number").asText();
            assertThat(Base64.getDecoder().decode(letter.path("data_base64").asText()))
                    .as("bytes of %s", source)
                    .isEqualTo(expected.get(source));
            assertThat(letter.path("reason").asText()).isNotBlank();
        }
        assertThat(letters)
                .anySatisfy(letter -> assertThat(letter.path("reason").asText()).contains("event_type"));
        assertThat(metric(MetricNames.POISON_RECORDS) - poisonBefore).isEqualTo(3);
    }

    @Test
    @Order(3)
    void stream_whenDynamoDbThrottlesAShareOfRequests_everythingLandsAndThrottlesAreCounted() {
        Map<String, Double> before = consumer.metrics();
        SessionTraffic traffic = SessionTraffic.generate(31L, "throttled", 80, recentBase());
        proxy.resetStats();
        proxy.throttle(Share.of(0.25, 31L));
        try {
            putWithSentinel(traffic);
            awaitSentinel(traffic.prefix());
        } finally {
            proxy.passThrough();
        }

        // Sessions are written in parallel: the sentinel's can be done while another session's write is still in its
        // backoff after a throttle (a CI run once checked three ActiveSessions items too early). Wait, bounded.
        TableModel model = TableModel.of(traffic);
        try {
            Await.until("every table as sent", PROCESSED, () -> model.differences(dynamoDb, tables)
                    .isEmpty());
        } catch (AssertionError timedOut) {
            // the assertion below names what differs
        }
        assertThat(model.differences(dynamoDb, tables)).isEmpty();
        long proxyThrottled = proxy.stats().throttled();
        double counted = 0;
        for (String table : List.of(tables.events(), tables.sessions(), tables.activeSessions())) {
            double throttles = delta(before, MetricNames.DYNAMODB_THROTTLES + "|" + table);
            double retries = delta(before, MetricNames.RETRY_ATTEMPTS + "|" + table);
            System.out.printf("throttled %s: %.0f throttles, %.0f retries%n", table, throttles, retries);
            assertThat(throttles).as("throttles of %s", table).isPositive();
            assertThat(retries).as("retries of %s", table).isGreaterThanOrEqualTo(throttles);
            counted += throttles;
        }
        // The proxy also throttles KCL's own lease calls, which the SDK retries and our metrics do not see.
        assertThat(counted).isLessThanOrEqualTo(proxyThrottled);
        System.out.printf("proxy throttled %d requests, the consumer counted %.0f%n", proxyThrottled, counted);
    }

    @Test
    @Order(4)
    void stream_whenClientsResendEveryRequestInNewRecordsLater_countsEachEventOnce() {
        SessionTraffic traffic = SessionTraffic.generate(41L, "resent", 60, recentBase());
        putWithSentinel(traffic);
        awaitSentinel(traffic.prefix());

        // The same requests again, minutes later in a real client: new records, new sequence numbers, same events.
        List<StreamRecords.Entry> again = new ArrayList<>(traffic.records());
        again.add(Sentinel.record(traffic.prefix() + "-again", System.currentTimeMillis()));
        StreamRecords.put(kinesis, stream, again);
        awaitSentinel(traffic.prefix() + "-again");

        assertThat(TableModel.of(traffic).differences(dynamoDb, tables)).isEmpty();
    }

    @Test
    @Order(5)
    void stream_whenEveryPutIsRefused_nothingIsCheckpointedPastItTheShardShowsStuckAndProcessingResumes() {
        SessionTraffic traffic = SessionTraffic.generate(51L, "refused", 40, recentBase());
        proxy.resetStats();
        proxy.throttle(Share.all(), PUT_ITEM);
        List<BigInteger> sequenceNumbers;
        try {
            sequenceNumbers = putWithSentinel(traffic);
            // The consumer has the batch and keeps trying: several rounds of refused writes (and an open breaker).
            Await.until(
                    "refused batch writes",
                    PROCESSED,
                    () -> proxy.stats().operation(PUT_ITEM).throttled() >= 12);
            BigInteger checkpoint = StreamRecords.checkpoint(dynamoDb, APPLICATION);
            assertThat(checkpoint).isLessThan(sequenceNumbers.get(0));
            // The shard does not advance while records wait: health says so, and so do the metrics.
            Await.until(
                    "the shard reported stuck",
                    STUCK_AFTER.plusSeconds(10),
                    () -> !consumer.health(Map.of()).shards().stuck().isEmpty());
            assertThat(consumer.health(Map.of()).httpStatus()).isEqualTo(503);
            assertThat(consumer.metrics().get(MetricNames.OLDEST_UNSTORED_BATCH_AGE))
                    .isGreaterThanOrEqualTo((double) STUCK_AFTER.toMillis());
            assertThat(Sentinel.arrived(dynamoDb, tables.activeSessions(), traffic.prefix()))
                    .isFalse();
            assertThat(consumer.isRunning()).isTrue();
        } finally {
            proxy.passThrough();
        }

        long resumed = System.nanoTime();
        awaitSentinel(traffic.prefix());
        System.out.printf("resumed within %d ms of the table accepting writes%n", Await.millisSince(resumed));
        Await.until(
                "the shard no longer stuck",
                Duration.ofSeconds(10),
                () -> consumer.health(Map.of()).shards().stuck().isEmpty());
        assertThat(TableModel.of(traffic).differences(dynamoDb, tables)).isEmpty();
        BigInteger last = sequenceNumbers.get(sequenceNumbers.size() - 1);
        Await.until(
                "checkpoint at the last record",
                Duration.ofSeconds(10),
                () -> StreamRecords.checkpoint(dynamoDb, APPLICATION).compareTo(last) >= 0);
    }

    @Test
    @Order(6)
    void stream_whenDynamoDbDownForAWhile_resumesByItselfWithoutLossOrDoubleCounts() throws Exception {
        SessionTraffic traffic = SessionTraffic.generate(61L, "outage", 40, recentBase());
        BigInteger checkpointBefore = StreamRecords.checkpoint(dynamoDb, APPLICATION);
        List<BigInteger> sequenceNumbers;
        proxy.down();
        try {
            sequenceNumbers = putWithSentinel(traffic);
            Thread.sleep(8_000); // the outage itself: longer than KCL's 5 s lease failover
            assertThat(StreamRecords.checkpoint(dynamoDb, APPLICATION)).isEqualTo(checkpointBefore);
            assertThat(TableModel.of(traffic).differences(dynamoDb, tables))
                    .contains("Sessions: missing " + traffic.prefix() + "-s0");
        } finally {
            proxy.up();
        }

        long resumed = System.nanoTime();
        awaitSentinel(traffic.prefix());
        System.out.printf("resumed within %d ms of DynamoDB coming back%n", Await.millisSince(resumed));
        assertThat(TableModel.of(traffic).differences(dynamoDb, tables)).isEmpty();
        assertThat(consumer.isRunning()).isTrue();
        BigInteger last = sequenceNumbers.get(sequenceNumbers.size() - 1);
        Await.until(
                "checkpoint at the last record",
                PROCESSED,
                () -> StreamRecords.checkpoint(dynamoDb, APPLICATION).compareTo(last) >= 0);
    }

    /**
     * A client session id that keeps coming back (a bot or an integration reusing one id for months): 3,000 events 31
     * minutes apart in one batch, one segment each. Store format 1 kept every segment in one root item, which passed
     * DynamoDB's 400 KB and sent the session to the dead letters; format 2 stores each segment as its own item, in
     * stream-order steps of at most one transaction each, and the other sessions of the batch are stored as well.
     */
    @Test
    @Order(7)
    void stream_whenOneSessionGetsThousandsOfSegmentsInOneBatch_allAndTheirNeighboursAreStored() {
        long start = System.currentTimeMillis() - 3_000L * 31 * 60_000;
        List<Event> giant = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            giant.add(giantEvent(i, start + i * 31L * 60_000));
        }
        EventCodec codec = new EventCodec();
        List<StreamRecords.Entry> batch = new ArrayList<>();
        for (int from = 0; from < giant.size(); from += 500) {
            batch.add(new StreamRecords.Entry("giant-s0", codec.encode(giant.subList(from, from + 500))));
        }
        SessionTraffic sameBatch = SessionTraffic.generate(71L, "giant-neighbours", 5, recentBase());
        batch.addAll(sameBatch.records());
        StreamRecords.put(kinesis, stream, batch);
        Map<String, AttributeValue> firstKey = Map.of(
                "event_id", AttributeValue.fromS("giant-e0"), "timestamp", AttributeValue.fromN(Long.toString(start)));
        Await.until("the giant batch being written", PROCESSED, () -> !dynamoDb.getItem(
                        r -> r.tableName(tables.events()).key(firstKey))
                .item()
                .isEmpty());
        SessionTraffic nextBatch = SessionTraffic.generate(72L, "giant-later", 5, recentBase());
        putWithSentinel(nextBatch);
        awaitSentinel(nextBatch.prefix());

        Map<String, AttributeValue> root = dynamoDb.getItem(
                        r -> r.tableName(tables.sessions()).key(Map.of("session_id", AttributeValue.fromS("giant-s0"))))
                .item();
        System.out.printf(
                "giant root item: %s segments (of %d events)%n",
                root.containsKey("segments") ? root.get("segments").n() : "1", giant.size());
        assertThat(root.get("segments").n()).isEqualTo("3000");
        assertThat(TableModel.of(nextBatch).differences(dynamoDb, tables)).isEmpty();
        assertThat(TableModel.of(sameBatch).differences(dynamoDb, tables)).isEmpty();
    }

    private static Event giantEvent(int i, long time) {
        return new Event(
                "giant-e" + i,
                "giant-u",
                "giant-s0",
                "page_view",
                time,
                "https://shop.example/p/" + i,
                "https://search.example/?q=giant",
                "Mozilla/5.0 (compatible; ExampleBot/1.0)",
                Map.of(),
                null,
                null,
                null,
                null,
                time + 10,
                "198.51.100.0",
                false,
                false);
    }

    /** Recent enough that no ActiveSessions item has expired (DynamoDB Local's TTL deletes within seconds). */
    static long recentBase() {
        return System.currentTimeMillis() - 5 * 60_000L;
    }

    private static List<BigInteger> putWithSentinel(SessionTraffic traffic) {
        List<StreamRecords.Entry> entries = new ArrayList<>(traffic.records());
        entries.add(Sentinel.record(traffic.prefix(), System.currentTimeMillis()));
        return Collections.unmodifiableList(StreamRecords.put(kinesis, stream, entries));
    }

    private static void awaitSentinel(String prefix) {
        Await.until(
                "records of " + prefix + " stored",
                PROCESSED,
                () -> Sentinel.arrived(dynamoDb, tables.activeSessions(), prefix));
    }

    private static double metric(String key) {
        return consumer.metrics().getOrDefault(key, 0.0);
    }

    private static double delta(Map<String, Double> before, String key) {
        return metric(key) - before.getOrDefault(key, 0.0);
    }

    private static Event invalid() {
        long now = System.currentTimeMillis();
        return new Event(
                "poison-e1",
                "poison-u",
                "poison-2",
                "Not A Type!",
                now,
                null,
                null,
                null,
                Map.of(),
                null,
                null,
                null,
                null,
                now,
                null,
                false,
                false);
    }
}
