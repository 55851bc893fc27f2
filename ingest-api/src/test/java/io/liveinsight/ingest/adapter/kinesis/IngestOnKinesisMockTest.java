package io.liveinsight.ingest.adapter.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.event.DecodeResult;
import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.event.replay.ReplayIds;
import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.ingest.adapter.dynamodb.DynamoDbBudgetLeases;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.ingest.config.SiteSettings;
import io.liveinsight.ingest.domain.Ids;
import io.liveinsight.ingest.handler.EdgeSites;
import io.liveinsight.ingest.handler.IngestApplication;
import io.liveinsight.ingest.http.EdgeOptions;
import io.liveinsight.ingest.http.EventIngestor;
import io.liveinsight.ingest.http.IngestRequest;
import io.liveinsight.ingest.http.IngestResponse;
import io.liveinsight.ingest.port.IngestMetrics;
import io.liveinsight.ingest.testing.Bodies;
import io.liveinsight.ingest.testing.ManualClock;
import io.liveinsight.ingest.testing.RecordingMetrics;
import io.liveinsight.ingest.testing.ScriptedKinesisClient;
import io.liveinsight.lambda.http.HttpRequest;
import io.liveinsight.lambda.http.HttpResponse;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.sites.InMemorySiteDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** The edge's core on kinesis-mock: what a request leaves in the stream, with and without throttling. */
@WithLocalAws
class IngestOnKinesisMockTest {

    private static final String THROTTLED = "ProvisionedThroughputExceededException";

    private final LocalAws aws;
    private final EventCodec codec = new EventCodec();
    private final RecordingMetrics metrics = new RecordingMetrics();

    IngestOnKinesisMockTest(LocalAws aws) {
        this.aws = aws;
    }

    private KinesisClient edgeClient(String stream) {
        return KinesisClientFactory.create(
                new IngestConfig(stream, "us-east-1", aws.endpoints().kinesis(), Duration.ofSeconds(3)));
    }

    private EventIngestor ingestor(KinesisEventPublisher publisher, Clock clock) {
        return new EventIngestor(
                publisher, metrics, codec.mapper(), clock, new Ids(clock, new Random()), EdgeOptions.DEFAULTS);
    }

    private static IngestResponse post(EventIngestor ingestor, String body) {
        return ingestor.ingest(IngestRequest.post(
                body, Map.of("Content-Type", "application/json", "User-Agent", "Mozilla/5.0"), "192.0.2.10"));
    }

    @Test
    void ingest_whenBatchOfSeveralSessions_storesThemGroupedBySessionUnder1MiB() {
        String stream = aws.createStream("grouped", 2);
        KinesisEventPublisher publisher =
                new KinesisEventPublisher(edgeClient(stream), stream, new RecordPacker(codec), Duration.ofSeconds(3));
        // 480 events of ~2 KB for session "big" (over 1 MiB once enriched), 10 each for two small sessions.
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 480; i++) {
            events.add(Bodies.eventOfBytes("big", 2_100));
        }
        for (int i = 0; i < 10; i++) {
            events.add("{\"session_id\":\"small-a\",\"page_url\":\"/a/" + i + "\"}");
            events.add("{\"session_id\":\"small-b\",\"page_url\":\"/b/" + i + "\"}");
        }
        String body = "[" + String.join(",", events) + "]";

        IngestResponse response = post(ingestor(publisher, Clock.systemUTC()), body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsEntry("accepted", 500);
        List<Record> records = readAll(stream);
        assertThat(records).extracting(Record::partitionKey).containsOnly("big", "small-a", "small-b");
        assertThat(records.stream().filter(r -> r.partitionKey().equals("big"))).hasSizeGreaterThan(1);
        assertThat(records.stream().filter(r -> !r.partitionKey().equals("big")))
                .hasSize(2);
        List<String> storedIds = new ArrayList<>();
        for (Record record : records) {
            assertThat(record.data().asByteArrayUnsafe().length
                            + record.partitionKey().length())
                    .isLessThanOrEqualTo(1024 * 1024);
            List<Event> decoded =
                    ((DecodeResult.Decoded) codec.decode(record.data().asByteArray())).events();
            assertThat(decoded).extracting(Event::sessionId).containsOnly(record.partitionKey());
            decoded.forEach(e -> storedIds.add(e.eventId()));
        }
        assertThat(storedIds).containsExactlyInAnyOrderElementsOf(ids(response));
    }

    @Test
    void ingest_whenChosenEntriesThrottledPastBudget_answers503AndStreamHoldsOnlyTheOthers() {
        String stream = aws.createStream("throttled", 1);
        boolean[] throttle = {true};
        ScriptedKinesisClient client = new ScriptedKinesisClient(
                (call, entry) -> throttle[0] && entry.partitionKey().equals("s-b") ? THROTTLED : null,
                edgeClient(stream));
        ManualClock clock = new ManualClock(Instant.now());
        List<Duration> waits = new ArrayList<>();
        KinesisEventPublisher publisher = new KinesisEventPublisher(
                client,
                stream,
                new RecordPacker(codec),
                RetryPolicy.withBudget(Duration.ofSeconds(2)),
                clock,
                d -> {
                    waits.add(d);
                    clock.advance(d);
                },
                new Random(3));
        EventIngestor ingestor = ingestor(publisher, clock);
        String body = """
                [{"event_id":"a1","session_id":"s-a","timestamp":%1$d},
                 {"event_id":"b1","session_id":"s-b","timestamp":%1$d},
                 {"event_id":"c1","session_id":"s-c","timestamp":%1$d},
                 {"event_id":"b2","session_id":"s-b","timestamp":%1$d}]""".formatted(clock.millis() - 1_000);

        IngestResponse refused = post(ingestor, body);

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.headers()).containsEntry("Retry-After", "1");
        assertThat(refused.body()).containsOnlyKeys("error");
        assertThat(client.partitionKeys(0)).containsExactly("s-a", "s-b", "s-c");
        assertThat(client.calls.subList(1, client.calls.size())).isNotEmpty().allSatisfy(call -> assertThat(call)
                .extracting(PutRecordsRequestEntry::partitionKey)
                .containsExactly("s-b"));
        assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).isLessThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(metrics.last().kinesisPutFailures()).isEqualTo(client.calls.size());
        assertThat(eventIds(readAll(stream))).containsExactlyInAnyOrder("a1", "c1"); // written; b1, b2 not

        // The client resends the same events once Kinesis has capacity again.
        throttle[0] = false;
        IngestResponse resent = post(ingestor, body);

        assertThat(resent.status()).isEqualTo(200);
        List<Event> stored = decodeAll(readAll(stream));
        assertThat(stored).extracting(Event::eventId).containsExactlyInAnyOrder("a1", "c1", "a1", "b1", "c1", "b2");
        // Harmless downstream: the copies of a1 and c1 are the same event (same id, same event time, same session),
        // so the Events table key (event_id, timestamp) and the session's distinct event ids do not change.
        Map<String, Set<List<Object>>> byId = stored.stream()
                .collect(Collectors.groupingBy(
                        Event::eventId,
                        Collectors.mapping(
                                e -> List.<Object>of(e.timestamp(), e.sessionId(), e.userId()), Collectors.toSet())));
        assertThat(byId.values()).allSatisfy(versions -> assertThat(versions).hasSize(1));
        assertThat(new HashSet<>(stored.stream().map(Event::eventId).toList())).hasSize(4);
    }

    @Test
    void prime_whenWiredToKinesis_runsTheSdkPathButWritesNothing() {
        String stream = aws.createStream("priming", 1);
        IngestApplication application = new IngestApplication(
                new IngestConfig(stream, "us-east-1", aws.endpoints().kinesis(), Duration.ofSeconds(3))
                        .withSites(SiteSettings.DEFAULTS.withDefaultSite(true)),
                null,
                null,
                sites());

        boolean sdkRequestPathRun = application.prime();

        assertThat(sdkRequestPathRun).isTrue();
        assertThat(readAll(stream)).isEmpty();
        HttpResponse response = application.handle(
                new HttpRequest("POST", "/events", Map.of(), Map.of(), "{\"session_id\":\"after\"}", false, null));
        assertThat(response.status()).isEqualTo(200);
        assertThat(readAll(stream)).extracting(Record::partitionKey).containsExactly("after");
    }

    @Test
    void handle_whenReplayedRequest_putsRecordsWithTheMappedIdsAndTheRun_andARefusedOneNothing() throws Exception {
        String stream = aws.createStream("replay", 1);
        String key = "kinesis-replay-key-0123456789";
        IngestApplication application = new IngestApplication(
                new IngestConfig(stream, "us-east-1", aws.endpoints().kinesis(), Duration.ofSeconds(3))
                        .withReplayKeySha256(ReplayKey.of(key).sha256Hex())
                        .withSites(SiteSettings.DEFAULTS.withDefaultSite(true)),
                null,
                IngestMetrics.NONE,
                sites());
        String body = "[{\"event_id\":\"e-1\",\"session_id\":\"s-1\",\"user_id\":\"u-1\"},"
                + "{\"event_id\":\"e-2\",\"session_id\":\"s-2\",\"user_id\":\"u-1\"},{\"event_type\":\"click\"}]";

        HttpResponse refused = application.handle(new HttpRequest(
                "POST",
                "/events",
                Map.of("X-LiveInsight-Replay-Run", "run-k", "X-LiveInsight-Replay-Key", "not-the-key-0123456789"),
                Map.of(),
                body,
                false,
                "192.0.2.10"));
        HttpResponse accepted = application.handle(new HttpRequest(
                "POST",
                "/events",
                Map.of("X-LiveInsight-Replay-Run", "run-k", "X-LiveInsight-Replay-Key", key),
                Map.of(),
                body,
                false,
                "192.0.2.10"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(accepted.status()).isEqualTo(200);
        ReplayIds ids = new ReplayIds(ReplayKey.of(key), "run-k");
        List<Record> records = readAll(stream);
        List<Event> stored = decodeAll(records);
        assertThat(stored).hasSize(3).allSatisfy(event -> {
            assertThat(event.replayRun()).isEqualTo("run-k");
            assertThat(event.sessionId()).startsWith("r~run-k~");
            assertThat(event.userId()).startsWith("r~run-k~");
            assertThat(event.eventId()).startsWith("r.run-k.");
        });
        assertThat(stored.subList(0, 2))
                .extracting(Event::eventId, Event::sessionId, Event::userId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                ids.eventId("e-1"), ids.sessionId("s-1"), ids.userId("u-1")),
                        org.assertj.core.groups.Tuple.tuple(
                                ids.eventId("e-2"), ids.sessionId("s-2"), ids.userId("u-1")));
        for (Record record : records) {
            List<Event> carried =
                    ((DecodeResult.Decoded) codec.decode(record.data().asByteArray())).events();
            assertThat(carried).extracting(Event::sessionId).containsOnly(record.partitionKey());
        }
        JsonNode answer = new ObjectMapper().readTree(accepted.body());
        List<String> answered = new ArrayList<>();
        answer.get("event_ids").forEach(id -> answered.add(id.asText()));
        assertThat(answered)
                .containsExactlyElementsOf(stored.stream().map(Event::eventId).toList());
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(IngestResponse response) {
        return (List<String>) response.body().get("event_ids");
    }

    private List<String> eventIds(List<Record> records) {
        return decodeAll(records).stream().map(Event::eventId).toList();
    }

    private List<Event> decodeAll(List<Record> records) {
        List<Event> events = new ArrayList<>();
        for (Record record : records) {
            events.addAll(((DecodeResult.Decoded) codec.decode(record.data().asByteArray())).events());
        }
        return events;
    }

    private List<Record> readAll(String stream) {
        List<Record> records = new ArrayList<>();
        for (var shard : aws.kinesis().listShards(r -> r.streamName(stream)).shards()) {
            String iterator = aws.kinesis()
                    .getShardIterator(r -> r.streamName(stream)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            records.addAll(
                    aws.kinesis().getRecords(r -> r.shardIterator(iterator)).records());
        }
        return records;
    }

    /** The edge's sites as the local stack wires them: an empty registry, leases on DynamoDB Local's Sites table. */
    private EdgeSites sites() {
        return new EdgeSites(
                new InMemorySiteDirectory(),
                new DynamoDbBudgetLeases(
                        aws.dynamoDb(), aws.createTables("Edge").sites()));
    }
}
