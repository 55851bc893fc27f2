package io.liveinsight.processor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.RollupCodec;
import io.liveinsight.event.traffic.PageKey;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.domain.stats.BreakdownKeys;
import io.liveinsight.processor.domain.stats.StatsRules;
import io.liveinsight.processor.domain.stats.Touch;
import io.liveinsight.processor.enrichment.Enrichment;
import io.liveinsight.processor.port.UserAgentParser;
import io.liveinsight.processor.port.UserAgentParser.Client;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsSetupTest {

    private static final UserAgentParser PHONE = userAgent -> new Client("Safari", "iOS", "phone");

    private final StatsRules rules = StatsSetup.rules(ProcessorConfig.fromEnvironment(Map.of()), PHONE);

    @Test
    void pageKey_whenItsCutFallsInsideAnAstralCharacter_keepsWholeCharactersThatCanBeStored() {
        String url = "https://shop.example/" + "a".repeat(178) + "\uD83D\uDE00".repeat(10);

        String key = rules.pages().of(url);

        assertThat(key).isEqualTo("shop.example/" + "a".repeat(178) + "\uD83D\uDE00".repeat(9));
        assertThat(key.codePointCount(0, key.length())).isEqualTo(BreakdownKeys.MAX_CHARS);
        Rollup rollup = new Rollup(Counts.ZERO, Map.of(), Map.of(Dimension.PAGE, Map.of(key, 1L)), null, List.of());
        assertThat(RollupCodec.decode(RollupCodec.encode(rollup))).isEqualTo(rollup);
    }

    @Test
    void touches_whenAReferringHostIsAsLongAsAReferrerMayBe_keepTheSourceTheEnrichmentKeeps() {
        String host = "\uD83D\uDE00".repeat(150) + "a".repeat(1_800) + ".example";

        Touch touch = rules.touches().read("https://" + host + "/", "https://shop.example/", "Mozilla/5.0");

        assertThat(touch.source()).isEqualTo("\uD83D\uDE00".repeat(Enrichment.MAX_SOURCE));
        assertThat(touch.device()).isEqualTo("phone");
        assertThat(touch.browser()).isEqualTo("Safari");
    }

    @Test
    void touches_readAsTheSessionsItemsFirstTouch() {
        String referrer = "https://www.google.co.uk/search?q=shoes";
        String page = "https://shop.example/?utm_campaign=Spring-Sale&utm_medium=cpc";

        Touch touch = rules.touches().read(referrer, page, "Mozilla/5.0");
        Enrichment same = Enrichment.of(referrer, page, "Mozilla/5.0", PHONE);

        assertThat(touch)
                .isEqualTo(new Touch(same.source(), same.channelName(), same.utmCampaign(), "Safari", "iOS", "phone"));
        assertThat(touch.campaign()).isEqualTo("spring-sale");
    }

    @Test
    void pageKey_whenShortOrMissing_isHostAndPathOrNone() {
        assertThat(rules.pages().of("https://www.Shop.example/a/b?q=1#top")).isEqualTo("shop.example/a/b");
        assertThat(rules.pages().of("https://shop.example")).isEqualTo("shop.example/");
        assertThat(rules.pages().of(null)).isEqualTo(PageKey.NONE);
    }
}
