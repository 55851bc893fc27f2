package io.liveinsight.event.stats;

/**
 * The breakdowns a rollup keeps, each a map from a key to a count, the largest {@link Rollup#MAX_KEYS} kept by name
 * and the rest summed under {@link Rollup#OTHER}. Event breakdowns count events; session breakdowns count sessions by
 * their first touch (the first event of the session: its referrer, page URL and user agent).
 */
public enum Dimension {
    /** Page views by page (scheme-less host and path, no query: {@code example.com/pricing}). */
    PAGE("page"),
    /** Events by event type. */
    EVENT_TYPE("type"),
    /** Sessions by traffic source ({@code google}, {@code direct}, a referring host; event-model traffic). */
    SOURCE("source"),
    /** Sessions by channel ({@code organic_search}...). */
    CHANNEL("channel"),
    /** Sessions by {@code utm_campaign}; sessions without one are not counted here. */
    CAMPAIGN("campaign"),
    /** Sessions by device class ({@code desktop}, {@code phone}, {@code tablet}...). */
    DEVICE("device"),
    /** Sessions by browser name. */
    BROWSER("browser"),
    /** Sessions by operating system name. */
    OS("os"),
    /** Sessions by entry page (as {@link #PAGE}). */
    ENTRY_PAGE("entry");

    private final String code;

    Dimension(String code) {
        this.code = code;
    }

    /** The name in the stored rollup and in the API. */
    public String code() {
        return code;
    }

    public static Dimension ofCode(String code) {
        for (Dimension dimension : values()) {
            if (dimension.code.equals(code)) {
                return dimension;
            }
        }
        throw new IllegalArgumentException("no dimension " + code);
    }
}
