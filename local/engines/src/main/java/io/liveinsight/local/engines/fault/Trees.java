package io.liveinsight.local.engines.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Typed views of the parts of a body read by {@link WireFormat}; a wrong shape is an {@link IllegalArgumentException}. */
final class Trees {

    private Trees() {}

    /** An object; absent or null reads as a new empty one. */
    static ObjectNode object(JsonNode value) {
        if (isAbsent(value)) {
            return WireFormat.object();
        }
        if (!(value instanceof ObjectNode object)) {
            throw new IllegalArgumentException("expected an object, got " + value);
        }
        return object;
    }

    /** An array; absent or null reads as a new empty one. */
    static ArrayNode array(JsonNode value) {
        if (isAbsent(value)) {
            return WireFormat.object().arrayNode();
        }
        if (!(value instanceof ArrayNode array)) {
            throw new IllegalArgumentException("expected an array, got " + value);
        }
        return array;
    }

    /** A whole number; absent or null reads as 0. */
    static long number(JsonNode value) {
        if (isAbsent(value)) {
            return 0;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException("expected a number, got " + value);
        }
        return value.longValue();
    }

    private static boolean isAbsent(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }
}
