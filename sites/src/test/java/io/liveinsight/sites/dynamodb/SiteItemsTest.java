package io.liveinsight.sites.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.contract.ItemAttributes;
import io.liveinsight.event.site.Site;
import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.event.site.SiteLimits;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The codec of docs/contract/sites.md#registry: attribute names from ItemAttributes, limits as a map. */
class SiteItemsTest {

    private final Site site = new Site(
            "shop",
            "Shop \uD83D\uDE00 <b>",
            List.of("shop.example", "*.shop.example"),
            SiteKeys.newKey(SiteKeys.Kind.WRITE),
            SiteKeys.sha256("server"),
            SiteKeys.sha256("read"),
            false,
            new SiteLimits(1, 2, 3, 4, 5, 6),
            Set.of("signup", "purchase"),
            "Europe/Berlin");

    @Test
    void siteItem_roundTrips_withTheContractsAttributeNames() {
        Map<String, AttributeValue> item = SiteItems.siteItem(site, 10, 20);

        assertThat(item.keySet()).isSubsetOf(ItemAttributes.SITES);
        assertThat(item.get("pk").s()).isEqualTo("site#shop");
        assertThat(item.get(ItemAttributes.STATUS).s()).isEqualTo("disabled");
        assertThat(item.get(ItemAttributes.CONVERSIONS).l())
                .extracting(AttributeValue::s)
                .containsExactly("purchase", "signup");
        assertThat(item.get(ItemAttributes.LIMITS).m())
                .containsOnlyKeys(
                        "site_events_per_s",
                        "site_burst",
                        "client_events_per_s",
                        "client_burst",
                        "session_events_per_s",
                        "session_burst")
                .containsEntry("session_burst", AttributeValue.fromN("6"));
        assertThat(SiteItems.site(item)).isEqualTo(new StoredSite(site, 10, 20));
    }

    @Test
    void siteItem_whenLimitsMissingOrAStatusUnknown_readsDefaultsAndDisabled() {
        Map<String, AttributeValue> item = new HashMap<>(SiteItems.siteItem(site.withActive(true), 10, 20));
        item.remove(ItemAttributes.LIMITS);
        item.put(ItemAttributes.STATUS, AttributeValue.fromS("ACTIVE"));

        Site read = SiteItems.site(item).site();

        assertThat(read.limits()).isEqualTo(SiteLimits.DEFAULTS);
        assertThat(read.active()).isFalse();
    }

    @Test
    void keyItem_holdsTheSiteAndKindOnly() {
        Map<String, AttributeValue> item = SiteItems.keyItem("ab12", "shop", SiteKeys.Kind.SERVER, 7);

        assertThat(item).containsOnlyKeys("pk", "site_id", "kind", "created_at");
        assertThat(item.get("pk").s()).isEqualTo("key#ab12");
        assertThat(item.get("kind").s()).isEqualTo("server");
    }
}
