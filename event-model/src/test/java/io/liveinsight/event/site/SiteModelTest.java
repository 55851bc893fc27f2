package io.liveinsight.event.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/contract/sites.md: site ids, keys, the hostnames a write key is good for, and the scoped keys. */
class SiteModelTest {

    @Test
    void siteId_takesLowerCaseLettersDigitsAndDashesUpTo32() {
        assertThat(SiteId.error("shop-1")).isNull();
        assertThat(SiteId.error("a".repeat(32))).isNull();
        for (String bad : List.of("", "-shop", "Shop", "shop~x", "shop#1", "a".repeat(33), "sh op", "\u00e9")) {
            assertThat(SiteId.error(bad))
                    .as(bad)
                    .isEqualTo("must be 1-32 characters of a-z 0-9 -, not starting with -");
        }
        assertThat(SiteId.orDefault(null)).isEqualTo("default");
        assertThatThrownBy(() -> SiteId.require("x#y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keys_tellTheirKindByShapeAndAreFoundByTheirDigest() {
        Random random = new Random(7);
        for (SiteKeys.Kind kind : SiteKeys.Kind.values()) {
            String key = SiteKeys.newKey(kind, random);
            assertThat(key).startsWith(kind.prefix()).matches("[a-z_]+[a-z2-7]+");
            assertThat(SiteKeys.kind(key)).isEqualTo(kind);
            assertThat(SiteKeys.kind(key + "a")).isNull();
            assertThat(SiteKeys.kind(key.substring(0, key.length() - 1) + "1")).isNull();
            assertThat(SiteKeys.Kind.ofStoredName(kind.storedName())).isEqualTo(kind);
        }
        assertThat(SiteKeys.newKey(SiteKeys.Kind.WRITE)).hasSize(7 + 26);
        assertThat(SiteKeys.newKey(SiteKeys.Kind.SERVER)).isNotEqualTo(SiteKeys.newKey(SiteKeys.Kind.SERVER));
        assertThat(SiteKeys.kind(null)).isNull();
        assertThat(SiteKeys.kind("li_pub_")).isNull();
        assertThat(SiteKeys.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(SiteKeys.sameDigest(SiteKeys.sha256("a"), SiteKeys.sha256("a")))
                .isTrue();
        assertThat(SiteKeys.sameDigest(SiteKeys.sha256("a"), SiteKeys.sha256("b")))
                .isFalse();
        assertThat(SiteKeys.sameDigest(null, SiteKeys.sha256("b"))).isFalse();
    }

    @Test
    void allowsHost_matchesExactHostsAndSubdomainsOfAWildcard_ignoringCaseAndPort() {
        Site site = site(List.of("Shop.Example", "*.blog.example"));

        assertThat(site.allowsHost("shop.example")).isTrue();
        assertThat(site.allowsHost("SHOP.example:8443")).isTrue();
        assertThat(site.allowsHost("a.blog.example")).isTrue();
        assertThat(site.allowsHost("a.b.blog.example")).isTrue();
        assertThat(site.allowsHost("blog.example")).isFalse();
        assertThat(site.allowsHost("evilblog.example")).isFalse();
        assertThat(site.allowsHost("shop.example.evil")).isFalse();
        assertThat(site.allowsHost("www.shop.example")).isFalse();
        assertThat(site.allowsHost("")).isFalse();
        assertThat(site.allowsHost(null)).isFalse();
        assertThat(site.withActive(false).active()).isFalse();
    }

    @Test
    void scope_keepsTheDefaultSitesKeysAndPrefixesEveryOtherSite() {
        assertThat(SiteScope.sessionKey(null, "s1")).isEqualTo("s1");
        assertThat(SiteScope.sessionKey("default", "s1")).isEqualTo("s1");
        assertThat(SiteScope.sessionKey("shop", "s1~1~")).isEqualTo("s~shop~s1~1~");
        assertThat(SiteScope.userKey("shop", "u")).isEqualTo("s~shop~u");
        assertThat(SiteScope.eventKey("shop", "e-1")).isEqualTo("shop~e-1");
        assertThat(SiteScope.eventKey("default", "e-1")).isEqualTo("e-1");

        String hostile = "\uD83D\uDE00~#|s~x";
        String key = SiteScope.sessionKey("shop", hostile);
        assertThat(SiteScope.siteOf(key)).isEqualTo("shop");
        assertThat(SiteScope.clientId(key)).isEqualTo(hostile);
        assertThat(SiteScope.siteOf(hostile)).isEqualTo("default");
        assertThat(SiteScope.clientId(hostile)).isEqualTo(hostile);
        assertThat(SiteScope.clientEventId(SiteScope.eventKey("shop", "e-1"))).isEqualTo("e-1");
        assertThatThrownBy(() -> SiteScope.sessionKey("a~b", "c")) // so "a"'s "b~c" is never "a~b"'s "c"
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limits_refuseNonPositiveRates() {
        assertThat(SiteLimits.DEFAULTS.siteEventsPerSecond()).isEqualTo(500);
        assertThatThrownBy(() -> new SiteLimits(0, 1, 1, 1, 1, 1))
                .hasMessage("site_events_per_s must be at least 1 (is 0)");
    }

    private static Site site(List<String> hosts) {
        return new Site("shop", "Shop", hosts, "li_pub_x", "00", "00", true, SiteLimits.DEFAULTS, Set.of(), "UTC");
    }
}
