package io.liveinsight.load.replay.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.event.replay.ReplayIds;
import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.load.replay.Beacon;
import io.liveinsight.load.replay.SendResult;
import io.liveinsight.load.replay.StubEdge;
import io.liveinsight.load.replay.plan.ExpectedEvent;
import io.liveinsight.load.replay.plan.PlannedRequest;
import io.liveinsight.load.replay.source.Origin;
import io.liveinsight.load.replay.source.ReplayJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The replay's requests on the wire (docs/contract/replay.md#lane) and what it makes of the answers. */
class ReplayHttpSenderTest {

    static final String KEY = "the-local-replay-key-0123";
    static final String AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

    private static StubEdge edge;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        edge = new StubEdge(KEY);
        http = ReplayHttpSender.client();
    }

    @AfterAll
    static void stop() {
        edge.close();
        http.close();
    }

    @Test
    void send_whenOnTheLane_sendsRunKeyAndRecordedAgentAndReadsTheMappedIds() {
        EdgeAnswers answers = new EdgeAnswers();
        PlannedRequest request = request("\uD83D\uDE00<script>");
        ReplayHttpSender sender = sender(edge.url(), new ReplayHttpSender.Lane("run-7", KEY), request, answers);

        SendResult result = sender.send(beacon(request));

        StubEdge.Received received = edge.received.get(edge.received.size() - 1);
        assertThat(received.header("X-LiveInsight-Replay-Run")).isEqualTo("run-7");
        assertThat(received.header("X-LiveInsight-Replay-Key")).isEqualTo(KEY);
        assertThat(received.header("User-Agent")).isEqualTo(AGENT);
        assertThat(received.header("Content-Type")).isEqualTo("text/plain;charset=UTF-8");
        assertThat(received.body()).isEqualTo(ReplayJson.write(request.events()));
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.acceptedEventIds()).containsExactly(new ReplayIds(ReplayKey.of(KEY), "run-7").eventId("e1"));
        assertThat(answers.shouldStop()).isFalse();
    }

    @Test
    void send_whenTheKeyIsWrong_stopsTheReplayWithTheEdgesReason() {
        EdgeAnswers answers = new EdgeAnswers();
        PlannedRequest request = request("s");
        ReplayHttpSender sender =
                sender(edge.url(), new ReplayHttpSender.Lane("run-7", "not-the-key-at-all-0000"), request, answers);

        SendResult result = sender.send(beacon(request));

        assertThat(result.status()).isEqualTo(403);
        assertThat(result.isRetryable()).isFalse();
        assertThat(answers.shouldStop()).isTrue();
        assertThat(answers.stopReason("u"))
                .isEqualTo(
                        "the edge refused the replay lane: 403 replay key missing or wrong (X-LiveInsight-Replay-Key)");
        assertThat(new ReplayHttpSender.Lane("r", KEY).toString()).doesNotContain(KEY);
    }

    @Test
    void send_whenNothingListens_countsNoAnswerAndStopsAfterEnoughOfThem() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EdgeAnswers answers = new EdgeAnswers();
        PlannedRequest request = request("s");
        ReplayHttpSender sender = sender(URI.create("http://127.0.0.1:" + port), null, request, answers);

        for (int i = 0; i < EdgeAnswers.UNREACHABLE_AFTER; i++) {
            assertThat(sender.send(beacon(request)).status()).isZero();
        }

        assertThat(answers.shouldStop()).isTrue();
        assertThat(answers.stopReason("http://x")).startsWith("the edge at http://x never answered");
    }

    @Test
    void answer_whenTheEdgeRejectsSomeOrAll_keepsWhichAndWhy() {
        EdgeAnswers answers = new EdgeAnswers();
        PlannedRequest request = request("s");
        ReplayHttpSender sender = sender(edge.url(), null, request, answers);

        SendResult partly = sender.answer(
                request,
                200,
                "{\"accepted\":0,\"event_ids\":[],\"rejected\":[{\"index\":0,\"errors\":[{\"field\":\"page_url\","
                        + "\"message\":\"must be at most 2048 characters\"}]}]}",
                1,
                0);
        SendResult all = sender.answer(request, 400, "{\"error\":\"no valid event\"}", 1, 0);
        SendResult busy = sender.answer(request, 503, "{\"error\":\"x\"}", 1, 2_000);

        assertThat(partly.rejectedEvents()).isEqualTo(1);
        assertThat(all.rejectedEvents()).isEqualTo(1);
        assertThat(busy.isRetryable()).isTrue();
        assertThat(busy.retryAfterMs()).isEqualTo(2_000);
        assertThat(answers.refusedEvents()).isEqualTo(2);
        assertThat(answers.refusals())
                .containsExactly(
                        "t:1 event 0 (e1): [{\"field\":\"page_url\",\"message\":\"must be at most 2048 characters\"}]",
                        "t:1: 400 no valid event");
        assertThat(answers.shouldStop()).isFalse();
    }

    private static PlannedRequest request(String session) {
        ObjectNode event = ReplayJson.MAPPER
                .createObjectNode()
                .put("event_id", "e1")
                .put("session_id", session)
                .put("user_id", "u")
                .put("user_agent", AGENT);
        return new PlannedRequest(
                0,
                new Origin("t", 1),
                AGENT,
                List.of(event),
                List.of(new ExpectedEvent("e1", session, "u", "page_view", null, 1, false)));
    }

    private static Beacon beacon(PlannedRequest request) {
        return new Beacon(0, "s", ReplayJson.write(request.events()), List.of(Map.of()));
    }

    private static ReplayHttpSender sender(
            URI url, ReplayHttpSender.Lane lane, PlannedRequest request, EdgeAnswers answers) {
        return new ReplayHttpSender(http, url, Duration.ofSeconds(5), lane, b -> request, answers);
    }
}
