package io.liveinsight.load.replay.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.UncheckedIOException;

/**
 * The replay's JSON: recorded values pass through unchanged (numbers as written, {@code 1.50} stays {@code 1.50}, a
 * 38-digit property stays 38 digits; strings of any code points), and a body with a duplicate key is refused as the
 * edge refuses it. Thread-safe.
 */
public final class ReplayJson {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private ReplayJson() {}

    /** The JSON text of a value (a node, a list of nodes). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // only trees and records are written: a bug, not bad input
        }
    }

    /** The parsed text, or null when it is not JSON (duplicate keys included); {@link #whyNot} says why. */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Why {@code text} is not JSON, in one short line; null when it is. */
    public static String whyNot(String text) {
        try {
            MAPPER.readTree(text);
            return null;
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            int cut = message.indexOf('\n');
            return "not JSON (" + (cut < 0 ? message : message.substring(0, cut)) + ")";
        }
    }
}
