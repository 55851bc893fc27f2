package io.liveinsight.processor.domain.stats;

import java.util.Objects;
import java.util.Set;

/**
 * What the rollups count with: the site every key starts with, the event types that are conversions, how a first
 * touch is read, and the key of a page URL.
 */
public record StatsRules(String site, Set<String> conversionTypes, Touch.Reader touches, PageKey pages) {

    public StatsRules {
        Objects.requireNonNull(site, "site");
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
