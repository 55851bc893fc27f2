package io.liveinsight.local.coalesce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.ingest.adapter.kinesis.KinesisClientFactory;
import io.liveinsight.ingest.adapter.kinesis.KinesisEventPublisher;
import io.liveinsight.ingest.adapter.kinesis.RecordPacker;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.ingest.port.EventPublisher.PublishResult;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The coalescing publisher over the edge's own Kinesis publisher on kinesis-mock (docs/contract/local.md#coalescing):
 * requests released together share PutRecords calls, yet on the stream each request's sessions are records of their
 * own (docs/contract/events.md#kinesis-record), every event exactly once, whatever the session ids.
 */
@WithLocalAws
class CoalescingOnKinesisMockTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Ids the contract allows: separators, markup, astral characters, 128 code points. */
    private static final List<String> SESSIONS = List.of(
            "plain", "a~b~1", "order#42#|x", "<script>alert(1)</script>", "\uD83D\uDE00".repeat(128), "~".repeat(128));

    private final LocalAws aws;

    CoalescingOnKinesisMockTest(LocalAws aws) {
        this.aws = aws;
    }

    private static Event event(String id, String session) {
        return new Event(
                id,
                "u-" + id,
                session,
                "page_view",
                1,
                "/p",
                null,
                null,
                Map.of(),
                null,
                null,
                null,
                null,
                2,
                null,
                false,
                false);
    }

    @Test
    void publish_whenManyRequestsAtOnce_sharesCallsAndKeepsEachRequestsRecordsApart() throws Exception {
        String stream = aws.createStream("coalesce", 2);
        IngestConfig config =
                new IngestConfig(stream, "us-east-1", aws.endpoints().kinesis(), Duration.ofSeconds(10));
        AtomicInteger rounds = new AtomicInteger();
        int requests = 150;
        try (KinesisClient kinesis = KinesisClientFactory.create(config);
                ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            RecordPacker packer = new RecordPacker(new EventCodec());
            KinesisEventPublisher edge = new KinesisEventPublisher(kinesis, stream, packer, config.publishBudget());
            RecordStore counting = (records, deadline) -> {
                rounds.incrementAndGet();
                return edge.store(records, deadline);
            };
            try (CoalescingPublisher publisher = new CoalescingPublisher(
                    packer::pack,
                    counting,
                    edge::isHealthy,
                    CoalesceSettings.defaults(config.publishBudget()),
                    Clock.systemUTC())) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<PublishResult>> answers = new ArrayList<>();
                for (int r = 0; r < requests; r++) {
                    // Request r: 1-3 events over 1-2 sessions, sessions shared between requests.
                    List<Event> events = new ArrayList<>();
                    for (int e = 0; e <= r % 3; e++) {
                        events.add(event("r" + r + "-e" + e, SESSIONS.get((r + e % 2) % SESSIONS.size())));
                    }
                    answers.add(callers.submit(() -> {
                        start.await();
                        return publisher.publish(events);
                    }));
                }
                start.countDown();
                for (Future<PublishResult> answer : answers) {
                    assertThat(answer.get()).isInstanceOf(PublishResult.Stored.class);
                }
            }
        }

        List<JsonNode> records = read(stream);
        Map<String, Integer> seen = new HashMap<>();
        int expectedRecords = 0;
        for (int r = 0; r < requests; r++) {
            expectedRecords += r % 3 == 0 ? 1 : 2; // one record per session of the request
        }
        for (JsonNode record : records) {
            List<String> ids = new ArrayList<>();
            record.get("events").forEach(e -> ids.add(e.get("event_id").asText()));
            String request = ids.get(0).substring(0, ids.get(0).indexOf('-'));
            assertThat(ids).as("one request's events in a record").allMatch(id -> id.startsWith(request + "-"));
            String session = record.get("events").get(0).get("session_id").asText();
            assertThat(record.get("events"))
                    .allMatch(e -> e.get("session_id").asText().equals(session));
            ids.forEach(id -> seen.merge(id, 1, Integer::sum));
        }
        assertThat(records).hasSize(expectedRecords);
        assertThat(seen)
                .hasSize(requests / 3 * 6)
                .allSatisfy((id, count) -> assertThat(count).as(id).isOne());
        assertThat(rounds.get())
                .as("PutRecords rounds for %d requests", requests)
                .isLessThan(requests);
    }

    private List<JsonNode> read(String stream) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        KinesisClient kinesis = aws.kinesis();
        for (var shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(r -> r.streamName(stream)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            while (iterator != null) {
                String current = iterator;
                var response = kinesis.getRecords(r -> r.shardIterator(current).limit(1000));
                for (Record record : response.records()) {
                    out.add(JSON.readTree(record.data().asByteArray()));
                }
                if (response.records().isEmpty() || response.millisBehindLatest() == 0) {
                    break;
                }
                iterator = response.nextShardIterator();
            }
        }
        return out;
    }
}
