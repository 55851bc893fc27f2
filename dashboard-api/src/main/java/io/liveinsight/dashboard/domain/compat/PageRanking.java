package io.liveinsight.dashboard.domain.compat;

import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Rollup;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The original page popularity: page views by page, most viewed first (ties by page), without the rollups' rest. */
public final class PageRanking {

    /** Pages listed at most: each stored item names its 100 most viewed pages (the rest is {@link Rollup#OTHER}). */
    public static final int MAX_PAGES = Rollup.MAX_KEYS;

    /** A page (as {@link Dimension#PAGE} keys it) and its views. */
    public record PageViews(String page, long views) {}

    private static final Comparator<PageViews> MOST_VIEWED_FIRST =
            Comparator.comparingLong(PageViews::views).reversed().thenComparing(PageViews::page);

    private PageRanking() {}

    public static List<PageViews> of(Rollup sum, int limit) {
        return ranked(sum.breakdown(Dimension.PAGE), limit);
    }

    static List<PageViews> ranked(Map<String, Long> counts, int limit) {
        return counts.entrySet().stream()
                .filter(entry -> !entry.getKey().equals(Rollup.OTHER) && entry.getValue() > 0)
                .map(entry -> new PageViews(entry.getKey(), entry.getValue()))
                .sorted(MOST_VIEWED_FIRST)
                .limit(limit)
                .toList();
    }
}
