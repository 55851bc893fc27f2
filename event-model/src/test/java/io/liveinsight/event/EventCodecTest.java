package io.liveinsight.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    static Event event(String id, Map<String, Object> properties) {
        return new Event(
                id,
                "u1",
                "s1",
                "page_view",
                1_700_000_000_000L,
                "https://example.com/",
                null,
                "curl/8",
                properties,
                null,
                null,
                null,
                null,
                1_700_000_000_123L,
                "203.0.113.0",
                false,
                false);
    }

    @Test
    void encode_whenRecord_writesSpecFieldNamesAndVersion() {
        String json = new String(codec.encode(List.of(event("e1", Map.of()))), StandardCharsets.UTF_8);

        assertThat(json)
                .startsWith("{\"v\":1,\"events\":[")
                .contains("\"event_id\":\"e1\"", "\"session_id\":\"s1\"", "\"page_url\":\"https://example.com/\"")
                .contains("\"received_at\":1700000000123", "\"is_bot\":false", "\"timestamp\":1700000000000")
                .doesNotContain("\"referrer\"");
    }

    @Test
    void decode_whenEncodedRecord_returnsEqualEvents() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("sku", "A-1");
        properties.put("price", 9.5);
        properties.put("gift", null);
        List<Event> events = List.of(event("e1", properties), event("e2", Map.of()));

        DecodeResult result = codec.decode(codec.encode(events));

        assertThat(result).isEqualTo(new DecodeResult.Decoded(events));
    }

    @Test
    void replayRun_travelsOnTheReplayLaneOnly() {
        Event live = event("e1", Map.of());
        Event replay = new io.liveinsight.event.replay.ReplayIds(
                        io.liveinsight.event.replay.ReplayKey.of("a-replay-key-of-some-length"), "run-1")
                .map(live);

        String liveJson = new String(codec.encode(List.of(live)), StandardCharsets.UTF_8);
        String replayJson = new String(codec.encode(List.of(replay)), StandardCharsets.UTF_8);

        assertThat(liveJson)
                .doesNotContain("replay_run")
                .doesNotContain("\"replay\"")
                .doesNotContain("\"page_view\":");
        assertThat(replayJson).contains("\"replay_run\":\"run-1\"");
        assertThat(codec.decode(codec.encode(List.of(replay)))).isEqualTo(new DecodeResult.Decoded(List.of(replay)));
        assertThat(replay.isReplay()).isTrue();
        assertThat(live.isReplay()).isFalse();
    }

    @Test
    void decode_whenNotJson_returnsUndecodable() {
        assertThat(codec.decode("garbage".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DecodeResult.Undecodable.class);
    }

    @Test
    void decode_whenUnknownVersion_returnsUndecodable() {
        byte[] data = "{\"v\":2,\"events\":[]}".getBytes(StandardCharsets.UTF_8);

        assertThat(codec.decode(data)).isEqualTo(new DecodeResult.Undecodable("unknown record version"));
    }

    @Test
    void decode_whenEventLacksIdentifiers_returnsUndecodable() {
        byte[] data = "{\"v\":1,\"events\":[{\"event_type\":\"click\"}]}".getBytes(StandardCharsets.UTF_8);

        assertThat(codec.decode(data)).isInstanceOf(DecodeResult.Undecodable.class);
    }

    @Test
    void tableNames_whenPrefixed_followSpecNames() {
        assertThat(TableNames.defaults())
                .isEqualTo(new TableNames(
                        "LiveInsight-Events",
                        "LiveInsight-Sessions",
                        "LiveInsight-ActiveSessions",
                        "LiveInsight-Stats",
                        "LiveInsight-Sites"));
    }
}
