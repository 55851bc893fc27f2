package io.liveinsight.local.engines.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.local.engines.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;

class FaultProxyLifecycleTest {

    private static final byte[] BINARY = {0, 1, 2, (byte) 0xff, '\r', '\n', 42};

    @Test
    void passThrough_whenAnyRequest_forwardsItUnchangedAndReturnsTheAnswerUnchanged() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.answering(418, Map.of("X-Upstream", "yes"), BINARY);
                FaultProxy proxy = FaultProxy.start(upstream.uri());
                HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = client.send(
                    HttpRequest.newBuilder(URI.create(proxy.endpoint() + "/a%2Fb/c?x=1%202&y"))
                            .method("PUT", HttpRequest.BodyPublishers.ofByteArray(BINARY))
                            .header("X-Amz-Target", "Test.Op")
                            .header("X-Repeated", "one")
                            .header("X-Repeated", "two")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            FakeUpstream.Received received = upstream.received().get(0);
            assertThat(received.method()).isEqualTo("PUT");
            assertThat(received.pathAndQuery()).isEqualTo("/a%2Fb/c?x=1%202&y");
            assertThat(received.headers().get("X-amz-target")).containsExactly("Test.Op");
            assertThat(received.headers().get("X-repeated")).containsExactly("one", "two");
            assertThat(received.body()).isEqualTo(BINARY);
            assertThat(response.statusCode()).isEqualTo(418);
            assertThat(response.headers().allValues("X-Upstream")).containsExactly("yes");
            assertThat(response.body()).isEqualTo(BINARY);
            assertThat(proxy.stats().operation("Test.Op")).isEqualTo(new OperationStats(1, 1, 0, 0, 0));
        }
    }

    @Test
    void passThrough_whenKinesisSdkDefaults_speaksCborThroughTheProxy() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.answering(
                        200,
                        Map.of("Content-Type", "application/x-amz-cbor-1.1"),
                        WireFormat.CBOR_1_1.write(WireFormat.object()
                                .put("ShardId", "shardId-000000000000")
                                .put("SequenceNumber", "1")));
                FaultProxy proxy = FaultProxy.start(upstream.uri());
                KinesisClient kinesis = ProxyClients.kinesis(proxy.endpoint())) {
            var response =
                    kinesis.putRecord(r -> r.streamName("s").partitionKey("p").data(SdkBytes.fromUtf8String("hello")));

            assertThat(response.shardId()).isEqualTo("shardId-000000000000");
            FakeUpstream.Received received = upstream.received().get(0);
            assertThat(received.headers().get("Content-type")).containsExactly("application/x-amz-cbor-1.1");
            ObjectNode body = WireFormat.CBOR_1_1.read(received.body());
            assertThat(body.get("Data").binaryValue()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void throttle_whenDynamoDbRequest_answersExactlyAsDynamoDb() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.answering(200, Map.of(), new byte[0]);
                FaultProxy proxy = FaultProxy.start(upstream.uri()).throttle(Share.all());
                HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(
                    post(proxy, "DynamoDB_20120810.PutItem", "application/x-amz-json-1.0", "{}"),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
            assertThat(response.body())
                    .startsWith(
                            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                                    + "\"message\":\"");
            assertThat(response.headers().firstValue("x-amz-crc32"))
                    .hasValue(ProxyResponse.crc32(response.body().getBytes(StandardCharsets.UTF_8)));
            assertThat(upstream.received()).isEmpty();
        }
    }

    @Test
    void throttle_whenKinesisRequest_answersInTheRequestsWireFormat() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.answering(200, Map.of(), new byte[0]);
                FaultProxy proxy = FaultProxy.start(upstream.uri()).throttle(Share.all());
                HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> json = client.send(
                    post(proxy, "Kinesis_20131202.PutRecords", "application/x-amz-json-1.1", "{}"),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<byte[]> cbor = client.send(
                    post(proxy, "Kinesis_20131202.PutRecords", "application/x-amz-cbor-1.1", "\u00a0"),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(json.statusCode()).isEqualTo(400);
            assertThat(json.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
            assertThat(json.body())
                    .startsWith("{\"__type\":\"ProvisionedThroughputExceededException\","
                            + "\"message\":\"Rate exceeded for shard");
            assertThat(cbor.statusCode()).isEqualTo(400);
            assertThat(cbor.headers().firstValue("Content-Type")).hasValue("application/x-amz-cbor-1.1");
            assertThat(WireFormat.CBOR_1_1.read(cbor.body()).get("__type").textValue())
                    .isEqualTo("ProvisionedThroughputExceededException");
        }
    }

    @Test
    void modes_whenSwitchedWhileRequestsRun_everyRequestIsCountedOnceAndAnsweredAsCounted() throws Exception {
        int threads = 4;
        int perThread = 50;
        try (FakeUpstream upstream = FakeUpstream.answering(200, Map.of(), "{}".getBytes(StandardCharsets.UTF_8));
                FaultProxy proxy = FaultProxy.start(upstream.uri());
                HttpClient client = HttpClient.newHttpClient();
                ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    int[] byStatus = new int[2];
                    for (int i = 0; i < perThread; i++) {
                        int status = client.send(
                                        post(proxy, "Kinesis_20131202.PutRecord", "application/x-amz-json-1.1", "{}"),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        byStatus[status == 200 ? 0 : 1]++;
                    }
                    return byStatus;
                }));
            }
            for (int i = 0; !allDone(results); i++) {
                if (i % 2 == 0) {
                    proxy.throttle(0.5);
                } else {
                    proxy.passThrough();
                }
                Thread.sleep(1);
            }

            int ok = 0;
            int throttled = 0;
            for (Future<int[]> result : results) {
                ok += result.get()[0];
                throttled += result.get()[1];
            }
            FaultProxyStats stats = proxy.stats();
            assertThat(stats.requests()).isEqualTo(threads * perThread);
            assertThat(stats.forwarded())
                    .isEqualTo(ok)
                    .isEqualTo(upstream.received().size());
            assertThat(stats.throttled()).isEqualTo(throttled);
        }
    }

    @Test
    void close_whenClosed_freesThePortForANewProxy() {
        try (FakeUpstream upstream = FakeUpstream.answering(200, Map.of(), new byte[0])) {
            FaultProxy first = FaultProxy.start(upstream.uri());
            int port = first.port();
            first.close();
            first.close();

            assertThat(Ports.isFree(port)).isTrue();
            try (FaultProxy second = FaultProxy.start(upstream.uri(), port)) {
                assertThat(second.endpoint()).isEqualTo(URI.create("http://127.0.0.1:" + port));
                assertThat(rawRequest(port)).startsWith("HTTP/1.1 200");
            }
            assertThatThrownBy(first::down).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void close_whenRequestsServedAndOneInFlight_leavesNoThreadsBehind() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.answering(200, Map.of(), "{}".getBytes(StandardCharsets.UTF_8))) {
            Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
            FaultProxy proxy = FaultProxy.start(upstream.uri());
            assertThat(rawRequest(proxy.port())).startsWith("HTTP/1.1 200");
            proxy.down(Outage.SERVICE_UNAVAILABLE).up().downFor(Duration.ofMinutes(1));
            proxy.up();
            CountDownLatch release = upstream.holdAnswers();
            Thread inFlight = Thread.ofPlatform().start(() -> rawRequest(proxy.port()));
            while (upstream.received().size() < 2) {
                Thread.sleep(5);
            }

            long start = System.nanoTime();
            proxy.close();
            release.countDown();
            inFlight.join(5_000);

            // Far less than the 1-minute downFor timer it had to cancel; generous for a loaded 2-core machine.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            Set<Thread> left = new HashSet<>(Thread.getAllStackTraces().keySet());
            left.removeAll(before);
            // Only the proxy's own threads (and the JDK HTTP server/client it runs) are its to clean up; the JVM
            // may start unrelated ones (common pool, cleaners) at any time.
            assertThat(left)
                    .filteredOn(Thread::isAlive)
                    .filteredOn(t -> t.getName().startsWith("fault-proxy")
                            || t.getName().startsWith("HTTP-Dispatcher")
                            || t.getName().startsWith("HttpClient"))
                    .isEmpty();
            assertThatThrownBy(() -> rawRequest(proxy.port())).hasRootCauseInstanceOf(ConnectException.class);
        }
    }

    private static boolean allDone(List<? extends Future<?>> futures) {
        return futures.stream().allMatch(Future::isDone);
    }

    private static HttpRequest post(FaultProxy proxy, String target, String contentType, String body) {
        return HttpRequest.newBuilder(proxy.endpoint())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1))
                .header("X-Amz-Target", target)
                .header("Content-Type", contentType)
                .build();
    }

    /** One HTTP/1.1 request over a plain socket, so the test itself starts no client threads. */
    private static String rawRequest(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\n"
                            + "Content-Length: 2\r\nConnection: close\r\n\r\n{}")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
