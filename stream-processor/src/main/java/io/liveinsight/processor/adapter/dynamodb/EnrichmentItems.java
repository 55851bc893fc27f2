package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.event.contract.ItemAttributes.BROWSER;
import static io.liveinsight.event.contract.ItemAttributes.CHANNEL;
import static io.liveinsight.event.contract.ItemAttributes.DEVICE;
import static io.liveinsight.event.contract.ItemAttributes.OS;
import static io.liveinsight.event.contract.ItemAttributes.SOURCE;
import static io.liveinsight.event.contract.ItemAttributes.UTM_CAMPAIGN;
import static io.liveinsight.event.contract.ItemAttributes.UTM_MEDIUM;
import static io.liveinsight.event.contract.ItemAttributes.UTM_SOURCE;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.putIfPresent;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.s;

import io.liveinsight.processor.enrichment.Enrichment;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An {@link Enrichment} as attributes (docs/contract/tables.md#events): source and channel always, the campaign's
 * {@code utm_*} when the page URL has them, browser, OS and device unless the parser could not tell.
 */
final class EnrichmentItems {

    private EnrichmentItems() {}

    static void put(Map<String, AttributeValue> item, Enrichment enrichment) {
        item.put(SOURCE, s(enrichment.source()));
        item.put(CHANNEL, s(enrichment.channelName()));
        putIfPresent(item, UTM_SOURCE, enrichment.utmSource());
        putIfPresent(item, UTM_MEDIUM, enrichment.utmMedium());
        putIfPresent(item, UTM_CAMPAIGN, enrichment.utmCampaign());
        if (enrichment.browserKnown()) {
            item.put(BROWSER, s(enrichment.browser()));
        }
        if (enrichment.osKnown()) {
            item.put(OS, s(enrichment.os()));
        }
        if (enrichment.deviceKnown()) {
            item.put(DEVICE, s(enrichment.device()));
        }
    }
}
