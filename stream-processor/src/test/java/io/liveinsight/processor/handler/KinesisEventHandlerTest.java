package io.liveinsight.processor.handler;

import static io.liveinsight.processor.Events.event;
import static io.liveinsight.processor.Events.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.event.TableNames;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.domain.SessionRules;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The Lambda for Kinesis event source mappings, on DynamoDB Local and kinesis-mock: a built {@link KinesisEvent} in,
 * the three tables and the dead-letter stream checked after.
 */
@WithLocalAws
class KinesisEventHandlerTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = System.currentTimeMillis() - 60_000;

    private final LocalAws aws;
    private TableNames tables;
    private String deadLetters;
    private KinesisEventHandler handler;
    private long sequence = 49_000_000_000_000_000L;

    KinesisEventHandlerTest(LocalAws aws) {
        this.aws = aws;
    }

    private final List<String> metricLines = new ArrayList<>();

    @BeforeEach
    void createHandler() {
        tables = aws.createTables("Handler");
        deadLetters = aws.createStream("handler-dead-letters", 1);
        handler = new KinesisEventHandler(
                ProcessorConfig.local(
                                "handler-source",
                                "unused",
                                tables,
                                aws.endpoints().kinesis(),
                                aws.endpoints().dynamoDb(),
                                deadLetters)
                        .withStage("qa"),
                metricLines::add);
    }

    @Test
    void handleRequest_whenBatchStored_printsOneEmfLineWithTheConfiguredStage() throws Exception {
        handler.handleRequest(batch(record("m1", List.of(pageView("m1-a", "m1", T0, "/")))), null);

        assertThat(metricLines).hasSize(1);
        JsonNode line = JSON.readTree(metricLines.get(0));
        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("LiveInsight");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Stage\"]]");
        assertThat(line.path("Stage").asText()).isEqualTo("qa");
        assertThat(line.path("EventsProcessed").asDouble()).isEqualTo(1);
    }

    @Test
    void handleRequest_whenBatchHasDuplicatesAndResends_storesEachEventOnce() {
        KinesisEvent batch = batch(
                record("h1", List.of(pageView("h1-a", "h1", T0, "/"), event("h1-b", "h1", "click", T0 + 1_000, "/"))),
                record(
                        "h1",
                        List.of(
                                event("h1-b", "h1", "click", T0 + 1_000, "/"),
                                pageView("h1-c", "h1", T0 + 2_000, "/cart"))),
                record("h2", List.of(pageView("h2-a", "h2", T0 + 500, "/shop"))),
                record("h1", List.of(pageView("h1-a", "h1", T0, "/"))));

        StreamsEventResponse response = handler.handleRequest(batch, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        Map<String, AttributeValue> h1 = item(tables.sessions(), "h1");
        assertThat(h1.get("total_events").n()).isEqualTo("3");
        assertThat(h1.get("page_views").n()).isEqualTo("2");
        assertThat(h1.get("entry_page").s()).isEqualTo("/");
        assertThat(h1.get("exit_page").s()).isEqualTo("/cart");
        assertThat(h1.get("event_types").m().get("click").n()).isEqualTo("1");
        assertThat(item(tables.sessions(), "h2").get("total_events").n()).isEqualTo("1");
        Map<String, AttributeValue> active = item(tables.activeSessions(), "h1");
        assertThat(active.get("total_events").n()).isEqualTo("3");
        assertThat(active.get("expires_at").n()).isEqualTo(Long.toString((T0 + 2_000) / 1000 + 1800));
        assertThat(eventCount()).isEqualTo(4);
    }

    @Test
    void handleRequest_whenBridgeArrivesLateAndBatchesAreReplayed_mergesOnceAndReplaysChangeNothing() {
        List<KinesisEvent.KinesisEventRecord> records = List.of(
                record("r1", List.of(pageView("r1-a", "r1", T0, "/"), event("r1-b", "r1", "scroll", T0 + 3_000, "/"))),
                record("r1", List.of(pageView("r1-c", "r1", T0 + 40 * 60_000, "/late"))),
                record("r1", List.of(pageView("r1-d", "r1", T0 + 20 * 60_000, "/bridge"))));
        handler.handleRequest(batch(records.get(0), records.get(1)), null);
        assertThat(item(tables.sessions(), SessionRules.segmentId("r1", 1))
                        .get("total_events")
                        .n())
                .isEqualTo("1");
        assertThat(item(tables.activeSessions(), SessionRules.segmentId("r1", 1)))
                .isNotEmpty();

        handler.handleRequest(batch(records.get(2)), null);
        Map<String, AttributeValue> sessionBefore = item(tables.sessions(), "r1");
        Map<String, AttributeValue> activeBefore = item(tables.activeSessions(), "r1");
        assertThat(sessionBefore.get("total_events").n()).isEqualTo("4");
        assertThat(item(tables.sessions(), SessionRules.segmentId("r1", 1))).isEmpty();
        assertThat(item(tables.activeSessions(), SessionRules.segmentId("r1", 1)))
                .isEmpty();

        List<KinesisEvent.KinesisEventRecord> reversed = new ArrayList<>(records);
        Collections.reverse(reversed);
        StreamsEventResponse replay =
                handler.handleRequest(batch(reversed.toArray(KinesisEvent.KinesisEventRecord[]::new)), null);
        handler.handleRequest(batch(records.get(1)), null);

        assertThat(replay.getBatchItemFailures()).isEmpty();
        assertThat(item(tables.sessions(), "r1")).isEqualTo(sessionBefore);
        assertThat(item(tables.activeSessions(), "r1")).isEqualTo(activeBefore);
        assertThat(item(tables.sessions(), SessionRules.segmentId("r1", 1))).isEmpty();
        assertThat(eventCount()).isEqualTo(4);
    }

    @Test
    void handleRequest_whenPoisonRecords_deadLettersThemAndStoresTheRest() throws Exception {
        byte[] garbage = "not json at all".getBytes(StandardCharsets.UTF_8);
        byte[] invalid = CODEC.encode(List.of(event("p-x", "p1", "NOT VALID", T0, "/")));
        KinesisEvent.KinesisEventRecord garbageRecord = raw("p0", garbage);
        KinesisEvent.KinesisEventRecord invalidRecord = raw("p1", invalid);
        KinesisEvent batch = batch(
                record("p2", List.of(pageView("p2-a", "p2", T0, "/"))),
                garbageRecord,
                invalidRecord,
                record("p3", List.of(pageView("p3-a", "p3", T0, "/"))));

        StreamsEventResponse response = handler.handleRequest(batch, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(item(tables.sessions(), "p2")).isNotEmpty();
        assertThat(item(tables.sessions(), "p3")).isNotEmpty();
        assertThat(item(tables.sessions(), "p1")).isEmpty();
        List<JsonNode> letters = deadLetters();
        assertThat(letters).hasSize(2);
        assertThat(letters.get(0).path("source_sequence_number").asText())
                .isEqualTo(garbageRecord.getKinesis().getSequenceNumber());
        assertThat(Base64.getDecoder().decode(letters.get(0).path("data_base64").asText()))
                .isEqualTo(garbage);
        assertThat(letters.get(1).path("source_sequence_number").asText())
                .isEqualTo(invalidRecord.getKinesis().getSequenceNumber());
        assertThat(letters.get(1).path("reason").asText()).contains("event_type");
        assertThat(Base64.getDecoder().decode(letters.get(1).path("data_base64").asText()))
                .isEqualTo(invalid);
    }

    @Test
    void handleRequest_whenTooLittleTimeLeft_reportsEveryRecordFailedAndStoresNothing() {
        KinesisEventHandlerTestContext almostOut = new KinesisEventHandlerTestContext(1_000);
        KinesisEvent batch = batch(
                record("t1", List.of(pageView("t1-a", "t1", T0, "/"))),
                record("t2", List.of(pageView("t2-a", "t2", T0, "/"))));

        StreamsEventResponse response = handler.handleRequest(batch, almostOut);

        assertThat(response.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(
                        batch.getRecords().get(0).getKinesis().getSequenceNumber(),
                        batch.getRecords().get(1).getKinesis().getSequenceNumber());
        assertThat(item(tables.sessions(), "t1")).isEmpty();

        StreamsEventResponse retried = handler.handleRequest(batch, new KinesisEventHandlerTestContext(60_000));
        assertThat(retried.getBatchItemFailures()).isEmpty();
        assertThat(item(tables.sessions(), "t1").get("total_events").n()).isEqualTo("1");
    }

    /**
     * Was a bug (dead letters are now split into parts under 1 MiB): a poison record near Kinesis's 1 MiB limit becomes a
     * dead letter of base64 (4/3 the size) plus JSON, over the limit, so the dead-letter stream refuses it on every
     * attempt; the batch is retried until the deadline and reported failed, and the event source mapping retries it
     * for ever: one such record stops the shard.
     */
    @Test
    void handleRequest_whenPoisonRecordIsNear1MiB_deadLettersItAndStoresTheRest() {
        byte[] garbage = new byte[900 * 1024];
        java.util.Arrays.fill(garbage, (byte) '#');
        KinesisEvent batch =
                batch(raw("big", garbage), record("after-big", List.of(pageView("ab-a", "after-big", T0, "/"))));

        StreamsEventResponse response = handler.handleRequest(batch, new KinesisEventHandlerTestContext(30_000));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(item(tables.sessions(), "after-big")).isNotEmpty();
    }

    private KinesisEvent.KinesisEventRecord record(String session, List<Event> events) {
        return raw(session, CODEC.encode(events));
    }

    private KinesisEvent.KinesisEventRecord raw(String partitionKey, byte[] data) {
        KinesisEvent.Record kinesis = new KinesisEvent.Record();
        kinesis.setPartitionKey(partitionKey);
        kinesis.setSequenceNumber(Long.toString(sequence++));
        kinesis.setData(ByteBuffer.wrap(data));
        KinesisEvent.KinesisEventRecord record = new KinesisEvent.KinesisEventRecord();
        record.setKinesis(kinesis);
        record.setEventSource("aws:kinesis");
        return record;
    }

    private static KinesisEvent batch(KinesisEvent.KinesisEventRecord... records) {
        KinesisEvent event = new KinesisEvent();
        event.setRecords(List.of(records));
        return event;
    }

    private Map<String, AttributeValue> item(String table, String sessionId) {
        return aws.dynamoDb()
                .getItem(r -> r.tableName(table)
                        .key(Map.of("session_id", AttributeValue.fromS(sessionId)))
                        .consistentRead(true))
                .item();
    }

    private int eventCount() {
        return aws.dynamoDb().scan(r -> r.tableName(tables.events())).count();
    }

    private List<JsonNode> deadLetters() throws Exception {
        var kinesis = aws.kinesis();
        String shard = kinesis.listShards(r -> r.streamName(deadLetters))
                .shards()
                .get(0)
                .shardId();
        String iterator = kinesis.getShardIterator(
                        r -> r.streamName(deadLetters).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        List<JsonNode> letters = new ArrayList<>();
        for (var record : kinesis.getRecords(r -> r.shardIterator(iterator)).records()) {
            letters.add(JSON.readTree(record.data().asByteArray()));
        }
        return letters;
    }
}
