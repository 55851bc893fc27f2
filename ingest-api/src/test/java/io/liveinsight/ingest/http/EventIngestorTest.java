package io.liveinsight.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.event.EventLimits;
import io.liveinsight.event.FieldError;
import io.liveinsight.ingest.domain.Ids;
import io.liveinsight.ingest.domain.RejectReason;
import io.liveinsight.ingest.domain.Rejection;
import io.liveinsight.ingest.port.IngestMetrics;
import io.liveinsight.ingest.testing.Bodies;
import io.liveinsight.ingest.testing.FakePublisher;
import io.liveinsight.ingest.testing.RecordingMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventIngestorTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final long NOW_MS = NOW.toEpochMilli();
    private static final String BROWSER = "Mozilla/5.0 (Macintosh) Safari/605.1.15";
    private static final String UUID_V7 = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private final FakePublisher publisher = new FakePublisher();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final EventIngestor ingestor = ingestor(EdgeOptions.DEFAULTS);

    private EventIngestor ingestor(EdgeOptions options) {
        return new EventIngestor(
                publisher, metrics, new EventCodec().mapper(), clock, new Ids(clock, new Random(7)), options);
    }

    private static Map<String, String> headers(String... extra) {
        Map<String, String> headers = new HashMap<>();
        headers.put("user-agent", BROWSER);
        headers.put("content-type", "application/json");
        for (int i = 0; i < extra.length; i += 2) {
            headers.put(extra[i], extra[i + 1]);
        }
        return headers;
    }

    private IngestResponse post(String body, String... extraHeaders) {
        return ingestor.ingest(
                new IngestRequest("POST", "/events", headers(extraHeaders), body, false, "198.51.100.7"));
    }

    private IngestResponse postBase64(byte[] body, String... extraHeaders) {
        return ingestor.ingest(new IngestRequest(
                "POST",
                "/events",
                headers(extraHeaders),
                Base64.getEncoder().encodeToString(body),
                true,
                "198.51.100.7"));
    }

    @SuppressWarnings("unchecked")
    private static List<Rejection> rejected(IngestResponse response) {
        return (List<Rejection>) response.body().get("rejected");
    }

    // 200

    @Test
    void ingest_whenSingleEvent_answersOriginalShapeAndPublishesIt() {
        IngestResponse response = post("""
                {"user_id":"u1","session_id":"s1","event_type":"page_view","page_url":"https://example.com/"}""");

        assertThat(response.status()).isEqualTo(200);
        Event event = publisher.published.get(0);
        assertThat(response.body())
                .containsExactly(
                        Map.entry("accepted", 1),
                        Map.entry("event_ids", List.of(event.eventId())),
                        Map.entry("rejected", List.of()),
                        Map.entry("message", "Event processed successfully"),
                        Map.entry("event_id", event.eventId()),
                        Map.entry("session_id", "s1"));
        assertThat(event.userId()).isEqualTo("u1");
        assertThat(event.pageUrl()).isEqualTo("https://example.com/");
        assertThat(event.timestamp()).isEqualTo(NOW_MS);
        assertThat(event.receivedAt()).isEqualTo(NOW_MS);
        assertThat(event.clockSkew()).isFalse();
        assertThat(metrics.last()).isEqualTo(new IngestMetrics.Outcome(200, 1, Map.of(), 0));
    }

    @Test
    void ingest_whenSomeEventsInvalid_acceptsTheOthersAndListsRejectsByIndex() {
        IngestResponse response = post("""
                [{"session_id":"s"},{"session_id":"s","event_type":"Bad Type"},7,{"session_id":"s","timestamp":"x"}]""");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsEntry("accepted", 1).doesNotContainKey("message");
        assertThat(rejected(response))
                .containsExactly(
                        new Rejection(
                                1, List.of(new FieldError("event_type", "must be 1-64 characters of a-z 0-9 _ . : -"))),
                        new Rejection(2, List.of(new FieldError("event", "must be a JSON object"))),
                        new Rejection(
                                3, List.of(new FieldError("timestamp", "must be a number (epoch milliseconds)"))));
        assertThat(publisher.published).hasSize(1);
        assertThat(metrics.last().rejected())
                .isEqualTo(Map.of(RejectReason.INVALID_FIELD, 2, RejectReason.NOT_AN_OBJECT, 1));
    }

    @Test
    void ingest_whenArrayOrEnvelope_acceptsEveryEventInOrder() {
        assertThat(post("[{\"page_url\":\"/1\"},{\"page_url\":\"/2\"}]").status())
                .isEqualTo(200);
        assertThat(post("{\"events\":[{\"page_url\":\"/3\"},{\"page_url\":\"/4\"}]}")
                        .status())
                .isEqualTo(200);

        assertThat(publisher.published).extracting(Event::pageUrl).containsExactly("/1", "/2", "/3", "/4");
    }

    @Test
    void ingest_whenTextPlainBeacon_readsItAsJson() {
        IngestResponse response = post("{\"session_id\":\"s\"}", "content-type", "text/plain;charset=UTF-8");

        assertThat(response.status()).isEqualTo(200);
        assertThat(publisher.published).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json",
                "application/json; charset=utf-8",
                "TEXT/PLAIN",
                "text/plain; charset=\"UTF-8\""
            })
    void ingest_whenJsonOrPlainContentType_acceptsIt(String contentType) {
        assertThat(post("{}", "content-type", contentType).status()).isEqualTo(200);
    }

    @Test
    void ingest_whenNoContentType_readsJson() {
        Map<String, String> headers = headers();
        headers.remove("content-type");

        IngestResponse response = ingestor.ingest(new IngestRequest("POST", "/events", headers, "{}", false, null));

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void ingest_whenGzipBase64Body_decompressesIt() {
        IngestResponse response = postBase64(
                Bodies.gzip("[{\"session_id\":\"g\"},{\"session_id\":\"g\"}]".getBytes(StandardCharsets.UTF_8)),
                "content-encoding",
                "gzip");

        assertThat(response.status()).isEqualTo(200);
        assertThat(publisher.published).extracting(Event::sessionId).containsExactly("g", "g");
    }

    @Test
    void ingest_whenPlainBase64Body_decodesIt() {
        IngestResponse response = postBase64("{\"session_id\":\"b\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(200);
        assertThat(publisher.published.get(0).sessionId()).isEqualTo("b");
    }

    // minted ids, defaults, enrichment

    @Test
    void ingest_whenIdsMissing_mintsThemOnceForTheRequestAndReturnsTheSession() {
        IngestResponse response = post("[{\"page_url\":\"/a\"},{\"page_url\":\"/b\",\"event_type\":\"click\"}]");

        Event first = publisher.published.get(0);
        Event second = publisher.published.get(1);
        assertThat(first.eventId()).matches(UUID_V7).isNotEqualTo(second.eventId());
        assertThat(first.userId()).matches("anon-" + UUID_V7).isEqualTo(second.userId());
        assertThat(first.sessionId()).matches(UUID_V7).isEqualTo(second.sessionId());
        assertThat(first.eventType()).isEqualTo("page_view");
        assertThat(second.eventType()).isEqualTo("click");
        assertThat(response.body())
                .containsEntry("event_ids", List.of(first.eventId(), second.eventId()))
                .containsEntry("session_id", first.sessionId());
    }

    @Test
    void ingest_whenUserMissingButSessionSent_derivesTheSameAnonymousUserEveryRequest() {
        post("{\"session_id\":\"s-1\"}");
        post("[{\"session_id\":\"s-1\"},{\"session_id\":\"s-2\"}]");

        List<Event> events = publisher.published;
        assertThat(events.get(0).userId())
                .matches("anon-[0-9a-f-]{36}")
                .isEqualTo(events.get(1).userId());
        assertThat(events.get(2).userId()).isNotEqualTo(events.get(0).userId());
    }

    @Test
    void ingest_whenSessionMissingForTwoUsers_mintsOneSessionPerUser() {
        post("[{\"user_id\":\"a\"},{\"user_id\":\"b\"},{\"user_id\":\"a\"}]");

        List<Event> events = publisher.published;
        assertThat(events.get(0).sessionId())
                .isEqualTo(events.get(2).sessionId())
                .isNotEqualTo(events.get(1).sessionId());
    }

    @Test
    void ingest_whenClientSendsIds_keepsThem() {
        post("{\"event_id\":\"e-1\",\"user_id\":\"u\",\"session_id\":\"s\"}");

        Event event = publisher.published.get(0);
        assertThat(List.of(event.eventId(), event.userId(), event.sessionId())).containsExactly("e-1", "u", "s");
    }

    @Test
    void ingest_whenTimestampAtSkewBoundaries_keepsInsideAndReplacesOutside() {
        long dayBefore = NOW_MS - EventLimits.MAX_CLOCK_BEHIND_MS;
        long fiveMinutesAhead = NOW_MS + EventLimits.MAX_CLOCK_AHEAD_MS;
        post("[{\"timestamp\":" + dayBefore + "},{\"timestamp\":" + fiveMinutesAhead + "},{\"timestamp\":"
                + (dayBefore - 1) + "},{\"timestamp\":" + (fiveMinutesAhead + 1) + "},{\"timestamp\":-1}]");

        assertThat(publisher.published)
                .extracting(Event::timestamp, Event::clockSkew)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(dayBefore, false),
                        org.assertj.core.groups.Tuple.tuple(fiveMinutesAhead, false),
                        org.assertj.core.groups.Tuple.tuple(NOW_MS, true),
                        org.assertj.core.groups.Tuple.tuple(NOW_MS, true),
                        org.assertj.core.groups.Tuple.tuple(NOW_MS, true));
    }

    @Test
    void ingest_whenUserAgentAbsent_usesHeaderTruncatedTo512AndFlagsBots() {
        String longAgent = "Mozilla/5.0 " + "x".repeat(600);
        post("[{},{\"user_agent\":\"Googlebot/2.1\"}]", "user-agent", longAgent);

        assertThat(publisher.published.get(0).userAgent()).isEqualTo(longAgent.substring(0, 512));
        assertThat(publisher.published.get(0).isBot()).isFalse();
        assertThat(publisher.published.get(1).userAgent()).isEqualTo("Googlebot/2.1");
        assertThat(publisher.published.get(1).isBot()).isTrue();
    }

    @Test
    void ingest_whenAddressKnown_storesItAnonymised() {
        post("{}");

        assertThat(publisher.published.get(0).ip()).isEqualTo("198.51.100.0");
    }

    @Test
    void ingest_whenForwardedForIsSpoofed_believesOnlyTrustedHops() {
        IngestRequest behindCloudFront = new IngestRequest(
                "POST",
                "/events",
                headers("x-forwarded-for", "6.6.6.6, 203.0.113.77, 130.176.1.1"),
                "{}",
                false,
                "130.176.1.1");

        ingestor.ingest(behindCloudFront);
        ingestor(new EdgeOptions(true, 1, 1)).ingest(behindCloudFront);
        ingestor(new EdgeOptions(false, 1, 1)).ingest(behindCloudFront);

        assertThat(publisher.published)
                .extracting(Event::ip)
                .containsExactly("130.176.1.0", "203.0.113.0", "203.0.113.77");
    }

    @Test
    void ingest_whenUnknownTopLevelKeys_preservesThemInProperties() {
        post("{\"session_id\":\"s\",\"campaign\":\"spring\",\"ab\":{\"nested\":1}}");
        post("{\"session_id\":\"s\",\"campaign\":\"spring\",\"variant\":2,\"properties\":{\"sku\":\"A\"}}");

        assertThat(publisher.published).hasSize(1);
        assertThat(publisher.published.get(0).properties())
                .containsExactly(Map.entry("sku", "A"), Map.entry("campaign", "spring"), Map.entry("variant", 2));
    }

    // 400

    @ParameterizedTest
    @ValueSource(strings = {"{\"user_id\":", "not json", "[{}]]", "{\"a\":1,\"a\":2}", "{} {}", ""})
    void ingest_whenMalformedJson_answers400AndPublishesNothing(String body) {
        IngestResponse response = post(body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).containsKeys("error", "rejected");
        assertThat(publisher.calls).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "{\"events\":[]}", "42", "\"event\"", "null"})
    void ingest_whenNoEvent_answers400(String body) {
        assertThat(post(body).status()).isEqualTo(400);
        assertThat(publisher.calls).isEmpty();
    }

    @Test
    void ingest_whenNoEventValid_answers400WithEveryRejection() {
        IngestResponse response = post("[{\"event_id\":\"a b\"},[]]");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).containsEntry("error", "no valid event");
        assertThat(rejected(response)).extracting(Rejection::index).containsExactly(0, 1);
        assertThat(publisher.calls).isEmpty();
    }

    @Test
    void ingest_whenEnvelopeHasOtherKeys_answers400() {
        assertThat(post("{\"events\":[{}],\"sent_at\":1}").status()).isEqualTo(400);
    }

    @Test
    void ingest_whenGzipCorrupt_answers400() {
        IngestResponse response = postBase64(new byte[] {31, -117, 8, 0, 1, 2, 3}, "content-encoding", "gzip");

        assertThat(response.status()).isEqualTo(400);
        assertThat((String) response.body().get("error")).contains("gzip");
    }

    @Test
    void ingest_whenBase64Invalid_answers400() {
        IngestResponse response =
                ingestor.ingest(new IngestRequest("POST", "/events", headers(), "%%%not base64", true, null));

        assertThat(response.status()).isEqualTo(400);
    }

    // 413

    @Test
    void ingest_whenBodyExactly1MiB_acceptsItAndRejectsOneByteMore() {
        String events = Bodies.array(Bodies.eventOfBytes("s", 2000), 500);
        String exact = events + " ".repeat(EventLimits.MAX_BODY_BYTES - events.length());

        assertThat(exact.getBytes(StandardCharsets.UTF_8)).hasSize(EventLimits.MAX_BODY_BYTES);
        assertThat(post(exact).status()).isEqualTo(200);
        IngestResponse over = post(exact + " ");
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.body()).containsOnlyKeys("error");
        assertThat(metrics.last().rejected()).isEqualTo(Map.of(RejectReason.BODY_TOO_LARGE, 1));
    }

    @Test
    void ingest_whenGzipBodyInflatesPastLimit_stopsAt413() {
        byte[] bomb = Bodies.gzip(new byte[64 * 1024 * 1024]); // 64 MiB of zeros, ~64 KiB compressed
        String events = Bodies.array("{}", 100);
        byte[] exact =
                (events + " ".repeat(EventLimits.MAX_BODY_BYTES - events.length())).getBytes(StandardCharsets.UTF_8);

        assertThat(postBase64(bomb, "content-encoding", "gzip").status()).isEqualTo(413);
        assertThat(postBase64(Bodies.gzip(exact), "content-encoding", "gzip").status())
                .isEqualTo(200);
        byte[] over = java.util.Arrays.copyOf(exact, exact.length + 1);
        over[exact.length] = ' ';
        assertThat(postBase64(Bodies.gzip(over), "content-encoding", "gzip").status())
                .isEqualTo(413);
    }

    @Test
    void ingest_when500Events_acceptsThemAndRejects501() {
        assertThat(post(Bodies.array("{}", 500)).status()).isEqualTo(200);
        assertThat(publisher.published).hasSize(500);

        IngestResponse over = post(Bodies.array("{}", 501));
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.body()).containsOnlyKeys("error");
        assertThat(post("{\"events\":" + Bodies.array("{}", 501) + "}").status())
                .isEqualTo(413);
        assertThat(publisher.calls).hasSize(1);
    }

    @Test
    void ingest_whenEventExactly32KiB_acceptsItAndRejectsOneByteMore() {
        String exact = Bodies.eventOfBytes("s", EventLimits.MAX_EVENT_BYTES);
        String over = Bodies.eventOfBytes("s", EventLimits.MAX_EVENT_BYTES + 1);

        IngestResponse response = post("[" + exact + ",\n" + over + "]");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsEntry("accepted", 1);
        assertThat(rejected(response))
                .containsExactly(new Rejection(
                        1, List.of(new FieldError("event", "must be at most 32768 bytes of JSON (is 32769)"))));
        assertThat(post(over).status()).isEqualTo(400);
        assertThat(metrics.last().rejected()).isEqualTo(Map.of(RejectReason.EVENT_TOO_LARGE, 1));
    }

    // 415

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/x-www-form-urlencoded",
                "multipart/form-data",
                "text/html",
                "application/xml",
                "application/json; charset=iso-8859-1"
            })
    void ingest_whenOtherContentType_answers415(String contentType) {
        IngestResponse response = post("{}", "content-type", contentType);

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.body()).containsOnlyKeys("error");
        assertThat(publisher.calls).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"br", "deflate", "gzip, br"})
    void ingest_whenUnsupportedContentEncoding_answers415(String encoding) {
        assertThat(post("{}", "content-encoding", encoding).status()).isEqualTo(415);
    }

    // 503

    @Test
    void ingest_whenStreamRefuses_answers503WithRetryAfterAndAcknowledgesNothing() {
        publisher.refuse = true;

        IngestResponse response = post("[{\"session_id\":\"s\"},{\"session_id\":\"s\"}]");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsEntry("Retry-After", "1");
        assertThat(response.body()).containsOnlyKeys("error");
        assertThat(metrics.last())
                .isEqualTo(new IngestMetrics.Outcome(503, 0, Map.of(RejectReason.STREAM_UNAVAILABLE, 2), 2));
    }
}
