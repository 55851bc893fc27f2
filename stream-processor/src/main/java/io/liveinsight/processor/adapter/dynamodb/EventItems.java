package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.event.contract.ItemAttributes.CLOCK_SKEW;
import static io.liveinsight.event.contract.ItemAttributes.ELEMENT_CLASS;
import static io.liveinsight.event.contract.ItemAttributes.ELEMENT_ID;
import static io.liveinsight.event.contract.ItemAttributes.ELEMENT_TAG;
import static io.liveinsight.event.contract.ItemAttributes.ELEMENT_TEXT;
import static io.liveinsight.event.contract.ItemAttributes.EVENT_ID;
import static io.liveinsight.event.contract.ItemAttributes.EVENT_TYPE;
import static io.liveinsight.event.contract.ItemAttributes.IP;
import static io.liveinsight.event.contract.ItemAttributes.IS_BOT;
import static io.liveinsight.event.contract.ItemAttributes.PAGE_URL;
import static io.liveinsight.event.contract.ItemAttributes.PROPERTIES;
import static io.liveinsight.event.contract.ItemAttributes.RECEIVED_AT;
import static io.liveinsight.event.contract.ItemAttributes.REFERRER;
import static io.liveinsight.event.contract.ItemAttributes.REPLAY_RUN;
import static io.liveinsight.event.contract.ItemAttributes.SESSION_ID;
import static io.liveinsight.event.contract.ItemAttributes.SITE;
import static io.liveinsight.event.contract.ItemAttributes.TIMESTAMP;
import static io.liveinsight.event.contract.ItemAttributes.USER_AGENT;
import static io.liveinsight.event.contract.ItemAttributes.USER_ID;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.n;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.putIfPresent;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.s;

import io.liveinsight.event.Event;
import io.liveinsight.event.site.SiteScope;
import io.liveinsight.processor.enrichment.Enrichment;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An event as an item of the Events table (docs/contract/tables.md#events: every field, numbers as N, properties as M),
 * with its enrichment (docs/contract/events.md#enrichment). Its keys are its site's (docs/contract/sites.md#isolation):
 * {@code event_id} is {@link #key}, {@code session_id} and {@code user_id} are scoped, so the table and both indexes
 * keep two sites with the same ids apart; {@code site} is on every item, the default site's too.
 */
final class EventItems {

    private EventItems() {}

    static Map<String, AttributeValue> toItem(Event event, Enrichment enrichment) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(EVENT_ID, s(key(event)));
        item.put(TIMESTAMP, n(event.timestamp()));
        item.put(USER_ID, s(SiteScope.userKey(event.site(), event.userId())));
        item.put(SESSION_ID, s(SiteScope.sessionKey(event.site(), event.sessionId())));
        item.put(EVENT_TYPE, s(event.eventType()));
        putIfPresent(item, PAGE_URL, event.pageUrl());
        putIfPresent(item, REFERRER, event.referrer());
        putIfPresent(item, USER_AGENT, event.userAgent());
        EnrichmentItems.put(item, enrichment);
        putIfPresent(item, ELEMENT_TAG, event.elementTag());
        putIfPresent(item, ELEMENT_ID, event.elementId());
        putIfPresent(item, ELEMENT_CLASS, event.elementClass());
        putIfPresent(item, ELEMENT_TEXT, event.elementText());
        putIfPresent(item, IP, event.ip());
        item.put(PROPERTIES, AttributeValue.fromM(AttributeValues.map(event.properties())));
        item.put(RECEIVED_AT, n(event.receivedAt()));
        item.put(IS_BOT, AttributeValue.fromBool(event.isBot()));
        if (event.clockSkew()) {
            item.put(CLOCK_SKEW, AttributeValue.fromBool(true));
        }
        putIfPresent(item, REPLAY_RUN, event.replayRun());
        item.put(SITE, s(event.siteOrDefault()));
        return item;
    }

    /** The event's {@code event_id} key: its id for the default site, {@code <site>~<id>} for another. */
    static String key(Event event) {
        return SiteScope.eventKey(event.site(), event.eventId());
    }
}
