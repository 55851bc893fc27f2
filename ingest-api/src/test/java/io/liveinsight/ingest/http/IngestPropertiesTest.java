package io.liveinsight.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.event.DecodeResult;
import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.event.EventValidator;
import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.event.replay.ReplayLane;
import io.liveinsight.ingest.adapter.kinesis.RecordPacker;
import io.liveinsight.ingest.domain.Ids;
import io.liveinsight.ingest.port.IngestMetrics;
import io.liveinsight.ingest.testing.Bodies;
import io.liveinsight.ingest.testing.FakePublisher;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever a client sends, the edge answers 200, 400, 403, 413 or 415: never a 5xx, never an exception. Every event it
 * accepts passes the consumer's validation and comes back unchanged from the stream record codec. With the replay
 * headers (docs/contract/replay.md#lane), any run and key: only the key with a valid run publishes anything, and then
 * every published event carries the run and mapped ids.
 */
class IngestPropertiesTest {

    private static final Set<Integer> CLIENT_STATUSES = Set.of(200, 400, 403, 413, 415);
    private static final String REPLAY_KEY = "properties-replay-key-0123456789";
    private static final String RUN_HEADER = "x-liveinsight-replay-run";
    private static final String KEY_HEADER = "x-liveinsight-replay-key";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> FIELDS = List.of(
            "event_id",
            "user_id",
            "session_id",
            "event_type",
            "page_url",
            "referrer",
            "user_agent",
            "timestamp",
            "properties",
            "element_tag",
            "element_id",
            "element_class",
            "element_text",
            "received_at",
            "ip",
            "events");
    private static final List<String> INJECTIONS = List.of(
            "<script>alert(1)</script>",
            "'; DROP TABLE events; --",
            "${jndi:ldap://x/a}",
            "{{7*7}}",
            "\u0000\u001f",
            "../../etc/passwd",
            "\"},{\"event_id\":\"x",
            "\\u0000",
            "%00",
            "\uD83D\uDE00",
            "\uD800",
            "\uFEFF",
            "a\u202Eb");

    private final EventCodec codec = new EventCodec();

    @Property(tries = 3000)
    void ingest_whenAnyPayload_answersOnlyClientStatusesAndAcceptedEventsRoundTrip(
            @ForAll("requests") IngestRequest request) {
        answersLikeAClientErrorOrAcceptsRoundTrippingEvents(request);
        Statistics.label("status").coverage(coverage -> {
            for (int expected : CLIENT_STATUSES) {
                coverage.check(expected).count(c -> c > 0);
            }
        });
    }

    private void answersLikeAClientErrorOrAcceptsRoundTrippingEvents(IngestRequest request) {
        FakePublisher publisher = new FakePublisher();
        Clock clock = Clock.systemUTC();
        EventIngestor ingestor = new EventIngestor(
                publisher,
                IngestMetrics.NONE,
                codec.mapper(),
                clock,
                new Ids(clock, new Random(1)),
                EdgeOptions.DEFAULTS,
                new ReplayGate(ReplayKey.of(REPLAY_KEY)));

        IngestResponse response = ingestor.ingest(request);

        Statistics.label("status").collect(response.status());
        assertThat(response.status()).isIn(CLIENT_STATUSES);
        String run = request.header(RUN_HEADER);
        String key = request.header(KEY_HEADER);
        boolean replayLetIn = run != null && REPLAY_KEY.equals(key) && ReplayLane.runError(run) == null;
        if (key != null && !replayLetIn) {
            assertThat(response.status()).isIn(400, 403);
        }
        if (response.status() != 200) {
            assertThat(publisher.published).isEmpty();
            return;
        }
        for (Event event : publisher.published) {
            assertThat(event.replayRun()).isEqualTo(replayLetIn ? run : null);
            if (replayLetIn) {
                assertThat(event.sessionId()).startsWith("r~" + run + "~");
                assertThat(event.userId()).startsWith("r~" + run + "~");
                assertThat(event.eventId()).startsWith("r.");
            }
        }
        assertThat(response.body().get("accepted")).isEqualTo(publisher.published.size());
        for (Event event : publisher.published) {
            assertThat(EventValidator.validate(event)).isEmpty();
            assertThat(codec.decode(codec.encode(List.of(event)))).isEqualTo(new DecodeResult.Decoded(List.of(event)));
        }
        assertThat(new RecordPacker(codec).pack(publisher.published))
                .allSatisfy(record -> assertThat(codec.decode(record.data())).isInstanceOf(DecodeResult.Decoded.class));
    }

    @Property(tries = 1000)
    void ingest_whenPlausibleEvents_acceptsMostAndTheyRoundTrip(@ForAll("plausibleRequests") IngestRequest request) {
        answersLikeAClientErrorOrAcceptsRoundTrippingEvents(request);
        Statistics.label("status").coverage(coverage -> coverage.check(200).percentage(p -> p > 50.0));
    }

    @Provide
    Arbitrary<IngestRequest> plausibleRequests() {
        Arbitrary<String> value = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        8,
                        Arbitraries.strings()
                                .alpha()
                                .numeric()
                                .withChars("_.:-")
                                .ofMinLength(1)
                                .ofMaxLength(40)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(40)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(INJECTIONS)));
        Arbitrary<Map.Entry<String, JsonNode>> field = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        8,
                        Combinators.combine(Arbitraries.of(FIELDS.subList(0, 7)), value.map(v ->
                                        (JsonNode) NODES.textNode(v.toLowerCase(java.util.Locale.ROOT))))
                                .as(Map::entry)),
                net.jqwik.api.Tuple.of(2, numbers().map(n -> Map.entry("timestamp", n))),
                net.jqwik.api.Tuple.of(
                        2,
                        Combinators.combine(
                                        Arbitraries.strings()
                                                .alpha()
                                                .ofMinLength(1)
                                                .ofMaxLength(10),
                                        Arbitraries.oneOf(value.map(v -> (JsonNode) NODES.textNode(v)), numbers()))
                                .as(Map::entry)),
                net.jqwik.api.Tuple.of(1, properties().map(p -> Map.entry("properties", p))));
        Arbitrary<JsonNode> event = field.list().ofMaxSize(10).map(fields -> {
            ObjectNode node = NODES.objectNode();
            fields.forEach(e -> node.set(e.getKey(), e.getValue()));
            return node;
        });
        Arbitrary<String> body = Arbitraries.oneOf(
                event.map(JsonNode::toString),
                event.list().ofMinSize(1).ofMaxSize(20).map(list -> NODES.arrayNode()
                        .addAll(list)
                        .toString()));
        return Combinators.combine(
                        body,
                        Arbitraries.of("application/json", "text/plain;charset=UTF-8"),
                        Arbitraries.of("", "gzip"),
                        Arbitraries.of(false, true),
                        userAgents())
                .as(IngestPropertiesTest::request);
    }

    @Provide
    Arbitrary<IngestRequest> requests() {
        Arbitrary<String> body = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, jsonBodies()),
                net.jqwik.api.Tuple.of(2, jsonBodies().flatMap(IngestPropertiesTest::corrupt)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(200)),
                net.jqwik.api.Tuple.of(1, deeplyNested()),
                net.jqwik.api.Tuple.of(1, huge()));
        Arbitrary<String> contentType = Arbitraries.of(
                "application/json",
                "application/json",
                "application/json",
                "text/plain;charset=UTF-8",
                "text/plain",
                "",
                "application/xml",
                "application/json; charset=latin1",
                "multipart/form-data; boundary=x");
        Arbitrary<String> encoding = Arbitraries.of("", "", "", "gzip", "br", "identity");
        Arbitrary<Boolean> asBase64 = Arbitraries.of(false, false, true);
        return Combinators.combine(body, contentType, encoding, asBase64, userAgents(), replayHeaders())
                .as(IngestPropertiesTest::request);
    }

    /** No replay header mostly; else the key or another, a valid run or any string, or a key alone. */
    private static Arbitrary<Map<String, String>> replayHeaders() {
        Arbitrary<String> runs = Arbitraries.oneOf(
                Arbitraries.strings()
                        .withCharRange('a', 'z')
                        .numeric()
                        .withChars('-')
                        .ofMinLength(1)
                        .ofMaxLength(41),
                Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.of(INJECTIONS));
        Arbitrary<String> keys = Arbitraries.oneOf(
                Arbitraries.just(REPLAY_KEY),
                Arbitraries.strings().all().ofMaxLength(80),
                Arbitraries.of(REPLAY_KEY + " ", REPLAY_KEY.toUpperCase(java.util.Locale.ROOT), ""));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(Map.of())),
                net.jqwik.api.Tuple.of(
                        3, Combinators.combine(runs, keys).as((run, key) -> Map.of(RUN_HEADER, run, KEY_HEADER, key))),
                net.jqwik.api.Tuple.of(1, runs.map(run -> Map.of(RUN_HEADER, run))),
                net.jqwik.api.Tuple.of(1, keys.map(key -> Map.of(KEY_HEADER, key))));
    }

    private static IngestRequest request(
            String body, String contentType, String encoding, boolean asBase64, String userAgent) {
        return request(body, contentType, encoding, asBase64, userAgent, Map.of());
    }

    private static IngestRequest request(
            String body,
            String contentType,
            String encoding,
            boolean asBase64,
            String userAgent,
            Map<String, String> replay) {
        Map<String, String> headers = new HashMap<>(replay);
        if (!contentType.isEmpty()) {
            headers.put("content-type", contentType);
        }
        if (!encoding.isEmpty()) {
            headers.put("content-encoding", encoding);
        }
        headers.put("user-agent", userAgent);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (encoding.equals("gzip")) {
            return new IngestRequest(
                    "POST",
                    "/events",
                    headers,
                    Base64.getEncoder().encodeToString(Bodies.gzip(bytes)),
                    true,
                    "192.0.2.1");
        }
        if (asBase64) {
            return new IngestRequest(
                    "POST", "/events", headers, Base64.getEncoder().encodeToString(bytes), true, "2001:db8::7");
        }
        return new IngestRequest("POST", "/events", headers, body, false, null);
    }

    private static Arbitrary<String> userAgents() {
        return Arbitraries.oneOf(
                Arbitraries.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", "Googlebot/2.1", ""),
                Arbitraries.strings().all().ofMaxLength(700));
    }

    private Arbitrary<String> jsonBodies() {
        Arbitrary<JsonNode> event = events();
        return Arbitraries.oneOf(
                event.map(JsonNode::toString),
                event.list()
                        .ofMaxSize(12)
                        .map(list -> NODES.arrayNode().addAll(list).toString()),
                event.list().ofMaxSize(12).map(list -> {
                    ObjectNode envelope = NODES.objectNode();
                    envelope.putArray("events").addAll(list);
                    return envelope.toString();
                }),
                values(2).map(JsonNode::toString));
    }

    private Arbitrary<JsonNode> events() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of(FIELDS), Arbitraries.strings().all().ofMaxLength(70), Arbitraries.of(INJECTIONS));
        Arbitrary<Map.Entry<String, JsonNode>> field =
                Combinators.combine(names, fieldValues()).as(Map::entry);
        return field.list().ofMaxSize(16).map(fields -> {
            ObjectNode event = NODES.objectNode();
            fields.forEach(entry -> event.set(entry.getKey(), entry.getValue()));
            return event;
        });
    }

    private Arbitrary<JsonNode> fieldValues() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, strings().map(NODES::textNode)),
                net.jqwik.api.Tuple.of(2, numbers()),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(NODES.booleanNode(true), NODES.nullNode())),
                net.jqwik.api.Tuple.of(2, properties()),
                net.jqwik.api.Tuple.of(1, values(3)));
    }

    private Arbitrary<JsonNode> properties() {
        Arbitrary<Map.Entry<String, JsonNode>> entry = Combinators.combine(
                        Arbitraries.oneOf(
                                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), strings()),
                        Arbitraries.oneOf(strings().map(NODES::textNode), numbers(), values(1)))
                .as(Map::entry);
        return entry.list().ofMaxSize(55).map(entries -> {
            ObjectNode properties = NODES.objectNode();
            entries.forEach(e -> properties.set(e.getKey(), e.getValue()));
            return properties;
        });
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        4,
                        Arbitraries.strings()
                                .alpha()
                                .numeric()
                                .withChars("_.:-")
                                .ofMaxLength(70)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(140)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(INJECTIONS)),
                net.jqwik.api.Tuple.of(
                        1, Arbitraries.strings().ascii().ofMinLength(1000).ofMaxLength(3000)));
    }

    private static Arbitrary<JsonNode> numbers() {
        long now = System.currentTimeMillis();
        return Arbitraries.oneOf(
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.longs()
                        .between(now - 2 * 86_400_000L, now + 600_000L)
                        .map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(
                        NODES.numberNode(new BigInteger("1" + "0".repeat(40))),
                        NODES.numberNode(new BigDecimal("1e-200")),
                        NODES.numberNode(new BigDecimal("1e300")),
                        NODES.numberNode(Double.MIN_VALUE),
                        NODES.numberNode(-0.0)));
    }

    /** Any JSON value up to a depth. */
    private Arbitrary<JsonNode> values(int depth) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                strings().map(NODES::textNode), numbers(), Arbitraries.of(NODES.booleanNode(false), NODES.nullNode()));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<JsonNode> array = values(depth - 1).list().ofMaxSize(4).map(list -> {
            ArrayNode node = NODES.arrayNode();
            list.forEach(node::add);
            return node;
        });
        Arbitrary<JsonNode> object = Combinators.combine(strings(), values(depth - 1))
                .as(Map::entry)
                .list()
                .ofMaxSize(4)
                .map(entries -> {
                    ObjectNode node = NODES.objectNode();
                    entries.forEach(e -> node.set(e.getKey(), e.getValue()));
                    return (JsonNode) node;
                });
        return Arbitraries.oneOf(scalar, array, object);
    }

    /** Truncated, spliced or garbled JSON. */
    private static Arbitrary<String> corrupt(String json) {
        if (json.isEmpty()) {
            return Arbitraries.just("{");
        }
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, json.length() - 1).map(cut -> json.substring(0, cut)),
                Combinators.combine(
                                Arbitraries.integers().between(0, json.length()),
                                Arbitraries.of("\"", "{", "]", ",", ":", "\\", "\u0000", "NaN", "//", "\uD800"))
                        .as((at, junk) -> json.substring(0, at) + junk + json.substring(at)),
                Arbitraries.just(json + json));
    }

    private static Arbitrary<String> deeplyNested() {
        return Arbitraries.integers()
                .between(100, 5_000)
                .flatMap(depth -> Arbitraries.of(
                        "[".repeat(depth) + "]".repeat(depth),
                        "{\"properties\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}",
                        "[{\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}]"));
    }

    private static Arbitrary<String> huge() {
        return Arbitraries.of(
                "{\"page_url\":\"" + "x".repeat(1024 * 1024) + "\"}",
                "[" + "{},".repeat(600) + "{}]",
                "{\"page_url\":\"" + "x".repeat(40_000) + "\"}",
                "\"" + "é".repeat(600_000) + "\"");
    }
}
