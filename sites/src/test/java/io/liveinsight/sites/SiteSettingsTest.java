package io.liveinsight.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.site.SiteLimits;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SiteSettingsTest {

    private static SiteSettings withHosts(String... hosts) {
        return new SiteSettings("Shop", List.of(hosts), SiteLimits.DEFAULTS, Set.of(), "UTC");
    }

    @Test
    void hostnames_areLowerCasedAndKeptOnce_inTheOrderGiven() {
        assertThat(withHosts("Shop.Example", "*.SHOP.example", "shop.example", "localhost", "[::1]")
                        .hostnames())
                .containsExactly("shop.example", "*.shop.example", "localhost", "[::1]");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "https://shop.example",
                "shop.example:8080",
                "shop.example/path",
                "*",
                "*.",
                "**.shop.example",
                "shop.*.example",
                "-shop.example",
                "shop-.example",
                "shop..example",
                "bücher.example",
                "shop.example\n",
                "<script>",
                "shop example",
                "shop~example",
                "shop#example",
                "shop|example",
                "\uD83D\uDE00.example"
            })
    void hostnames_whenNotAHostName_areRefusedNamingIt(String host) {
        assertThatThrownBy(() -> withHosts(host))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hostname");
    }

    @Test
    void hostnames_whenLongerThanAHostName_orTooMany_areRefused() {
        String label = "a".repeat(63);
        String longest = String.join(".", label, label, label, "a".repeat(61)); // 253 characters
        assertThat(withHosts(longest).hostnames()).containsExactly(longest);
        assertThatThrownBy(() -> withHosts(longest + "a")).hasMessageStartingWith("hostname");
        assertThatThrownBy(() -> withHosts("a".repeat(64) + ".example")).hasMessageStartingWith("hostname");
        String[] many = new String[SiteRules.MAX_HOSTNAMES + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = "h" + i + ".example";
        }
        assertThatThrownBy(() -> withHosts(many)).hasMessageContaining("at most 100 hostnames");
    }

    @Test
    void name_takesAnyPrintableTextUpTo100Characters() {
        String astral = "\uD83D\uDE00".repeat(100);
        assertThat(new SiteSettings(astral, List.of(), SiteLimits.DEFAULTS, Set.of(), "UTC").name())
                .isEqualTo(astral);
        assertThat(new SiteSettings("<script>alert(1)</script> ~#|", List.of(), SiteLimits.DEFAULTS, Set.of(), "UTC")
                        .name())
                .isEqualTo("<script>alert(1)</script> ~#|");
        for (String bad : new String[] {"", "   ", astral + "x", "a\u0000b", "line\nbreak", "bell\u0007", "\uD800x"}) {
            assertThatThrownBy(() -> new SiteSettings(bad, List.of(), SiteLimits.DEFAULTS, Set.of(), "UTC"))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("name");
        }
    }

    @Test
    void conversions_areEventTypes_andTimeZonesAreIana() {
        assertThat(new SiteSettings("S", List.of(), SiteLimits.DEFAULTS, Set.of("b:x", "a.y-z_0"), "Asia/Kolkata")
                        .conversions())
                .containsExactly("a.y-z_0", "b:x");
        for (String bad : new String[] {"Purchase", "", "a b", "a".repeat(65), "<script>", "a~b", "a#b", "a|b"}) {
            assertThatThrownBy(() -> new SiteSettings("S", List.of(), SiteLimits.DEFAULTS, Set.of(bad), "UTC"))
                    .as(bad)
                    .hasMessageStartingWith("conversion");
        }
        for (String bad : new String[] {"+01:00", "CET-ish", "europe/berlin", "", "GMT+1"}) {
            assertThatThrownBy(() -> new SiteSettings("S", List.of(), SiteLimits.DEFAULTS, Set.of(), bad))
                    .as(bad)
                    .hasMessageStartingWith("time zone");
        }
    }

    @Test
    void with_changesOnlyWhatTheChangeNames() {
        SiteSettings before = new SiteSettings("S", List.of("a.example"), SiteLimits.DEFAULTS, Set.of("x"), "UTC");

        SiteSettings after = before.with(new SiteChange(
                null, List.of(), new LimitsChange(null, 5, null, null, null, null), null, "Europe/Paris"));

        assertThat(after)
                .isEqualTo(new SiteSettings(
                        "S", List.of(), new SiteLimits(500, 5, 20, 200, 10, 100), Set.of("x"), "Europe/Paris"));
        assertThat(before.with(SiteChange.NONE)).isEqualTo(before);
        assertThat(SiteChange.NONE.isEmpty()).isTrue();
    }
}
