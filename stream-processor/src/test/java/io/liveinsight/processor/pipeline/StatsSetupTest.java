package io.liveinsight.processor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.RollupCodec;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.domain.stats.BreakdownKeys;
import io.liveinsight.processor.domain.stats.StatsRules;
import io.liveinsight.processor.domain.stats.Touch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsSetupTest {

    @Test
    void pageKey_whenItsCutFallsInsideAnAstralCharacter_keepsWholeCharactersThatCanBeStored() {
        String url = "https://shop.example/" + "a".repeat(178) + "\uD83D\uDE00".repeat(10);

        String key = StatsSetup.pageKey(url);

        assertThat(key).isEqualTo("shop.example/" + "a".repeat(178) + "\uD83D\uDE00".repeat(9));
        assertThat(key.codePointCount(0, key.length())).isEqualTo(BreakdownKeys.MAX_CHARS);
        Rollup rollup = new Rollup(Counts.ZERO, Map.of(), Map.of(Dimension.PAGE, Map.of(key, 1L)), null, List.of());
        assertThat(RollupCodec.decode(RollupCodec.encode(rollup))).isEqualTo(rollup);
    }

    @Test
    void touches_whenAReferringHostIsAsLongAsAReferrerMayBe_keepItsFirst200Characters() {
        String host = "\uD83D\uDE00".repeat(150) + "a".repeat(1_800) + ".example";
        StatsRules rules = StatsSetup.rules(ProcessorConfig.fromEnvironment(Map.of()));

        Touch touch = rules.touches().read("https://" + host + "/", "https://shop.example/", null);

        assertThat(touch.source()).isEqualTo("\uD83D\uDE00".repeat(150) + "a".repeat(50));
    }

    @Test
    void pageKey_whenShortOrMissing_isHostAndPathOrNothing() {
        assertThat(StatsSetup.pageKey("https://www.Shop.example/a/b?q=1#top")).isEqualTo("shop.example/a/b");
        assertThat(StatsSetup.pageKey("https://shop.example")).isEqualTo("shop.example/");
        assertThat(StatsSetup.pageKey(null)).isNull();
    }
}
