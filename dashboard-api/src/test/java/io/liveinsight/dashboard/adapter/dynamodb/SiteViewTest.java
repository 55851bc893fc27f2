package io.liveinsight.dashboard.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.SessionIds;
import io.liveinsight.event.site.SiteScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One site's view of the keys (docs/contract/sites.md#isolation): the client's ids in, the site's keys out, and back. */
class SiteViewTest {

    /** Ids a client may send: astral, the separators, markup, a later segment's derived id, a replayed id. */
    private static final List<String> IDS = List.of(
            "a",
            "😀~#|<script>alert(1)</script>",
            "x".repeat(128),
            SessionIds.segmentId("sess~1", 3),
            "r~run-1~abc",
            "default~x");

    private final SiteView shop = new SiteView("shop");

    @Test
    void keys_ofASite_areSiteScopesKeys_andComeBackAsTheClientsIds() {
        for (String id : IDS) {
            assertThat(shop.sessionKey(id)).isEqualTo(SiteScope.sessionKey("shop", id));
            assertThat(shop.userKey(id)).isEqualTo(SiteScope.userKey("shop", id));
            assertThat(shop.clientId(shop.sessionKey(id))).isEqualTo(id);
            assertThat(shop.clientId(shop.userKey(id))).isEqualTo(id);
            assertThat(shop.clientEventId(shop.eventKey(id.replace("~", "")))).isEqualTo(id.replace("~", ""));
        }
    }

    @Test
    void keys_ofTheDefaultSite_areTheIdsThemselves() {
        for (String id : IDS) {
            assertThat(SiteView.DEFAULT.sessionKey(id)).isEqualTo(id);
            assertThat(SiteView.DEFAULT.clientId(id)).isEqualTo(id);
            assertThat(SiteView.DEFAULT.clientEventId(id)).isEqualTo(id);
        }
    }

    @Test
    void clientId_ofAnotherSitesKey_isLeftAsItIs_notTakenForThisSites() {
        assertThat(shop.clientId("s~blog~a")).isEqualTo("s~blog~a");
        assertThat(shop.clientId("s~shopping~a")).isEqualTo("s~shopping~a");
        assertThat(shop.clientEventId("blog~e1")).isEqualTo("blog~e1");
    }

    @Test
    void toClient_andToStored_areInverse_onPageKeysAndItems() {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("event_id", "shop~e-1");
        stored.put("timestamp", 1_800_000_000_000L);
        stored.put("session_id", "s~shop~" + IDS.get(1));
        stored.put("user_id", "s~shop~u-😀");
        Map<String, Object> client = shop.toClient(stored);

        assertThat(client)
                .containsEntry("event_id", "e-1")
                .containsEntry("session_id", IDS.get(1))
                .containsEntry("user_id", "u-😀")
                .containsEntry("timestamp", 1_800_000_000_000L);
        assertThat(shop.toStored(client)).isEqualTo(stored);
        assertThat(SiteView.DEFAULT.toClient(stored)).isSameAs(stored);
    }

    @Test
    void owns_isTheSiteAttribute_anItemWithoutOneBeingTheDefaultSites() {
        Map<String, AttributeValue> none = Map.of("session_id", AttributeValue.fromS("a"));
        Map<String, AttributeValue> shops = Map.of("site", AttributeValue.fromS("shop"));
        Map<String, AttributeValue> defaults = Map.of("site", AttributeValue.fromS("default"));

        assertThat(shop.owns(shops)).isTrue();
        assertThat(shop.owns(none)).isFalse();
        assertThat(shop.owns(defaults)).isFalse();
        assertThat(SiteView.DEFAULT.owns(none)).isTrue();
        assertThat(SiteView.DEFAULT.owns(defaults)).isTrue();
        assertThat(SiteView.DEFAULT.owns(shops)).isFalse();
        assertThat(shop.ownsJson(Map.of("site", "shop"))).isTrue();
        assertThat(shop.ownsJson(Map.of())).isFalse();
        assertThat(SiteView.DEFAULT.ownsJson(Map.of())).isTrue();
    }

    @Test
    void aSiteView_ofNoSiteId_cannotBeMade() {
        for (String bad : new String[] {"", "Shop", "shop~x", "shop#h", "-shop", "a".repeat(33)}) {
            assertThatThrownBy(() -> new SiteView(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
