package io.liveinsight.event.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrafficSourceTest {

    private static final String PAGE = "https://shop.example.com/p/42";

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(
            nullValues = "null",
            value = {
                "null, direct, DIRECT",
                "'', direct, DIRECT",
                "not a url, direct, DIRECT",
                "javascript:alert(1), direct, DIRECT",
                "https://www.google.com/, google, ORGANIC_SEARCH",
                "https://www.google.co.uk/search?q=x, google, ORGANIC_SEARCH",
                "https://search.yahoo.co.jp/search, yahoo, ORGANIC_SEARCH",
                "https://m.search.naver.com/search.naver?query=x, naver, ORGANIC_SEARCH",
                "https://duckduckgo.com/, duckduckgo, ORGANIC_SEARCH",
                "https://search.brave.com/search?q=x, brave, ORGANIC_SEARCH",
                "https://l.facebook.com/l.php?u=x, facebook, ORGANIC_SOCIAL",
                "https://t.co/abc, twitter, ORGANIC_SOCIAL",
                "https://x.com/someone/status/1, twitter, ORGANIC_SOCIAL",
                "android-app://com.linkedin.android/, linkedin, ORGANIC_SOCIAL",
                "https://mail.google.com/mail/u/0/, mail.google.com, EMAIL",
                "https://shop.example.com/cart, internal, INTERNAL",
                "https://www.shop.example.com/, internal, INTERNAL",
                "https://blog.example.org/post, blog.example.org, REFERRAL",
                "https://www.googleusercontent.example/, googleusercontent.example, REFERRAL",
                "https://google.evil.example.net/, google.evil.example.net, REFERRAL",
                "https://user:pw@www.bing.com:443/search, bing, ORGANIC_SEARCH",
            })
    void referrer_withoutCampaign_isClassifiedByItsHost(String referrer, String source, Channel channel) {
        TrafficSource traffic = TrafficSource.of(referrer, PAGE);

        assertThat(traffic.source()).isEqualTo(source);
        assertThat(traffic.channel()).isEqualTo(channel);
        assertThat(traffic.campaign()).isEqualTo(Campaign.NONE);
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @CsvSource(
            nullValues = "null",
            value = {
                "?utm_source=Google&utm_medium=cpc&utm_campaign=Winter, https://www.google.com/, google, PAID_SEARCH",
                "?utm_source=facebook&utm_medium=paid_social, null, facebook, PAID_SOCIAL",
                "?utm_source=newsletter&utm_medium=email&utm_campaign=dec, null, newsletter, EMAIL",
                "?utm_source=partner&utm_medium=affiliate, null, partner, DISPLAY",
                "?utm_source=partner&utm_medium=cpm, null, partner, DISPLAY",
                "?utm_source=twitter&utm_medium=social, null, twitter, ORGANIC_SOCIAL",
                "?utm_source=podcast, null, podcast, OTHER_CAMPAIGN",
                "?utm_medium=email, https://mail.google.com/, mail.google.com, EMAIL",
                "?gclid=abc123, https://www.google.com/, google, PAID_SEARCH",
                "?msclkid=abc, null, bing, PAID_SEARCH",
                "?fbclid=IwAR0, https://l.facebook.com/, facebook, ORGANIC_SOCIAL",
                "?twclid=abc, null, twitter, PAID_SOCIAL",
            })
    void campaign_inThePageUrl_decides(String query, String referrer, String source, Channel channel) {
        TrafficSource traffic = TrafficSource.of(referrer, PAGE + query);

        assertThat(traffic.source()).isEqualTo(source);
        assertThat(traffic.channel()).isEqualTo(channel);
        assertThat(traffic.campaign().isPresent()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                "https://www.google.com/, Google",
                "https://l.facebook.com/, Facebook",
                "https://t.co/x, Twitter",
                "null, Direct",
                "https://shop.example.com/, Direct",
                "https://duckduckgo.com/, Other",
            })
    void originalBuckets_areTheOriginalDashboardsFive(String referrer, String bucket) {
        assertThat(TrafficSource.of(referrer, PAGE).originalBucket()).isEqualTo(bucket);
    }
}
