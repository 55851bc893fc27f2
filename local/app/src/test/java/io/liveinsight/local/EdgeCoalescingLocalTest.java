package io.liveinsight.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.event.TableNames;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.Ports;
import io.liveinsight.local.engines.WithLocalAws;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The local stack's edge with coalescing on (the default) and off (docs/contract/local.md#coalescing): single-event
 * requests sent together are all acknowledged, and each acknowledged event is on the stream exactly once, in a
 * record of its own request.
 */
@WithLocalAws
class EdgeCoalescingLocalTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LocalPipeline stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void post_whenRequestsArriveTogether_acknowledgesEachOnceItsEventIsOnTheStream(boolean coalesce, LocalAws aws)
            throws Exception {
        long unique = System.nanoTime();
        String stream = "coalesce-edge-" + unique;
        stack = LocalPipeline.start(
                new LocalConfig(
                        "127.0.0.1",
                        Ports.resolve(0),
                        0,
                        0,
                        aws.endpoints().dynamoDb(),
                        aws.endpoints().kinesis(),
                        stream,
                        1,
                        TableNames.withPrefix("Coalesce" + unique),
                        "coalesce-consumer-" + unique,
                        null,
                        false,
                        LocalConfig.DEFAULT_REPLAY_KEY,
                        null,
                        LocalConfig.DEFAULT_ARCHIVE_FLUSH_AGE,
                        coalesce,
                        2,
                        true),
                aws.endpoints());
        int requests = coalesce ? 100 : 20; // one call a request: kinesis-mock's pace, not this test's subject
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requests; i++) {
                String body = "{\"event_id\":\"e-" + i + "\",\"session_id\":\"x~" + i % 7 + "#<b>\u00e9\uD83D\uDE00\","
                        + "\"user_id\":\"u-" + i + "\",\"page_url\":\"https://shop.example.com/p/" + i + "\"}";
                HttpRequest request = HttpRequest.newBuilder(URI.create(stack.edgeAddress() + "/events"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                answers.add(clients.submit(() -> {
                    start.await();
                    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(response.body()).contains("\"message\":\"Event processed successfully\"");
            }
        }

        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode record : read(aws, stream)) {
            assertThat(record.get("events"))
                    .as("one single-event request a record")
                    .hasSize(1);
            seen.merge(record.get("events").get(0).get("event_id").asText(), 1, Integer::sum);
        }
        assertThat(seen)
                .hasSize(requests)
                .allSatisfy((id, count) -> assertThat(count).as(id).isOne());
    }

    private static List<JsonNode> read(LocalAws aws, String stream) throws Exception {
        String iterator = aws.kinesis()
                .getShardIterator(r -> r.streamName(stream)
                        .shardId("shardId-000000000000")
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        List<JsonNode> out = new ArrayList<>();
        for (var record : aws.kinesis()
                .getRecords(r -> r.shardIterator(iterator).limit(1000))
                .records()) {
            out.add(JSON.readTree(record.data().asByteArray()));
        }
        return out;
    }
}
