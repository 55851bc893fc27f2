package io.liveinsight.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event as a client sent it, after validation: every value within the rules of docs/contract/events.md#fields,
 * absent fields null (the edge mints or defaults them), unknown top-level keys already moved into {@code properties}.
 *
 * @param timestamp client epoch milliseconds, saturated to the {@code long} range; null when not sent
 */
public record ClientEvent(
        String eventId,
        String userId,
        String sessionId,
        String eventType,
        Long timestamp,
        String pageUrl,
        String referrer,
        String userAgent,
        Map<String, Object> properties,
        String elementTag,
        String elementId,
        String elementClass,
        String elementText) {

    public ClientEvent {
        // Property values may be null (docs/contract/events.md#properties allows it), so Map.copyOf is not an option.
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
