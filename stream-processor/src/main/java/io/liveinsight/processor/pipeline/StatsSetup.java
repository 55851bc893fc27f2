package io.liveinsight.processor.pipeline;

import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.domain.stats.StatsRules;
import io.liveinsight.processor.domain.stats.Touch;
import io.liveinsight.processor.enrichment.Enrichment;
import io.liveinsight.processor.port.UserAgentParser;

/**
 * How the rollups count, from the configuration: a first touch read exactly as the Sessions item's (the same
 * {@link Enrichment}), pages keyed as event-model's {@code PageKey} says.
 */
final class StatsSetup {

    private StatsSetup() {}

    static StatsRules rules(ProcessorConfig config, UserAgentParser parser) {
        Touch.Reader touches = (referrer, pageUrl, userAgent) -> {
            Enrichment enrichment = Enrichment.of(referrer, pageUrl, userAgent, parser);
            return new Touch(
                    enrichment.source(),
                    enrichment.channelName(),
                    enrichment.utmCampaign(),
                    enrichment.browser(),
                    enrichment.os(),
                    enrichment.device());
        };
        return new StatsRules(config.conversionTypes(), touches, Enrichment::pageKey);
    }
}
