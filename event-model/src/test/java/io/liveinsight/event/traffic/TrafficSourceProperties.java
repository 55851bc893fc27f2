package io.liveinsight.event.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a client sends as referrer and page URL (any characters, URL-shaped or not), classification answers. */
class TrafficSourceProperties {

    @Property(tries = 3_000)
    void of_anyStrings_neverThrowsAndAlwaysNamesASourceAndChannel(
            @ForAll("urlish") String referrer, @ForAll("urlish") String pageUrl) {
        TrafficSource traffic = TrafficSource.of(referrer, pageUrl);

        assertThat(traffic.source()).isNotBlank();
        assertThat(traffic.channel()).isNotNull();
        assertThat(traffic.originalBucket()).isIn("Google", "Facebook", "Twitter", "Direct", "Other");
        Campaign campaign = traffic.campaign();
        for (String value : new String[] {campaign.source(), campaign.medium(), campaign.name()}) {
            if (value != null) {
                assertThat(value.codePointCount(0, value.length())).isLessThanOrEqualTo(Campaign.MAX_VALUE);
            }
        }
    }

    /** Cites docs/contract/events.md#enrichment: the page key of any string is short, and carries no query. */
    @Property(tries = 3_000)
    void pageKey_anyString_isAtMost200CharactersWithoutQueryOrFragment(@ForAll("urlish") String pageUrl) {
        String key = PageKey.of(pageUrl);

        assertThat(key).isNotEmpty();
        assertThat(key.codePointCount(0, key.length())).isLessThanOrEqualTo(PageKey.MAX_CHARS);
        assertThat(key).doesNotContain("?", "#");
    }

    @Provide
    Arbitrary<String> urlish() {
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> pieces = Arbitraries.of(
                        "https://",
                        "http://",
                        "://",
                        "www.",
                        "google",
                        ".",
                        "co",
                        "uk",
                        "/",
                        "?",
                        "&",
                        "=",
                        "#",
                        "utm_source",
                        "utm_medium",
                        "cpc",
                        "%",
                        "%2",
                        "@",
                        ":",
                        "[",
                        "]",
                        "gclid",
                        "facebook.com")
                .list()
                .ofMaxSize(25)
                .map(list -> String.join("", list));
        return Arbitraries.oneOf(any, pieces, Arbitraries.just(null));
    }
}
