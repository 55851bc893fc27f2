package io.liveinsight.dashboard.adapter.dynamodb;

import static io.liveinsight.event.contract.ItemAttributes.EVENT_ID;
import static io.liveinsight.event.contract.ItemAttributes.ROOT_SESSION_ID;
import static io.liveinsight.event.contract.ItemAttributes.SESSION_ID;
import static io.liveinsight.event.contract.ItemAttributes.SITE;
import static io.liveinsight.event.contract.ItemAttributes.USER_ID;

import io.liveinsight.event.site.SiteId;
import io.liveinsight.event.site.SiteScope;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The tables as one site sees them (docs/contract/sites.md#isolation): the client's ids go in as the site's keys
 * ({@link SiteScope}) and come out as the client's again, and an item is the site's only when its {@code site}
 * attribute says so. The key already keeps sites apart; the attribute is the second guard, so a mistake in a key (or a
 * reader asking the default site for an id in the sites' key space, {@code s~<site>~...}) never shows another site's
 * item. A default-site
 * item written before sites carries no {@code site} and is the default site's.
 *
 * <p>The one place that knows how a site's ids are stored: the store and its pages go through it, nothing else does.
 */
public record SiteView(String site) {

    /** The prefix of the sites' keys of session and user ids. */
    private static final String SCOPED = SiteScope.PREFIX;

    public SiteView {
        SiteId.require(site);
    }

    public static final SiteView DEFAULT = new SiteView(SiteId.DEFAULT);

    public boolean isDefault() {
        return site.equals(SiteId.DEFAULT);
    }

    /** The stored key of a client's session id (or segment id). */
    public String sessionKey(String clientId) {
        return SiteScope.sessionKey(site, clientId);
    }

    public String userKey(String clientId) {
        return SiteScope.userKey(site, clientId);
    }

    /** The second guard on a stored item. */
    public boolean owns(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(SITE);
        return value == null || value.s() == null ? isDefault() : site.equals(value.s());
    }

    /** The second guard on an item read into JSON-ready values. */
    public boolean ownsJson(Map<String, Object> item) {
        Object value = item.get(SITE);
        return value == null ? isDefault() : site.equals(value);
    }

    /** A FilterExpression keeping this site's items: {@code #site} and {@code :site} are added to the names given. */
    public String filter() {
        return isDefault() ? "(attribute_not_exists(#site) OR #site = :site)" : "#site = :site";
    }

    public Map<String, String> filterNames(Map<String, String> names) {
        Map<String, String> all = new LinkedHashMap<>(names);
        all.put("#site", SITE);
        return all;
    }

    public Map<String, AttributeValue> filterValues(Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new LinkedHashMap<>(values);
        all.put(":site", AttributeValue.fromS(site));
        return all;
    }

    /** A stored session or user key as the client's id (the site's scope taken off; the default site's as it is). */
    public String clientId(String stored) {
        String prefix = SCOPED + site + "~";
        return stored == null || isDefault() || !stored.startsWith(prefix) ? stored : stored.substring(prefix.length());
    }

    /** A stored event key as the client's event id. */
    public String clientEventId(String stored) {
        String prefix = site + "~";
        return stored == null || isDefault() || !stored.startsWith(prefix) ? stored : stored.substring(prefix.length());
    }

    /** The stored event key of a client's event id. */
    public String eventKey(String clientId) {
        return SiteScope.eventKey(site, clientId);
    }

    /**
     * An item (or a page key) read into JSON-ready values, its ids as the client sent them: {@code event_id},
     * {@code session_id}, {@code user_id} and a format-1 segment's {@code root_session_id}.
     */
    public Map<String, Object> toClient(Map<String, Object> item) {
        if (item == null || isDefault()) {
            return item;
        }
        Map<String, Object> client = new LinkedHashMap<>(item);
        client.computeIfPresent(EVENT_ID, (name, id) -> id instanceof String s ? clientEventId(s) : id);
        for (String name : new String[] {SESSION_ID, USER_ID, ROOT_SESSION_ID}) {
            client.computeIfPresent(name, (n, id) -> id instanceof String s ? clientId(s) : id);
        }
        return client;
    }

    /** A page key of the client's ids (a cursor's) as the stored key it stands for; the inverse of {@link #toClient}. */
    public Map<String, Object> toStored(Map<String, Object> key) {
        if (key == null || isDefault()) {
            return key;
        }
        Map<String, Object> stored = new LinkedHashMap<>(key);
        stored.computeIfPresent(EVENT_ID, (name, id) -> id instanceof String s ? eventKey(s) : id);
        stored.computeIfPresent(SESSION_ID, (name, id) -> id instanceof String s ? sessionKey(s) : id);
        stored.computeIfPresent(USER_ID, (name, id) -> id instanceof String s ? userKey(s) : id);
        return stored;
    }
}
