package io.liveinsight.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.TableNames;
import io.liveinsight.local.engines.AwsEndpoints;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.Ports;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.local.engines.fault.FaultProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The edge alone ({@code LIVEINSIGHT_CONSUMER=off}, so no KCL start-up to wait for) behind {@link FaultProxy}s on
 * the real engines: it serves at once with a dependency down, says which on {@code /health}, creates its resources
 * and accepts events as soon as the dependency answers, and follows later outages both ways.
 */
@WithLocalAws
class LocalPipelineOutageTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private FaultProxy dynamoDbProxy;
    private FaultProxy kinesisProxy;
    private LocalPipeline stack;
    private LocalConfig config;

    @BeforeEach
    void proxies(LocalAws aws) {
        dynamoDbProxy = FaultProxy.start(aws.endpoints().dynamoDb());
        kinesisProxy = FaultProxy.start(aws.endpoints().kinesis());
        long unique = System.nanoTime();
        config = new LocalConfig(
                "127.0.0.1",
                Ports.resolve(0),
                0,
                0,
                dynamoDbProxy.endpoint(),
                kinesisProxy.endpoint(),
                "edge-outage-" + unique,
                1,
                TableNames.withPrefix("EdgeOutage" + unique),
                "edge-outage-consumer",
                null,
                false);
    }

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
        kinesisProxy.close();
        dynamoDbProxy.close();
    }

    @Test
    void edge_whenStartedWithKinesisDown_servesUnhealthyThenTurnsHealthyAndAcceptsEvents(LocalAws aws)
            throws Exception {
        kinesisProxy.down();
        long launching = System.nanoTime();
        stack = LocalPipeline.launch(config, endpoints());

        Response health = get("/health");
        System.out.printf("edge answered /health %d ms after launch with Kinesis down%n", millisSince(launching));
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body()).contains("\"kinesis\":\"down\"").doesNotContain("consumer");
        // DynamoDB answers: "up" once the background set-up has created the Events table (the probe describes it).
        await("only kinesis down", Duration.ofSeconds(10), () -> get("/health")
                .body()
                .equals("{\"status\":\"unavailable\",\"dependencies\":{\"kinesis\":\"down\",\"dynamodb\":\"up\"}}"));
        assertThat(post("/events", event("s-down")).status()).isNotEqualTo(200);
        assertThat(stack.awaitReady(Duration.ofSeconds(3))).isFalse();

        kinesisProxy.up();
        long upNanos = System.nanoTime();
        awaitHealthy(Duration.ofSeconds(30));
        System.out.printf("edge /health 200 %d ms after Kinesis came up%n", millisSince(upNanos));
        assertThat(get("/health").body())
                .isEqualTo("{\"status\":\"ok\",\"dependencies\":{\"kinesis\":\"up\",\"dynamodb\":\"up\"}}");
        assertThat(stack.awaitReady(Duration.ofSeconds(10))).isTrue();

        Response accepted = post("/events", event("s-up"));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body()).contains("\"accepted\":1");
        assertThat(streamText(aws, config.streamName())).contains("\"session_id\":\"s-up\"");
    }

    @Test
    void edge_whenDynamoDbGoesDownAndComesBack_goes503AndBackTo200ByItself() throws Exception {
        stack = LocalPipeline.start(config, endpoints());
        awaitHealthy(Duration.ofSeconds(10));

        dynamoDbProxy.down();
        await("503 naming dynamodb", Duration.ofSeconds(5), () -> {
            Response health = get("/health");
            return health.status() == 503 && health.body().contains("\"dynamodb\":\"down\"");
        });
        assertThat(get("/health").body()).contains("\"kinesis\":\"up\"");

        dynamoDbProxy.up();
        long upNanos = System.nanoTime();
        awaitHealthy(Duration.ofSeconds(10));
        System.out.printf("edge /health 200 %d ms after DynamoDB came up%n", millisSince(upNanos));
        assertThat(post("/events", event("s-after")).status()).isEqualTo(200);
    }

    private AwsEndpoints endpoints() {
        return new AwsEndpoints(dynamoDbProxy.endpoint(), kinesisProxy.endpoint());
    }

    private static String event(String session) {
        return """
                {"user_id":"u1","session_id":"%s","event_type":"page_view","page_url":"https://example.com/"}""".formatted(session);
    }

    private static String streamText(LocalAws aws, String stream) {
        var kinesis = aws.kinesis();
        String shard =
                kinesis.listShards(r -> r.streamName(stream)).shards().get(0).shardId();
        String iterator = kinesis.getShardIterator(
                        r -> r.streamName(stream).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        StringBuilder out = new StringBuilder();
        kinesis.getRecords(r -> r.shardIterator(iterator))
                .records()
                .forEach(record -> out.append(record.data().asUtf8String()));
        return out.toString();
    }

    private void awaitHealthy(Duration timeout) {
        await("/health 200", timeout, () -> get("/health").status() == 200);
    }

    private void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout + "; last /health "
                        + get("/health").body());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private record Response(int status, String body) {}

    private Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private Response post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private URI uri(String path) {
        return stack.edgeAddress().resolve(path);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
