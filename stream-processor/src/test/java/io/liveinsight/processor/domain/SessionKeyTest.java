package io.liveinsight.processor.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.SessionIds;
import io.liveinsight.processor.Events;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/contract/sites.md#isolation: a site's client session and the keys it is stored under. */
class SessionKeyTest {

    private static final List<String> SITES = List.of("default", "shop-2", "9-" + "z".repeat(30), "a");
    /** Client ids as the contract allows them: {@code ~ # |}, astral, markup, the longest, one ending in {@code ~}. */
    private static final List<String> IDS = List.of(
            "s",
            "a~1",
            "1~x~~",
            "#|~",
            "<script>alert(1)</script>",
            "\uD83D\uDE00".repeat(128),
            "x".repeat(127) + "~",
            "x".repeat(100));

    @Test
    void parse_ofValue_givesTheSessionBack_forEverySiteAndId() {
        for (String site : SITES) {
            for (String id : IDS) {
                SessionKey key = new SessionKey(site, id);

                assertThat(SessionKey.parse(key.value())).as(key.value()).isEqualTo(key);
            }
        }
    }

    @Test
    void value_ofTheDefaultSite_isTheClientsId_andAnotherSitesIsScoped() {
        assertThat(new SessionKey("default", "a~1").value()).isEqualTo("a~1");
        assertThat(new SessionKey("shop-2", "a~1").value()).isEqualTo("s~shop-2~a~1");
        assertThat(SessionKey.of(Events.pageView("e", "a~1", 1, "/"))).isEqualTo(new SessionKey("default", "a~1"));
        assertThat(SessionKey.of(Events.pageView("e", "a~1", 1, "/").withSite("shop-2"))
                        .value())
                .isEqualTo("s~shop-2~a~1");
    }

    /**
     * Every segment key of every session of every site is distinct: derived ids are derived from the client's id and
     * scoped after, so a short id's derived key never equals another client id's scoped key.
     */
    @Test
    void segmentKey_ofSessionsOfAnySite_neverMeets() {
        Set<String> keys = new HashSet<>();
        int count = 0;
        for (String site : SITES) {
            for (String id : IDS) {
                SessionKey key = new SessionKey(site, id);
                for (int ordinal = 0; ordinal < 3; ordinal++) {
                    keys.add(key.segmentKey(ordinal));
                    count++;
                }
                assertThat(key.segmentKey(0)).isEqualTo(key.value());
                assertThat(key.segmentKey(2)).endsWith(SessionIds.segmentId(id, 2));
            }
        }
        // The client id whose key scoping before deriving would have given segment 1 of "x" * 100 as well: 120
        // characters, which a client may send.
        String lookalike =
                SessionIds.segmentId("s~shop-2~" + "x".repeat(100), 1).substring("s~shop-2~".length());
        assertThat(lookalike).hasSizeLessThanOrEqualTo(128);
        assertThat(new SessionKey("shop-2", lookalike).value())
                .isEqualTo(SessionIds.segmentId("s~shop-2~" + "x".repeat(100), 1))
                .isNotEqualTo(new SessionKey("shop-2", "x".repeat(100)).segmentKey(1));
        keys.add(new SessionKey("shop-2", lookalike).value());
        assertThat(keys).hasSize(count + 1);
    }

    @Test
    void new_whenTheSiteIsNoSiteId_refusesIt() {
        for (String site : List.of("", "Shop", "s~x", "a#b", "-a", "x".repeat(33))) {
            assertThatThrownBy(() -> new SessionKey(site, "s")).as(site).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
