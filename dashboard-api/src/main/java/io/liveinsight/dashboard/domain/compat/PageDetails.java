package io.liveinsight.dashboard.domain.compat;

import io.liveinsight.event.Event;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.RecentEvent;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One page's views over a window of HOUR items: the total and its hour-of-day distribution from the items' page
 * breakdowns, and the latest page views of it among the items' latest events.
 *
 * @param page as {@link Dimension#PAGE} keys it
 */
public record PageDetails(String page, long totalViews, List<RecentEvent> recent, Map<String, Long> distribution) {

    /** Latest page views listed, as the original. */
    public static final int RECENT = 10;

    /**
     * The page key a {@code page} parameter names: a page key as given, or, for a URL with an {@code http} or
     * {@code https} scheme, the URL without its scheme, query and fragment ({@code https://example.com/a?b=1} ->
     * {@code example.com/a}), as the original dashboard's scripts passed whole URLs.
     */
    public static String key(String page) {
        String lower = page.toLowerCase(Locale.ROOT);
        int scheme = lower.startsWith("https://") ? 8 : lower.startsWith("http://") ? 7 : -1;
        if (scheme < 0) {
            return page;
        }
        String rest = page.substring(scheme);
        for (char end : new char[] {'?', '#'}) {
            int at = rest.indexOf(end);
            if (at >= 0) {
                rest = rest.substring(0, at);
            }
        }
        return rest;
    }

    public static PageDetails of(String page, List<StatsKey> hourKeys, Map<StatsKey, Rollup> items, ZoneId zone) {
        Map<String, Long> distribution = Details.byHourOfDay(
                hourKeys, items, zone, item -> item.breakdown(Dimension.PAGE).getOrDefault(page, 0L));
        long total = distribution.values().stream().mapToLong(Long::longValue).sum();
        List<RecentEvent> recent = Details.recent(
                hourKeys.stream()
                        .map(key -> items.getOrDefault(key, Rollup.EMPTY))
                        .toList(),
                event -> event.eventType().equals(Event.PAGE_VIEW)
                        && event.page().equals(page),
                RECENT);
        return new PageDetails(page, total, recent, distribution);
    }
}
