package io.liveinsight.processor.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.Event;
import io.liveinsight.event.traffic.Channel;
import io.liveinsight.processor.Events;
import io.liveinsight.processor.domain.SessionAggregate;
import io.liveinsight.processor.port.UserAgentParser;
import io.liveinsight.processor.port.UserAgentParser.Client;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cites docs/contract/events.md#enrichment. Pure: the parser is a fake that names what it was given. */
class EnrichmentTest {

    private static final Client CHROME = new Client("Chrome", "Windows NT", "desktop");

    private final List<String> parsed = new ArrayList<>();
    private final UserAgentParser parser = userAgent -> {
        parsed.add(userAgent);
        return userAgent == null ? Client.UNKNOWN : CHROME;
    };

    @Test
    void of_event_readsItsReferrerPageUrlAndUserAgent() {
        Event event = event(
                "https://www.google.com/search?q=x",
                "https://shop.example.com/p/42?utm_source=Newsletter&utm_medium=email&utm_campaign=Winter%20Sale",
                "Mozilla/5.0 (Windows NT 10.0)");

        Enrichment enrichment = Enrichment.of(event, parser);

        assertThat(enrichment)
                .isEqualTo(new Enrichment(
                        "newsletter",
                        Channel.EMAIL,
                        "newsletter",
                        "email",
                        "winter sale",
                        "Chrome",
                        "Windows NT",
                        "desktop"));
        assertThat(enrichment.channelName()).isEqualTo("email");
        assertThat(parsed).containsExactly("Mozilla/5.0 (Windows NT 10.0)");
    }

    @Test
    void of_eventWithoutReferrerCampaignOrUserAgent_isDirectAndUnknown() {
        Enrichment enrichment = Enrichment.of(event(null, "https://shop.example.com/", null), parser);

        assertThat(enrichment.source()).isEqualTo("direct");
        assertThat(enrichment.channel()).isEqualTo(Channel.DIRECT);
        assertThat(enrichment.channelName()).isEqualTo("direct");
        assertThat(enrichment.utmSource()).isNull();
        assertThat(enrichment.utmMedium()).isNull();
        assertThat(enrichment.utmCampaign()).isNull();
        assertThat(enrichment.browserKnown()).isFalse();
        assertThat(enrichment.osKnown()).isFalse();
        assertThat(enrichment.deviceKnown()).isFalse();
        assertThat(List.of(enrichment.browser(), enrichment.os(), enrichment.device()))
                .containsExactly("Unknown", "Unknown", "unknown");
    }

    @Test
    void of_referrerOnTheSameSite_isInternal() {
        Enrichment enrichment =
                Enrichment.of(event("https://shop.example.com/cart", "https://www.shop.example.com/p/1", "x"), parser);

        assertThat(enrichment.source()).isEqualTo("internal");
        assertThat(enrichment.channelName()).isEqualTo("internal");
        assertThat(enrichment.browserKnown()).isTrue();
    }

    @Test
    void of_hostileStrings_neverFailAndKeepTheSourceShort() {
        String longHost = "https://" + "a".repeat(5_000) + ".example/";
        for (String referrer : List.of(
                longHost,
                "https://<script>alert(1)</script>/",
                "javascript:alert(1)",
                "https://[::1]:80/",
                "https://user:pw@evil.example/",
                "\uD83D\uDE00://\uD83D\uDE00",
                "https://~ # |/")) {
            Enrichment enrichment = Enrichment.of(
                    event(
                            referrer,
                            "https://shop.example.com/?utm_campaign=%3Cscript%3E&utm_source=" + "x".repeat(500),
                            "<script>"),
                    parser);

            assertThat(enrichment.source().codePointCount(0, enrichment.source().length()))
                    .isLessThanOrEqualTo(Enrichment.MAX_SOURCE);
            assertThat(enrichment.utmCampaign()).isEqualTo("<script>");
            assertThat(enrichment.utmSource()).hasSize(100);
        }
        Enrichment fromLongHost = Enrichment.of(event(longHost, "https://shop.example.com/", null), parser);
        assertThat(fromLongHost.source()).hasSize(Enrichment.MAX_SOURCE).startsWith("aaa");
        assertThat(fromLongHost.channel()).isEqualTo(Channel.REFERRAL);
    }

    @Test
    void of_whenTheParserBreaksItsPromise_isUnknownRatherThanFailing() {
        Enrichment nothing = Enrichment.of(event(null, null, "x"), userAgent -> null);
        Enrichment nulls = Enrichment.of(event(null, null, "x"), userAgent -> new Client(null, "Linux", null));

        assertThat(nothing.browserKnown() || nothing.osKnown() || nothing.deviceKnown())
                .isFalse();
        assertThat(List.of(nulls.browser(), nulls.os(), nulls.device())).containsExactly("Unknown", "Linux", "unknown");
    }

    @Test
    void firstTouch_isTheSegmentsFirstReferrerAndUserAgentAndItsEntryPage() {
        Event heartbeat = Events.from(
                "b", "s", "heartbeat", 1_000, "https://shop.example.com/", "https://www.bing.com/", "first agent");
        Event landing = Events.from(
                "a",
                "s",
                "page_view",
                2_000,
                "https://shop.example.com/landing?utm_source=ads&utm_medium=cpc",
                "https://www.bing.com/",
                "first agent");
        Event later = Events.from(
                "c",
                "s",
                "page_view",
                3_000,
                "https://shop.example.com/cart",
                "https://shop.example.com/landing",
                "later agent");
        SessionAggregate segment = SessionAggregate.of("s", later)
                .merge(SessionAggregate.of("s", heartbeat))
                .merge(SessionAggregate.of("s", landing));

        Enrichment enrichment = Enrichment.firstTouch(segment, parser);

        assertThat(enrichment.source()).isEqualTo("ads");
        assertThat(enrichment.channel()).isEqualTo(Channel.PAID_SEARCH);
        assertThat(parsed).containsExactly("first agent");
    }

    @Test
    void pageKey_isHostAndPath() {
        assertThat(Enrichment.pageKey("https://www.Example.com/Pricing?utm_source=x#top"))
                .isEqualTo("example.com/Pricing");
        assertThat(Enrichment.pageKey(null)).isEqualTo("(none)");
    }

    private static Event event(String referrer, String pageUrl, String userAgent) {
        return Events.from("e", "s", "page_view", 1_000, pageUrl, referrer, userAgent);
    }
}
