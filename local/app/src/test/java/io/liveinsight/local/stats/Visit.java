package io.liveinsight.local.stats;

import java.util.List;

/**
 * One session (segment) as the reference cuts it: a client session id's events in time order, a new segment after
 * more than 30 minutes without an event.
 *
 * @param id the segment's id: the client's for the first, a derived one for later segments
 * @param events its events, oldest first
 */
record Visit(String id, List<Sent> events) {

    static final List<String> CONVERSIONS = List.of("conversion", "purchase", "signup");

    Sent first() {
        return events.get(0);
    }

    Sent last() {
        return events.get(events.size() - 1);
    }

    long start() {
        return first().time();
    }

    long lastActivity() {
        return last().time();
    }

    boolean bot() {
        return events.stream().anyMatch(Sent::bot);
    }

    long pageViews() {
        return events.stream().filter(Sent::isPageView).count();
    }

    boolean bounced() {
        return pageViews() <= 1;
    }

    boolean converted() {
        return events.stream().anyMatch(e -> CONVERSIONS.contains(e.type()));
    }

    /** The first page view's URL (null when there is none): the entry page, which carries the campaign. */
    String entryPage() {
        return events.stream()
                .filter(Sent::isPageView)
                .map(Sent::pageUrl)
                .findFirst()
                .orElse(null);
    }

    /** The page URL of its latest event that has one. */
    String currentPage() {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).pageUrl() != null) {
                return events.get(i).pageUrl();
            }
        }
        return null;
    }
}
