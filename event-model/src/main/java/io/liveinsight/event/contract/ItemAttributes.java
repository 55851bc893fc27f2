package io.liveinsight.event.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * Attribute names that the tables' writer (stream-processor) and readers (dashboard-api, load-tests) share
 * (docs/contract/tables.md). Names only the writer reads back (the session store's bookkeeping) stay in the writer.
 */
public final class ItemAttributes {

    // Keys and what every table repeats.
    public static final String EVENT_ID = "event_id";
    public static final String SESSION_ID = "session_id";
    public static final String USER_ID = "user_id";
    public static final String TIMESTAMP = "timestamp";
    public static final String START_TIME = "start_time";
    public static final String LAST_ACTIVITY = "last_activity";
    public static final String REFERRER = "referrer";
    public static final String USER_AGENT = "user_agent";
    public static final String IS_BOT = "is_bot";

    // Events.
    public static final String EVENT_TYPE = "event_type";
    public static final String PAGE_URL = "page_url";
    public static final String ELEMENT_TAG = "element_tag";
    public static final String ELEMENT_ID = "element_id";
    public static final String ELEMENT_CLASS = "element_class";
    public static final String ELEMENT_TEXT = "element_text";
    public static final String IP = "ip";
    public static final String PROPERTIES = "properties";
    public static final String RECEIVED_AT = "received_at";
    public static final String CLOCK_SKEW = "clock_skew";
    /**
     * The replay run an Events or Sessions item was replayed by (docs/contract/replay.md#where-a-run-shows); absent on
     * live traffic. The partition key of Sessions' sparse {@code ReplayIndex}.
     */
    public static final String REPLAY_RUN = "replay_run";

    /** The site of an item (docs/contract/sites.md#isolation); absent on items of the default site written before. */
    public static final String SITE = "site";

    /** The Sites table's partition key (docs/contract/sites.md#registry). */
    public static final String SITES_KEY = "pk";

    // Enrichment (docs/contract/events.md#enrichment): on Events items, and on Sessions and ActiveSessions items of a
    // session's first segment (its first touch). Absent when unknown.
    /** Traffic source: {@code google}, {@code direct}, {@code internal}, a referring host, a campaign's source. */
    public static final String SOURCE = "source";
    /** Channel, lower case: {@code organic_search}, {@code direct}... (event-model {@code traffic.Channel}). */
    public static final String CHANNEL = "channel";

    public static final String UTM_SOURCE = "utm_source";
    public static final String UTM_MEDIUM = "utm_medium";
    public static final String UTM_CAMPAIGN = "utm_campaign";
    /** Browser name as the user-agent parser names it ({@code Chrome}, {@code Safari}...). */
    public static final String BROWSER = "browser";
    /** Operating system name as the user-agent parser names it ({@code Windows NT}, {@code iOS}...). */
    public static final String OS = "os";
    /** Device class, lower case: {@code desktop}, {@code phone}, {@code tablet}, {@code robot}... */
    public static final String DEVICE = "device";

    /** The enrichment attributes, in the order items carry them. */
    public static final List<String> ENRICHMENT =
            List.of(SOURCE, CHANNEL, UTM_SOURCE, UTM_MEDIUM, UTM_CAMPAIGN, BROWSER, OS, DEVICE);

    // Sessions and ActiveSessions.
    public static final String TOTAL_EVENTS = "total_events";
    public static final String PAGE_VIEWS = "page_views";
    public static final String SESSION_DURATION = "session_duration";
    public static final String ENTRY_PAGE = "entry_page";
    public static final String EXIT_PAGE = "exit_page";
    /** Absent on a Sessions item when it equals {@link #EXIT_PAGE}. */
    public static final String CURRENT_PAGE = "current_page";

    public static final String EVENT_TYPES = "event_types";
    /** The client's session id; on ActiveSessions items, and on Sessions items of format 1 only. */
    public static final String ROOT_SESSION_ID = "root_session_id";
    /** ActiveSessions: events per minute of the active window ({@code minute start ms -> count}). */
    public static final String MINUTES = "minutes";
    /** ActiveSessions: the time-to-live attribute, epoch seconds. */
    public static final String EXPIRES_AT = "expires_at";

    // Stats (rollups): keys, then what the writer keeps for exactness, then the rollup itself.
    /** {@code <site>#<h|d>#<bucket start, epoch seconds>}: hour and day items. */
    public static final String STATS_KEY = "pk";
    /** The stream shard whose records the item counts. */
    public static final String STATS_SHARD = "sk";
    /** The item's revision: the optimistic lock of its single writer. */
    public static final String REVISION = "rv";
    /** The furthest record position of the shard counted in the item. */
    public static final String MARK = "mk";
    /** The rollup: gzip-compressed JSON (event-model {@code stats.RollupCodec}). */
    public static final String ROLLUP = "ru";
    /** Day items only: {@code true} once the item is the sum of its day's hour items; absent while it is open. */
    public static final String FINAL = "final";
    /** Runs items ({@code pk = <site>#runs}, {@code sk = <run>}): the earliest {@code received_at} counted, epoch ms. */
    public static final String FIRST_AT = "first_at";
    /** Runs items: the latest {@code received_at} counted, epoch ms. */
    public static final String LAST_AT = "last_at";

    /** What an Events item shows its readers: the event's fields as stored, but never {@link #IP}. */
    public static final List<String> EVENT = withEnrichment(
            List.of(EVENT_ID, TIMESTAMP, USER_ID, SESSION_ID, EVENT_TYPE, PAGE_URL, REFERRER, USER_AGENT),
            List.of(
                    ELEMENT_TAG,
                    ELEMENT_ID,
                    ELEMENT_CLASS,
                    ELEMENT_TEXT,
                    PROPERTIES,
                    RECEIVED_AT,
                    IS_BOT,
                    CLOCK_SKEW,
                    REPLAY_RUN,
                    SITE));

    /** What a Sessions item shows its readers ({@link #ROOT_SESSION_ID} to tell a segment's client id, never shown). */
    public static final List<String> SESSION = withEnrichment(
            List.of(
                    SESSION_ID,
                    USER_ID,
                    START_TIME,
                    LAST_ACTIVITY,
                    TOTAL_EVENTS,
                    PAGE_VIEWS,
                    SESSION_DURATION,
                    ENTRY_PAGE,
                    EXIT_PAGE,
                    CURRENT_PAGE,
                    REFERRER,
                    USER_AGENT),
            List.of(IS_BOT, EVENT_TYPES, ROOT_SESSION_ID, REPLAY_RUN, SITE));

    /** What an ActiveSessions item shows the live view. */
    public static final List<String> ACTIVE_SESSION = withEnrichment(
            List.of(SESSION_ID, USER_ID, START_TIME, LAST_ACTIVITY, CURRENT_PAGE, TOTAL_EVENTS, PAGE_VIEWS, REFERRER),
            List.of(IS_BOT, EXPIRES_AT, MINUTES, REPLAY_RUN, SITE));

    /** Sites items (docs/contract/sites.md#registry): a site's settings and key hashes. */
    public static final String SITE_ID = "site_id";

    public static final String NAME = "name";
    public static final String HOSTNAMES = "hostnames";
    public static final String WRITE_KEY = "write_key";
    public static final String SERVER_KEY_SHA256 = "server_key_sha256";
    public static final String READ_TOKEN_SHA256 = "read_token_sha256";
    public static final String STATUS = "status";
    public static final String LIMITS = "limits";
    public static final String CONVERSIONS = "conversions";
    public static final String TIME_ZONE = "time_zone";
    public static final String CREATED_AT = "created_at";
    public static final String UPDATED_AT = "updated_at";
    /** Key items: {@code write}, {@code server} or {@code read}. */
    public static final String KIND = "kind";
    /** Lease items: the events of the window's budget handed out so far. */
    public static final String TAKEN = "taken";

    /** What the Sites table's readers (the edge, the dashboard, {@code bin/site}) read. */
    public static final List<String> SITES = List.of(
            SITES_KEY,
            SITE_ID,
            NAME,
            HOSTNAMES,
            WRITE_KEY,
            SERVER_KEY_SHA256,
            READ_TOKEN_SHA256,
            STATUS,
            LIMITS,
            CONVERSIONS,
            TIME_ZONE,
            CREATED_AT,
            UPDATED_AT,
            KIND,
            TAKEN,
            EXPIRES_AT);

    private ItemAttributes() {}

    /** A reader list: {@code before}, then the {@link #ENRICHMENT} attributes, then {@code after}. */
    private static List<String> withEnrichment(List<String> before, List<String> after) {
        List<String> all = new ArrayList<>(before);
        all.addAll(ENRICHMENT);
        all.addAll(after);
        return List.copyOf(all);
    }
}
