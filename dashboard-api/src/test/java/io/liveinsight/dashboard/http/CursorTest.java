package io.liveinsight.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CursorTest {

    private static final Set<String> STRINGS = Set.of("event_id", "session_id");
    private static final Set<String> NUMBERS = Set.of("timestamp");

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decode_whenEncodedKey_returnsIt() {
        Map<String, Object> key = Map.of("event_id", "e/1 ~", "session_id", "s", "timestamp", 1_800_000_000_123L);

        assertThat(Cursor.decode(Cursor.encode(key), STRINGS, NUMBERS)).contains(key);
        assertThat(Cursor.encode(key)).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void decode_whenMalformedOrForeign_returnsEmpty() {
        assertThat(Cursor.decode("not base64 !", STRINGS, NUMBERS)).isEmpty();
        assertThat(Cursor.decode(b64("[1,2]"), STRINGS, NUMBERS)).isEmpty();
        assertThat(Cursor.decode(b64("{\"event_id\":\"e\",\"session_id\":\"s\"}"), STRINGS, NUMBERS))
                .isEmpty();
        assertThat(Cursor.decode(
                        b64("{\"event_id\":\"e\",\"session_id\":\"s\",\"timestamp\":\"1\"}"), STRINGS, NUMBERS))
                .isEmpty();
        assertThat(Cursor.decode(b64("{\"event_id\":\"e\",\"session_id\":\"s\",\"timestamp\":1.5}"), STRINGS, NUMBERS))
                .isEmpty();
        assertThat(Cursor.decode(
                        b64("{\"event_id\":\"e\",\"session_id\":\"s\",\"timestamp\":1,\"extra\":1}"), STRINGS, NUMBERS))
                .isEmpty();
        assertThat(Cursor.decode("a".repeat(Cursor.MAX_LENGTH + 1), STRINGS, NUMBERS))
                .isEmpty();
        assertThat(Cursor.decode("", STRINGS, NUMBERS)).isEmpty();
    }
}
