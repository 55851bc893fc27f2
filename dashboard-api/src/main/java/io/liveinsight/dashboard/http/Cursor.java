package io.liveinsight.dashboard.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An opaque page cursor: where the previous page stopped, as a small key of string and integer attributes (a
 * DynamoDB LastEvaluatedKey, or the sort position in the active-sessions list), JSON in unpadded base64url. Clients
 * pass it back unchanged; {@link #decode} accepts only the exact key a route expects, so a forged or stale cursor is a
 * 400, never a DynamoDB error.
 */
public final class Cursor {

    public static final int MAX_LENGTH = 2048;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Cursor() {}

    /** @param key attribute name to String or Long value */
    public static String encode(Map<String, Object> key) {
        ObjectNode node = JSON.createObjectNode();
        key.forEach((name, value) -> {
            if (value instanceof Long number) {
                node.put(name, number);
            } else if (value instanceof Integer number) {
                node.put(name, number.longValue());
            } else if (value instanceof String text) {
                node.put(name, text);
            } else {
                throw new IllegalArgumentException("cursor values are strings or integers: " + name);
            }
        });
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key inside a cursor, if it is well formed and has exactly the expected attributes: {@code strings} with
     * text values and {@code numbers} with integer values.
     */
    public static Optional<Map<String, Object>> decode(String cursor, Set<String> strings, Set<String> numbers) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject() || node.size() != strings.size() + numbers.size()) {
            return Optional.empty();
        }
        Map<String, Object> key = new LinkedHashMap<>();
        for (String name : strings) {
            JsonNode value = node.get(name);
            if (value == null || !value.isTextual()) {
                return Optional.empty();
            }
            key.put(name, value.asText());
        }
        for (String name : numbers) {
            JsonNode value = node.get(name);
            if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
                return Optional.empty();
            }
            key.put(name, value.asLong());
        }
        return Optional.of(key);
    }
}
