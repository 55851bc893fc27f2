package io.liveinsight.processor.domain.stats;

import java.util.Objects;
import java.util.Set;

/**
 * What the rollups count with: the event types that are conversions, how a first touch is read, and the key of a page
 * URL. The site a figure counts under is the event's (docs/contract/sites.md#isolation). The conversions are the
 * deployment's, for every site alike: the registry's per-site {@code conversions} are not read by the consumer yet.
 */
public record StatsRules(Set<String> conversionTypes, Touch.Reader touches, PageKey pages) {

    public StatsRules {
        conversionTypes = Set.copyOf(conversionTypes);
        Objects.requireNonNull(touches, "touches");
        Objects.requireNonNull(pages, "pages");
    }

    /** The breakdown key of a page URL (host and path). */
    @FunctionalInterface
    public interface PageKey {
        String of(String pageUrl);
    }
}
