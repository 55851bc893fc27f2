package io.liveinsight.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.event.EventLimits;
import io.liveinsight.event.replay.ReplayIds;
import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.ingest.domain.Ids;
import io.liveinsight.ingest.domain.RejectReason;
import io.liveinsight.ingest.testing.FakePublisher;
import io.liveinsight.ingest.testing.RecordingMetrics;
import io.liveinsight.lambda.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cites docs/contract/replay.md#lane, docs/contract/replay.md#ids and docs/contract/api.md#replay-lane: the edge lets
 * a replay in only with the key, maps every id it publishes (minted ones too) and answers the mapped ids; every
 * refusal is decided before the body is read, counted under its own reason, and publishes nothing.
 */
class ReplayLaneEdgeTest {

    private static final String KEY = "replay-lane-test-key-0123456789";
    private static final String RUN = "run-2026-12-06";
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final String TWO_EVENTS = """
            [{"event_id":"e-1","session_id":"s-1","user_id":"u-1","event_type":"page_view",
              "page_url":"https://shop.example.com/","timestamp":%1$d},
             {"event_id":"e-2","session_id":"s-1","user_id":"u-1","event_type":"click","timestamp":%1$d}]""".formatted(NOW.toEpochMilli() - 1_000);

    private final FakePublisher publisher = new FakePublisher();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ReplayKey key = ReplayKey.of(KEY);

    private EventIngestor ingestor(ReplayGate gate) {
        return new EventIngestor(
                publisher,
                metrics,
                new EventCodec().mapper(),
                clock,
                new Ids(clock, new Random(11)),
                EdgeOptions.DEFAULTS,
                gate);
    }

    private final EventIngestor ingestor = ingestor(new ReplayGate(key));

    private static IngestRequest post(String body, String... headers) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", "application/json");
        all.put("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
        for (int i = 0; i < headers.length; i += 2) {
            all.put(headers[i], headers[i + 1]);
        }
        return new IngestRequest("POST", "/events", HttpRequest.lowerCase(all), body, false, "198.51.100.7");
    }

    private static IngestRequest replay(String body, String run, String key) {
        return post(body, ReplayGate.RUN_HEADER, run, ReplayGate.KEY_HEADER, key);
    }

    @SuppressWarnings("unchecked")
    private static List<String> eventIds(IngestResponse response) {
        return (List<String>) response.body().get("event_ids");
    }

    // Accepted

    @Test
    void ingest_whenReplayWithTheKey_publishesMappedIdsWithTheRunAndAnswersThem() {
        IngestResponse response = ingestor.ingest(replay(TWO_EVENTS, RUN, KEY));

        ReplayIds ids = new ReplayIds(key, RUN);
        assertThat(response.status()).isEqualTo(200);
        assertThat(publisher.published)
                .extracting(Event::eventId, Event::sessionId, Event::userId, Event::replayRun)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                ids.eventId("e-1"), ids.sessionId("s-1"), ids.userId("u-1"), RUN),
                        org.assertj.core.groups.Tuple.tuple(
                                ids.eventId("e-2"), ids.sessionId("s-1"), ids.userId("u-1"), RUN));
        assertThat(publisher.published)
                .allSatisfy(event -> assertThat(event.isReplay()).isTrue());
        assertThat(eventIds(response)).containsExactly(ids.eventId("e-1"), ids.eventId("e-2"));
        assertThat(response.body()).containsEntry("session_id", ids.sessionId("s-1"));
        assertThat(metrics.last().status()).isEqualTo(200);
        assertThat(metrics.last().accepted()).isEqualTo(2);
    }

    @Test
    void ingest_whenReplayedEventsHaveNoIds_mapsTheIdsTheEdgeMinted() {
        String body = "[{\"event_type\":\"page_view\"},{\"event_type\":\"click\"}]";
        // Twin edges minting the same ids (same clock, same seed): the live one shows what was minted.
        FakePublisher live = new FakePublisher();
        new EventIngestor(
                        live,
                        new RecordingMetrics(),
                        new EventCodec().mapper(),
                        clock,
                        new Ids(clock, new Random(11)),
                        EdgeOptions.DEFAULTS)
                .ingest(post(body));

        IngestResponse response = ingestor.ingest(replay(body, RUN, KEY));

        ReplayIds ids = new ReplayIds(key, RUN);
        assertThat(response.status()).isEqualTo(200);
        assertThat(publisher.published).hasSize(2);
        for (int i = 0; i < 2; i++) {
            Event minted = live.published.get(i);
            assertThat(publisher.published.get(i))
                    .isEqualTo(ids.map(minted).withSite("default")); // the edge sets the site after mapping
        }
        assertThat(response.body())
                .containsEntry("session_id", ids.sessionId(live.published.get(0).sessionId()));
        assertThat(eventIds(response)).allSatisfy(id -> assertThat(id).startsWith("r." + RUN + "."));
    }

    @Test
    void ingest_whenTheSameReplayIsSentTwice_publishesTheSameIds_andAnotherRunOthers() {
        ingestor.ingest(replay(TWO_EVENTS, RUN, KEY));
        ingestor.ingest(replay(TWO_EVENTS, RUN, KEY));
        ingestor.ingest(replay(TWO_EVENTS, "other-run", KEY));

        List<Event> first = publisher.calls.get(0);
        assertThat(publisher.calls.get(1)).isEqualTo(first);
        assertThat(publisher.calls.get(2))
                .extracting(Event::eventId)
                .doesNotContainAnyElementsOf(first.stream().map(Event::eventId).toList());
        assertThat(publisher.calls.get(2)).extracting(Event::replayRun).containsOnly("other-run");
    }

    @Test
    void ingest_whenReplayHasABadEvent_rejectsItLikeAnyRequestAndMapsTheOthers() {
        String body = "[{\"event_id\":\"\"},{\"event_id\":\"ok\",\"session_id\":\"s\"},"
                + "{\"event_id\":\"x\",\"replay_run\":\"run-a\"}]";

        IngestResponse response = ingestor.ingest(replay(body, RUN, KEY));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsEntry("accepted", 1);
        assertThat(publisher.published)
                .extracting(Event::eventId)
                .containsExactly(new ReplayIds(key, RUN).eventId("ok"));
        assertThat(metrics.last().rejected()).containsEntry(RejectReason.INVALID_FIELD, 2);
    }

    @Test
    void ingest_whenLiveRequest_isUntouchedByTheLane() {
        IngestResponse response = ingestor.ingest(post(TWO_EVENTS));

        assertThat(response.status()).isEqualTo(200);
        assertThat(publisher.published).extracting(Event::eventId).containsExactly("e-1", "e-2");
        assertThat(publisher.published).extracting(Event::replayRun).containsOnlyNulls();
    }

    /** A replayed session's id sent as live traffic (docs/contract/replay.md#ids): refused, nothing published. */
    @Test
    void ingest_whenLiveRequestUsesAReplayedSessionId_rejectsItNamingSessionId() {
        String replayed = new ReplayIds(key, RUN).sessionId("s-1");
        String body = "[{\"event_id\":\"e-9\",\"session_id\":\"" + replayed + "\"}]";

        IngestResponse live = ingestor.ingest(post(body));
        IngestResponse asReplay = ingestor.ingest(replay(body, RUN, KEY));

        for (IngestResponse response : List.of(live, asReplay)) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body().get("rejected").toString())
                    .contains("session_id")
                    .contains("must not start with r~: the prefix is kept for replayed sessions");
        }
        assertThat(publisher.calls).isEmpty();
        assertThat(metrics.last().rejected()).containsEntry(RejectReason.INVALID_FIELD, 1);
    }

    @Test
    void ingest_whenReplayIsThrottled_answers503AndTheResendPublishesTheSameIds() {
        publisher.refuse = true;
        IngestResponse refused = ingestor.ingest(replay(TWO_EVENTS, RUN, KEY));
        publisher.refuse = false;
        IngestResponse resent = ingestor.ingest(replay(TWO_EVENTS, RUN, KEY));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.headers()).containsKey("Retry-After");
        assertThat(resent.status()).isEqualTo(200);
        assertThat(publisher.calls.get(1)).isEqualTo(publisher.calls.get(0));
    }

    // Refused: 403

    @Test
    void ingest_whenLaneIsOff_answers403AndPublishesNothing() {
        IngestResponse response = ingestor(ReplayGate.OFF).ingest(replay(TWO_EVENTS, RUN, KEY));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).isEqualTo(Map.of("error", "replay lane is off on this deployment"));
        assertThat(publisher.calls).isEmpty();
        assertThat(metrics.last().rejected()).isEqualTo(Map.of(RejectReason.REPLAY_LANE_OFF, 1));
        assertThat(metrics.last().status()).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "replay-lane-test-key-012345678",
                "replay-lane-test-key-0123456789 ",
                " replay-lane-test-key-0123456789",
                "REPLAY-LANE-TEST-KEY-0123456789",
                "replay-lane-test-key-0123456789\u0000",
                "<script>alert(1)</script>",
                "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00",
                "key~with#odd|chars-and-16+",
                "replay-lane-test-key-0123456789,replay-lane-test-key-0123456789"
            })
    void ingest_whenKeyIsWrong_answers403NamingTheKeyHeaderAndPublishesNothing(String wrong) {
        IngestResponse response = ingestor.ingest(replay(TWO_EVENTS, RUN, wrong));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body())
                .isEqualTo(Map.of("error", "replay key missing or wrong", "field", ReplayGate.KEY_HEADER));
        assertThat(publisher.calls).isEmpty();
        assertThat(metrics.last().rejected()).isEqualTo(Map.of(RejectReason.REPLAY_KEY_REFUSED, 1));
    }

    @Test
    void ingest_whenKeyIsMissing_orIsTheDigestTheEdgeHolds_answers403() {
        IngestResponse missing = ingestor.ingest(post(TWO_EVENTS, ReplayGate.RUN_HEADER, RUN));
        IngestResponse digest = ingestor.ingest(replay(TWO_EVENTS, RUN, key.sha256Hex()));
        IngestResponse huge = ingestor.ingest(replay(TWO_EVENTS, RUN, KEY.repeat(40_000)));

        assertThat(List.of(missing, digest, huge)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.body()).containsEntry("field", ReplayGate.KEY_HEADER);
        });
        assertThat(publisher.calls).isEmpty();
    }

    @Test
    void ingest_whenAFloodOfWrongKeys_refusesEveryOneAndStillTakesTheKey() {
        int flood = 20_000;
        Random random = new Random(5);
        for (int i = 0; i < flood; i++) {
            // near misses of every length around the key's
            StringBuilder guess = new StringBuilder(KEY);
            guess.setCharAt(random.nextInt(KEY.length()), (char) ('!' + random.nextInt(90)));
            if (guess.toString().equals(KEY)) {
                guess.append('x');
            }
            assertThat(ingestor.ingest(replay(TWO_EVENTS, RUN, guess.toString()))
                            .status())
                    .isEqualTo(403);
        }

        assertThat(publisher.calls).isEmpty();
        assertThat(metrics.outcomes).hasSize(flood).allSatisfy(outcome -> assertThat(outcome.rejected())
                .isEqualTo(Map.of(RejectReason.REPLAY_KEY_REFUSED, 1)));
        assertThat(ingestor.ingest(replay(TWO_EVENTS, RUN, KEY)).status()).isEqualTo(200);
    }

    // Refused: 400

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "-run",
                "Run",
                "run_1",
                "run.1",
                "run 1",
                " run",
                "run~replay~x",
                "run#1",
                "run|1",
                "<script>alert(1)</script>",
                "run-\uD83D\uDE00",
                "run-\u0000",
                "r\u0430n",
                "run-1,run-2",
                "0123456789012345678901234567890123456789x"
            })
    void ingest_whenRunIdIsInvalid_answers400NamingTheRunHeaderWithoutEchoingIt(String run) {
        IngestResponse response = ingestor.ingest(replay(TWO_EVENTS, run, KEY));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body())
                .containsEntry("field", ReplayGate.RUN_HEADER)
                .containsEntry("rejected", List.of());
        assertThat((String) response.body().get("error"))
                .isEqualTo("replay run must be 1-40 characters of a-z 0-9 -, not starting with -");
        assertThat(publisher.calls).isEmpty();
        assertThat(metrics.last().rejected()).isEqualTo(Map.of(RejectReason.REPLAY_RUN_INVALID, 1));
    }

    @Test
    void ingest_whenRunIdIsAtTheLimits_isAccepted() {
        String longest = "0123456789012345678901234567890123456789";

        assertThat(ingestor.ingest(replay(TWO_EVENTS, longest, KEY)).status()).isEqualTo(200);
        assertThat(ingestor.ingest(replay(TWO_EVENTS, "a", KEY)).status()).isEqualTo(200);
        assertThat(publisher.published).extracting(Event::replayRun).containsExactly(longest, longest, "a", "a");
        assertThat(publisher.published)
                .allSatisfy(event ->
                        assertThat(event.eventId().length()).isLessThanOrEqualTo(EventLimits.MAX_EVENT_ID_CHARS));
    }

    @Test
    void ingest_whenKeyWithoutRun_answers400EvenWithTheLaneOff() {
        IngestResponse withLane = ingestor.ingest(post(TWO_EVENTS, ReplayGate.KEY_HEADER, KEY));
        IngestResponse laneOff = ingestor(ReplayGate.OFF).ingest(post(TWO_EVENTS, ReplayGate.KEY_HEADER, "anything"));

        assertThat(List.of(withLane, laneOff)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).containsEntry("field", ReplayGate.RUN_HEADER);
        });
        assertThat(publisher.calls).isEmpty();
        assertThat(metrics.outcomes)
                .extracting(outcome -> outcome.rejected())
                .containsOnly(Map.of(RejectReason.REPLAY_RUN_MISSING, 1));
    }

    @Test
    void ingest_whenRefused_neverReadsTheBody() {
        String oversized = "[" + " ".repeat(EventLimits.MAX_BODY_BYTES + 1) + "]";

        assertThat(ingestor.ingest(replay("{", RUN, "wrong-key-wrong-key")).status())
                .isEqualTo(403);
        assertThat(ingestor.ingest(replay(oversized, RUN, "wrong-key-wrong-key"))
                        .status())
                .isEqualTo(403);
        assertThat(ingestor(ReplayGate.OFF).ingest(replay(oversized, RUN, KEY)).status())
                .isEqualTo(403);
        assertThat(ingestor.ingest(replay(oversized, "Bad", KEY)).status()).isEqualTo(400);
        assertThat(metrics.outcomes)
                .extracting(outcome -> outcome.rejected().keySet().iterator().next())
                .containsExactly(
                        RejectReason.REPLAY_KEY_REFUSED,
                        RejectReason.REPLAY_KEY_REFUSED,
                        RejectReason.REPLAY_LANE_OFF,
                        RejectReason.REPLAY_RUN_INVALID);
    }

    // CORS

    @Test
    void preflight_whenItNamesAReplayHeader_isRefused() {
        IngestEdge edge = new IngestEdge(ingestor, publisher, CorsPolicy.of(List.of("*")));
        for (String header : List.of("x-liveinsight-replay-run", "content-type, X-LiveInsight-Replay-Key")) {
            IngestResponse response = edge.handle(new IngestRequest(
                    "OPTIONS",
                    "/events",
                    Map.of(
                            "origin", "https://shop.example.com",
                            "access-control-request-method", "POST",
                            "access-control-request-headers", header),
                    null,
                    false,
                    "192.0.2.1"));

            assertThat(response.status()).as(header).isEqualTo(403);
            assertThat(response.headers()).doesNotContainKey("Access-Control-Allow-Headers");
        }
    }
}
