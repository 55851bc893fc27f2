package io.liveinsight.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The host a site check compares (docs/contract/sites.md#at-the-edge), from pages and origins as hostile as sent. */
class UrlHostTest {

    @ParameterizedTest
    @CsvSource({
        "https://shop.example/cart?x=1#top, shop.example",
        "HTTP://Shop.Example:8080, shop.example:8080",
        "https://user:pw@shop.example/, shop.example",
        "https://shop.example@evil.example/, evil.example",
        "https://evil.example\\@shop.example/, evil.example",
        "https://evil.example?@shop.example/, evil.example",
        "https://evil.example#@shop.example/, evil.example",
        "https://[2001:db8::1]:443/p, [2001:db8::1]:443",
        "https://😀.example/𝄞, 😀.example",
        " https://shop.example, shop.example"
    })
    void of_readsTheHostAfterUserInfo_upToTheFirstSeparator(String url, String host) {
        assertThat(UrlHost.of(url)).isEqualTo(host);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "/relative/path",
                "shop.example/cart",
                "javascript://shop.example/%0aalert(1)",
                "ftp://shop.example/",
                "https://",
                "https:///path",
                "https://user@/",
                "null",
                "<script>alert(1)</script>"
            })
    void of_whenNoAbsoluteHttpUrl_isNull(String url) {
        assertThat(UrlHost.of(url)).isNull();
    }
}
