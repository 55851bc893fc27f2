package io.liveinsight.processor.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.contract.ItemAttributes;
import io.liveinsight.event.traffic.Channel;
import io.liveinsight.processor.Events;
import io.liveinsight.processor.enrichment.Enrichment;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Cites docs/contract/tables.md#events: the enrichment attributes, and which are left out. */
class EnrichmentItemsTest {

    @Test
    void put_whenEverythingIsKnown_storesEveryAttribute() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();

        EnrichmentItems.put(
                item,
                new Enrichment(
                        "newsletter",
                        Channel.EMAIL,
                        "newsletter",
                        "email",
                        "winter",
                        "Chrome",
                        "Windows NT",
                        "desktop"));

        assertThat(item)
                .containsOnlyKeys(ItemAttributes.ENRICHMENT)
                .containsEntry("source", AttributeValue.fromS("newsletter"))
                .containsEntry("channel", AttributeValue.fromS("email"))
                .containsEntry("utm_source", AttributeValue.fromS("newsletter"))
                .containsEntry("utm_medium", AttributeValue.fromS("email"))
                .containsEntry("utm_campaign", AttributeValue.fromS("winter"))
                .containsEntry("browser", AttributeValue.fromS("Chrome"))
                .containsEntry("os", AttributeValue.fromS("Windows NT"))
                .containsEntry("device", AttributeValue.fromS("desktop"));
    }

    @Test
    void put_whenNoCampaignAndAnUnknownClient_storesSourceAndChannelOnly() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();

        EnrichmentItems.put(
                item, new Enrichment("direct", Channel.DIRECT, null, null, null, "Unknown", "Unknown", "unknown"));

        assertThat(item).containsOnlyKeys("source", "channel").containsEntry("channel", AttributeValue.fromS("direct"));
    }

    @Test
    void put_whenOnlySomeNamesAreKnown_leavesOutTheOthers() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();

        EnrichmentItems.put(
                item,
                new Enrichment("google", Channel.PAID_SEARCH, null, "cpc", null, "Netscape", "Unknown", "unknown"));

        assertThat(item).containsOnlyKeys("source", "channel", "utm_medium", "browser");
    }

    @Test
    void eventItem_carriesTheEnrichmentBesideTheFieldsItCameFrom() {
        Map<String, AttributeValue> item = EventItems.toItem(
                Events.pageView("e", "s", 1_000, "https://shop.example.com/<script>?utm_campaign=%3Cb%3E"),
                new Enrichment("ref.example", Channel.REFERRAL, null, null, "<b>", "Hacker", "Hacker", "hacker"));

        assertThat(item.get("referrer").s()).isEqualTo("https://ref.example/");
        assertThat(item.get("source").s()).isEqualTo("ref.example");
        assertThat(item.get("channel").s()).isEqualTo("referral");
        assertThat(item.get("utm_campaign").s()).isEqualTo("<b>");
        assertThat(item.get("device").s()).isEqualTo("hacker");
    }
}
