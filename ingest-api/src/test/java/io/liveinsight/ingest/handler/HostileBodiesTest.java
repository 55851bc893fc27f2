package io.liveinsight.ingest.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.event.EventLimits;
import io.liveinsight.event.contract.Defaults;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.ingest.http.BatchParser;
import io.liveinsight.ingest.port.IngestMetrics;
import io.liveinsight.ingest.testing.FakePublisher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bodies built to cost the edge memory or time (100 MB, a 100 MB gzip bomb, 10,000 levels of nesting) get a 4xx
 * through both API Gateway payload formats, as text and as base64, without the edge copying, inflating or building
 * them: each answer is measured in the bytes the handling thread allocated and in time.
 */
class HostileBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HUNDRED_MB = 100_000_000;
    /** Far below the 100 MB a copy, a decode or an inflate of any of these bodies would allocate. */
    private static final long ALLOCATION_BUDGET = 4L * 1024 * 1024;

    private static String hundredMegabytes;

    private final FakePublisher publisher = new FakePublisher();
    private final IngestApplication application = new IngestApplication(
            new IngestConfig(
                    "s", "us-east-1", null, Duration.ofSeconds(1), List.of("*"), true, true, 0, 2, Defaults.STAGE),
            publisher,
            IngestMetrics.NONE);
    private final IngestHandler rest = new IngestHandler(application);
    private final HttpApiIngestHandler httpApi = new HttpApiIngestHandler(application);

    @BeforeAll
    static void buildTheBigBodyOnce() {
        // One 100 MB string (Latin-1, one byte a character), shared by every case; valid JSON and valid base64 alike.
        hundredMegabytes = "[" + " ".repeat(HUNDRED_MB - 2) + "]";
    }

    /** One answer: its status, its error, the bytes the thread allocated to produce it, and how long it took. */
    private record Answer(int status, String error, long allocatedBytes, long nanos) {}

    private Answer viaRest(Map<String, String> headers, String body, boolean base64) throws IOException {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST")
                .withPath("/events")
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(base64);
        long allocated = allocatedBytes();
        long started = System.nanoTime();
        var response = rest.handleRequest(event, null);
        long nanos = System.nanoTime() - started;
        return answer(response.getStatusCode(), response.getBody(), allocatedBytes() - allocated, nanos);
    }

    private Answer viaHttpApi(Map<String, String> headers, String body, boolean base64) throws IOException {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRawPath("/events")
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST")
                                .build())
                        .build())
                .build();
        long allocated = allocatedBytes();
        long started = System.nanoTime();
        var response = httpApi.handleRequest(event, null);
        long nanos = System.nanoTime() - started;
        return answer(response.getStatusCode(), response.getBody(), allocatedBytes() - allocated, nanos);
    }

    private static Answer answer(int status, String body, long allocated, long nanos) throws IOException {
        return new Answer(status, JSON.readTree(body).path("error").asText(), allocated, nanos);
    }

    private List<Answer> bothHandlers(Map<String, String> headers, String body, boolean base64) throws IOException {
        viaRest(headers, body, base64); // first call loads classes; measure the second of each
        Answer restAnswer = viaRest(headers, body, base64);
        viaHttpApi(headers, body, base64);
        Answer httpAnswer = viaHttpApi(headers, body, base64);
        System.out.printf(
                "hostile body %,d chars%s: REST %d in %.2f ms, %,d bytes allocated; HTTP API %d in %.2f ms, %,d bytes%n",
                body.length(),
                base64 ? " (base64)" : "",
                restAnswer.status(),
                restAnswer.nanos() / 1e6,
                restAnswer.allocatedBytes(),
                httpAnswer.status(),
                httpAnswer.nanos() / 1e6,
                httpAnswer.allocatedBytes());
        return List.of(restAnswer, httpAnswer);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void handlers_when100MegabyteBody_answer413FromItsLengthWithoutCopyingIt() throws IOException {
        for (boolean base64 : new boolean[] {false, true}) {
            List<Answer> answers = bothHandlers(Map.of("content-type", "application/json"), hundredMegabytes, base64);

            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.status()).isEqualTo(413);
                assertThat(answer.error()).isEqualTo("body over 1048576 bytes after decompression");
                assertThat(answer.allocatedBytes()).isLessThan(ALLOCATION_BUDGET);
            });
        }
    }

    @Test
    void handlers_when100MegabyteBodyClaimsGzip_answer413BeforeDecodingOrInflating() throws IOException {
        for (boolean base64 : new boolean[] {false, true}) {
            List<Answer> answers = bothHandlers(
                    Map.of("content-type", "text/plain", "content-encoding", "gzip"), hundredMegabytes, base64);

            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.status()).isEqualTo(413);
                assertThat(answer.error()).startsWith("compressed body over 1114112 bytes");
                assertThat(answer.allocatedBytes()).isLessThan(ALLOCATION_BUDGET);
            });
        }
    }

    @Test
    void handlers_whenGzipBombOf100Megabytes_inflateOnlyToTheLimitAndAnswer413() throws IOException {
        String bomb = Base64.getEncoder().encodeToString(gzipOfZeros(HUNDRED_MB));

        List<Answer> answers =
                bothHandlers(Map.of("content-type", "text/plain", "content-encoding", "gzip"), bomb, true);

        assertThat(bomb.length()).isLessThan(200_000);
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.error()).isEqualTo("body over 1048576 bytes after decompression");
            // the limit + 1 byte inflated (about 2 MiB with the read buffers), never 100 MB
            assertThat(answer.allocatedBytes()).isLessThan(ALLOCATION_BUDGET);
        });
    }

    @Test
    void handlers_when10000DeepNesting_answer400NamingTheLimitWithoutBuildingIt() throws IOException {
        int depth = 10_000;
        List<String> bodies = List.of(
                "[".repeat(depth) + "]".repeat(depth),
                "{\"a\":".repeat(depth) + "1" + "}".repeat(depth),
                "{\"events\":[{\"properties\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}]}");
        for (String body : bodies) {
            List<Answer> plain = bothHandlers(Map.of("content-type", "application/json"), body, false);
            List<Answer> gzipped = bothHandlers(
                    Map.of("content-type", "text/plain", "content-encoding", "gzip"),
                    Base64.getEncoder().encodeToString(gzip(body.getBytes(StandardCharsets.UTF_8))),
                    true);

            assertThat(List.of(plain, gzipped)).flatMap(answers -> answers).allSatisfy(answer -> {
                assertThat(answer.status()).isEqualTo(400);
                assertThat(answer.error())
                        .isEqualTo("malformed JSON: nested deeper than " + BatchParser.MAX_NESTING_DEPTH + " levels");
                assertThat(answer.allocatedBytes()).isLessThan(ALLOCATION_BUDGET);
                assertThat(answer.nanos()).isLessThan(Duration.ofSeconds(1).toNanos());
            });
        }
        assertThat(publisher.calls).isEmpty();
    }

    @Test
    void handlers_whenNestingWithinTheLimit_stillAnswerPerEvent() throws IOException {
        // 6 levels: an unknown key holding an object gets its own field error; the rest of the batch is accepted.
        String body = "[{\"session_id\":\"ok\"},{\"session_id\":\"nested\",\"ab\":{\"x\":{\"y\":{\"z\":1}}}}]";

        List<Answer> answers = bothHandlers(Map.of("content-type", "application/json"), body, false);

        assertThat(answers).extracting(Answer::status).containsOnly(200);
        assertThat(publisher.published).extracting(event -> event.sessionId()).containsOnly("ok");
    }

    @Test
    void handlers_whenBodyExactlyAtTheLimit_areUnchanged() throws IOException {
        String events = "[" + "{},".repeat(99) + "{}]";
        String exact = events + " ".repeat(EventLimits.MAX_BODY_BYTES - events.length());

        assertThat(viaRest(Map.of(), exact, false).status()).isEqualTo(200);
        assertThat(viaHttpApi(
                                Map.of(),
                                Base64.getEncoder().encodeToString(exact.getBytes(StandardCharsets.UTF_8)),
                                true)
                        .status())
                .isEqualTo(200);
        assertThat(viaRest(Map.of(), exact + " ", false).status()).isEqualTo(413);
    }

    /** A gzip stream of {@code size} zero bytes, written 64 KiB at a time: the zeros never exist in memory. */
    private static byte[] gzipOfZeros(int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 64 * 1024)) {
            for (int written = 0; written < size; written += chunk.length) {
                zip.write(chunk, 0, Math.min(chunk.length, size - written));
            }
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }
}
