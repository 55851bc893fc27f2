package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.n;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.putIfPresent;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.s;

import io.liveinsight.event.Event;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An event as an item of the Events table (docs/contract/tables.md#events: every field, numbers as N, properties as M).
 */
final class EventItems {

    private EventItems() {}

    static Map<String, AttributeValue> toItem(Event event) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("event_id", s(event.eventId()));
        item.put("timestamp", n(event.timestamp()));
        item.put("user_id", s(event.userId()));
        item.put("session_id", s(event.sessionId()));
        item.put("event_type", s(event.eventType()));
        putIfPresent(item, "page_url", event.pageUrl());
        putIfPresent(item, "referrer", event.referrer());
        putIfPresent(item, "user_agent", event.userAgent());
        putIfPresent(item, "element_tag", event.elementTag());
        putIfPresent(item, "element_id", event.elementId());
        putIfPresent(item, "element_class", event.elementClass());
        putIfPresent(item, "element_text", event.elementText());
        putIfPresent(item, "ip", event.ip());
        item.put("properties", AttributeValue.fromM(AttributeValues.map(event.properties())));
        item.put("received_at", n(event.receivedAt()));
        item.put("is_bot", AttributeValue.fromBool(event.isBot()));
        if (event.clockSkew()) {
            item.put("clock_skew", AttributeValue.fromBool(true));
        }
        return item;
    }
}
