package io.liveinsight.event.traffic;

/** How a visit arrived, in the terms analytics tools share (docs/contract/events.md#traffic-sources). */
public enum Channel {
    /** No referrer and no campaign: typed, bookmarked, or a referrer the browser withheld. */
    DIRECT,
    /** From the site itself (another page of the same host). */
    INTERNAL,
    ORGANIC_SEARCH,
    PAID_SEARCH,
    ORGANIC_SOCIAL,
    PAID_SOCIAL,
    EMAIL,
    /** A campaign whose medium says display or affiliate advertising. */
    DISPLAY,
    /** Any other site linking here. */
    REFERRAL,
    /** A campaign (utm) whose medium names none of the above. */
    OTHER_CAMPAIGN
}
