package io.liveinsight.dashboard.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * Room left in a JSON array answer: items are taken while the array, as UTF-8 JSON, stays within a byte budget. Lambda
 * answers at most 6 MB, and one item may be tens of kilobytes (an event of 32 KiB, a page URL of 2,048 astral
 * characters), so a count alone cannot keep a list under it. Not thread-safe: one per answer.
 */
final class JsonBudget {

    /** What the original routes' lists may take: a third below Lambda's 6 MB, for headers and the proxy's escaping. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long maxBytes;
    private long used = 2; // "[" and "]"

    JsonBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Takes the room for one more item (and its comma) if there is enough; false, taking nothing, if not. */
    boolean take(Object item) {
        long size = bytes(item) + 1;
        if (used + size > maxBytes) {
            return false;
        }
        used += size;
        return true;
    }

    /** Bytes of the value's JSON as the application sends it (a string, UTF-8 encoded: an emoji is 4 bytes). */
    static long bytes(Object value) {
        try {
            return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + e.getMessage(), e);
        }
    }
}
