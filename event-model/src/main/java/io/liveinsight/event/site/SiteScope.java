package io.liveinsight.event.site;

/**
 * The keys a site's ids are stored under (docs/contract/sites.md#isolation), so two sites may use the same event,
 * session and user ids without meeting. The default site's keys are its ids as they are; another site's carry it:
 * {@code <site>~<event_id>} (an event id never contains {@code ~}) and {@code s~<site>~<id>} for session and user ids
 * (a client's session or user id never starts with {@link #PREFIX}: the edge refuses it).
 */
public final class SiteScope {

    /** The prefix of a scoped session or user id; kept from clients (EventValidator). */
    public static final String PREFIX = "s~";

    private SiteScope() {}

    /** The Events key of an event id of {@code site} (null: the default site). */
    public static String eventKey(String site, String eventId) {
        return isDefault(site) ? eventId : site + "~" + eventId;
    }

    /** The key of a session id (or a segment's id) of {@code site}: Sessions, ActiveSessions, Kinesis, dead letters. */
    public static String sessionKey(String site, String sessionId) {
        return isDefault(site) ? sessionId : PREFIX + site + "~" + sessionId;
    }

    /** The stored form of a user id of {@code site}. */
    public static String userKey(String site, String userId) {
        return isDefault(site) ? userId : PREFIX + site + "~" + userId;
    }

    /** The site of a stored session or user key: the one it is scoped to, or the default site. */
    public static String siteOf(String key) {
        if (!key.startsWith(PREFIX)) {
            return SiteId.DEFAULT;
        }
        int end = key.indexOf('~', PREFIX.length());
        return end < 0 ? SiteId.DEFAULT : key.substring(PREFIX.length(), end);
    }

    /** The client's id of a stored session or user key (what the dashboard shows). */
    public static String clientId(String key) {
        if (!key.startsWith(PREFIX)) {
            return key;
        }
        int end = key.indexOf('~', PREFIX.length());
        return end < 0 ? key : key.substring(end + 1);
    }

    /** The client's event id of a stored Events key. */
    public static String clientEventId(String key) {
        int separator = key.indexOf('~');
        return separator < 0 ? key : key.substring(separator + 1);
    }

    /** True for the default site; throws for a text that is no site id (it could make two keys meet). */
    private static boolean isDefault(String site) {
        if (site == null || site.equals(SiteId.DEFAULT)) {
            return true;
        }
        SiteId.require(site);
        return false;
    }
}
