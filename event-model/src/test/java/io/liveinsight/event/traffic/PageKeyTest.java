package io.liveinsight.event.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cites docs/contract/events.md#enrichment: the page key. */
class PageKeyTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "null",
            value = {
                "null, (none)",
                "'', (none)",
                "'   ', (none)",
                "https://www.Example.com/Pricing?utm_source=x#top, example.com/Pricing",
                "https://example.com, example.com/",
                "https://example.com/, example.com/",
                "https://example.com?a=1, example.com/",
                "https://example.com#/spa/route, example.com/",
                "http://EXAMPLE.com./a/b/, example.com/a/b/",
                "https://www.example.com:8443/x, example.com/x",
                "https://user:secret@www.example.com/account, example.com/account",
                "https://a@b@example.com/x, example.com/x",
                "http://[2001:DB8::1]:8080/a?b, [2001:db8::1]/a",
                "http://[::1/x, [::1/x",
                "https://www./x, www/x",
                "https://shop.www.example.com/x, shop.www.example.com/x",
                "https://example.com/caf%C3%A9/%zz?q=%, example.com/caf%C3%A9/%zz",
                "https://example.com/café/日本, example.com/café/日本",
                "capacitor://localhost/index.html, localhost/index.html",
                "/pricing?x=1, /pricing",
                "//example.com/x, (none)",
                "javascript:alert(1), (none)",
                "about:blank, (none)",
                "mailto:someone@example.com, (none)",
                "not a url, (none)",
                "https:\\\\example.com\\x, (none)",
                "1http://example.com/, (none)",
                "ht tp://example.com/, (none)",
            })
    void of_anyUrl_isHostAndPathOnly(String url, String key) {
        assertThat(PageKey.of(url)).isEqualTo(key);
    }

    @Test
    void of_scriptInPath_isKeptAsText() {
        assertThat(PageKey.of("https://example.com/<script>alert(1)</script>?x"))
                .isEqualTo("example.com/<script>alert(1)</script>");
    }

    @Test
    void of_tenKilobytes_isCutTo200CharactersWithoutSplittingACharacter() {
        String astral = "\uD83D\uDE00"; // one character, two UTF-16 units
        String key = PageKey.of("https://example.com/" + astral.repeat(5_000));

        assertThat(key.codePointCount(0, key.length())).isEqualTo(PageKey.MAX_CHARS);
        assertThat(key).startsWith("example.com/").endsWith(astral);
        assertThat(Character.isHighSurrogate(key.charAt(key.length() - 1))).isFalse();
    }

    @Test
    void of_longHost_isCutToo() {
        assertThat(PageKey.of("https://" + "a".repeat(10_000) + ".com/x")).hasSize(PageKey.MAX_CHARS);
    }
}
