package io.liveinsight.ingest.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.liveinsight.event.EventCodec;
import io.liveinsight.event.contract.Defaults;
import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.ingest.adapter.kinesis.KinesisEventPublisher;
import io.liveinsight.ingest.adapter.kinesis.RecordPacker;
import io.liveinsight.ingest.adapter.kinesis.RetryPolicy;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.ingest.testing.Bodies;
import io.liveinsight.ingest.testing.ScriptedKinesisClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lambda's logs are everything the function writes to standard output and error: SLF4J's lines and the EMF metric
 * lines alike. Requests carrying a distinctive address, bearer token and event body, through every outcome that logs
 * (Kinesis refusing entries, 503, rejected and malformed events, oversized bodies, priming), leave none of the three
 * in them; nor do replay requests leave the replay key, a wrong key or a refused run id.
 */
class NoPersonalDataInLogsTest {

    private static final String IPV4 = "198.51.100.173";
    private static final String IPV6 = "2001:db8:1234:5678:9abc:def0:1234:5678";
    private static final String FORWARDED = "203.0.113.251";
    private static final String TOKEN = "tok-5f1c0a7e-ingest-secret";
    private static final String MARKER = "body-marker-3c9d";
    private static final String REPLAY_KEY = "replay-key-secret-8e1f-0123456789";
    private static final String WRONG_KEY = "wrong-replay-key-77aa-0123456789";
    private static final String BAD_RUN = "Run-Marker-51d0";

    @Test
    void handlers_whenRequestsCarryAddressTokenAndBody_logNoneOfThem() {
        List<String> answers = new ArrayList<>();
        String logs = capturingLogs(() -> {
            // Kinesis refuses every entry for good: the publisher logs each refusal and the 503.
            ScriptedKinesisClient kinesis =
                    new ScriptedKinesisClient((call, entry) -> "KMSAccessDeniedException", null);
            KinesisEventPublisher publisher = new KinesisEventPublisher(
                    kinesis,
                    "s",
                    new RecordPacker(new EventCodec()),
                    RetryPolicy.withBudget(Duration.ofMillis(1)),
                    Clock.systemUTC(),
                    duration -> {},
                    () -> 4);
            IngestConfig config = new IngestConfig(
                    "s",
                    "us-east-1",
                    null,
                    Duration.ofSeconds(1),
                    List.of("https://shop.example.com"),
                    false,
                    false,
                    1,
                    1,
                    Defaults.STAGE,
                    ReplayKey.of(REPLAY_KEY).sha256Hex());
            IngestApplication application = new IngestApplication(config, publisher, null); // EMF on stdout
            IngestHandler rest = new IngestHandler(application);
            HttpApiIngestHandler httpApi = new HttpApiIngestHandler(application);
            application.prime();

            Map<String, String> headers = Map.of(
                    "Content-Type",
                    "application/json",
                    "Authorization",
                    "Bearer " + TOKEN,
                    "X-Forwarded-For",
                    FORWARDED,
                    "Origin",
                    "https://shop.example.com",
                    "User-Agent",
                    "Mozilla/5.0 " + MARKER);
            for (String body : bodies()) {
                answers.add(rest.handleRequest(restEvent(headers, body), null).getStatusCode() + "");
                answers.add(
                        httpApi.handleRequest(httpEvent(headers, body), null).getStatusCode() + "");
            }
            // The replay lane: the key, a wrong key, a run id that is refused.
            for (String[] replay : new String[][] {
                {"run-1", REPLAY_KEY}, {"run-1", WRONG_KEY}, {BAD_RUN, REPLAY_KEY}, {BAD_RUN, WRONG_KEY}
            }) {
                Map<String, String> replayHeaders = new java.util.HashMap<>(headers);
                replayHeaders.put("X-LiveInsight-Replay-Run", replay[0]);
                replayHeaders.put("X-LiveInsight-Replay-Key", replay[1]);
                answers.add(rest.handleRequest(restEvent(replayHeaders, bodies().get(0)), null)
                                .getStatusCode()
                        + "");
            }
            String gzip = Bodies.base64Gzip("[{\"session_id\":\"" + MARKER + "\"}]");
            Map<String, String> gzipHeaders = Map.of(
                    "content-type", "text/plain", "content-encoding", "gzip", "authorization", "Bearer " + TOKEN);
            answers.add(rest.handleRequest(restEvent(gzipHeaders, gzip).withIsBase64Encoded(true), null)
                            .getStatusCode()
                    + "");
        });

        assertThat(answers).contains("503", "400", "413", "403");
        // the capture is live: it holds the publisher's warning and the metric lines
        assertThat(logs).contains("answering 503").contains("\"_aws\"");
        assertThat(logs)
                .doesNotContain(IPV4)
                .doesNotContain(IPV6)
                .doesNotContain(FORWARDED)
                .doesNotContain(TOKEN)
                .doesNotContain(MARKER)
                .doesNotContain(REPLAY_KEY)
                .doesNotContain(WRONG_KEY)
                .doesNotContain(ReplayKey.of(REPLAY_KEY).sha256Hex())
                .doesNotContain(BAD_RUN);
    }

    private static List<String> bodies() {
        return List.of(
                "{\"session_id\":\"" + MARKER + "\",\"page_url\":\"https://shop.example.com/" + MARKER + "\"}",
                "[{\"session_id\":\"" + MARKER + "\",\"event_type\":\"Bad " + MARKER + "\"}]",
                "{\"" + MARKER + "\":",
                "{\"a\":".repeat(100) + "\"" + MARKER + "\"" + "}".repeat(100),
                "[\"" + MARKER + "\"," + " ".repeat(1024 * 1024) + "]");
    }

    private static APIGatewayProxyRequestEvent restEvent(Map<String, String> headers, String body) {
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST")
                .withPath("/events")
                .withHeaders(headers)
                .withBody(body)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity().withSourceIp(IPV4)));
    }

    private static APIGatewayV2HTTPEvent httpEvent(Map<String, String> headers, String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath("/events")
                .withHeaders(headers)
                .withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST")
                                .withSourceIp(IPV6)
                                .build())
                        .build())
                .build();
    }

    /** Everything written to standard output and error while {@code work} runs (SLF4J simple and EMF write there). */
    static String capturingLogs(Runnable work) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            work.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
