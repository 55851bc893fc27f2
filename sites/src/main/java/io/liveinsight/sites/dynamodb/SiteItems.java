package io.liveinsight.sites.dynamodb;

import static io.liveinsight.event.contract.ItemAttributes.CONVERSIONS;
import static io.liveinsight.event.contract.ItemAttributes.CREATED_AT;
import static io.liveinsight.event.contract.ItemAttributes.HOSTNAMES;
import static io.liveinsight.event.contract.ItemAttributes.KIND;
import static io.liveinsight.event.contract.ItemAttributes.LIMITS;
import static io.liveinsight.event.contract.ItemAttributes.NAME;
import static io.liveinsight.event.contract.ItemAttributes.READ_TOKEN_SHA256;
import static io.liveinsight.event.contract.ItemAttributes.SERVER_KEY_SHA256;
import static io.liveinsight.event.contract.ItemAttributes.SITES_KEY;
import static io.liveinsight.event.contract.ItemAttributes.SITE_ID;
import static io.liveinsight.event.contract.ItemAttributes.STATUS;
import static io.liveinsight.event.contract.ItemAttributes.TIME_ZONE;
import static io.liveinsight.event.contract.ItemAttributes.UPDATED_AT;
import static io.liveinsight.event.contract.ItemAttributes.WRITE_KEY;

import io.liveinsight.event.site.Site;
import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.event.site.SiteLimits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Sites table's items (docs/contract/sites.md#registry) and their codec: a site item {@code site#<id>} and a key
 * item {@code key#<SHA-256 hex of the key>} per key. Reading is lenient where a missing value has a safe meaning
 * (limits: the defaults) and strict where it has none: a status other than {@code active} reads as disabled.
 */
final class SiteItems {

    static final String SITE_PREFIX = "site#";
    static final String KEY_PREFIX = "key#";
    static final String ACTIVE = "active";
    static final String DISABLED = "disabled";

    /** The names inside {@code limits} (docs/contract/sites.md#limits). */
    static final String SITE_EVENTS_PER_S = "site_events_per_s";

    static final String SITE_BURST = "site_burst";
    static final String CLIENT_EVENTS_PER_S = "client_events_per_s";
    static final String CLIENT_BURST = "client_burst";
    static final String SESSION_EVENTS_PER_S = "session_events_per_s";
    static final String SESSION_BURST = "session_burst";

    private SiteItems() {}

    static Map<String, AttributeValue> siteKey(String siteId) {
        return Map.of(SITES_KEY, s(SITE_PREFIX + siteId));
    }

    static Map<String, AttributeValue> keyKey(String digest) {
        return Map.of(SITES_KEY, s(KEY_PREFIX + digest));
    }

    static Map<String, AttributeValue> siteItem(Site site, long createdAt, long updatedAt) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(siteKey(site.id()));
        item.put(SITE_ID, s(site.id()));
        item.put(NAME, s(site.name()));
        item.put(HOSTNAMES, strings(site.hostnames()));
        item.put(WRITE_KEY, s(site.writeKey()));
        item.put(SERVER_KEY_SHA256, s(site.serverKeySha256()));
        item.put(READ_TOKEN_SHA256, s(site.readTokenSha256()));
        item.put(STATUS, s(site.active() ? ACTIVE : DISABLED));
        item.put(LIMITS, limits(site.limits()));
        item.put(CONVERSIONS, strings(new TreeSet<>(site.conversions()).stream().toList()));
        item.put(TIME_ZONE, s(site.timeZone()));
        item.put(CREATED_AT, n(createdAt));
        item.put(UPDATED_AT, n(updatedAt));
        return item;
    }

    static Map<String, AttributeValue> keyItem(String digest, String siteId, SiteKeys.Kind kind, long createdAt) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(keyKey(digest));
        item.put(SITE_ID, s(siteId));
        item.put(KIND, s(kind.storedName()));
        item.put(CREATED_AT, n(createdAt));
        return item;
    }

    static StoredSite site(Map<String, AttributeValue> item) {
        Site site = new Site(
                string(item, SITE_ID),
                string(item, NAME),
                strings(item, HOSTNAMES),
                string(item, WRITE_KEY),
                string(item, SERVER_KEY_SHA256),
                string(item, READ_TOKEN_SHA256),
                ACTIVE.equals(string(item, STATUS)),
                limits(item.get(LIMITS)),
                Set.copyOf(strings(item, CONVERSIONS)),
                item.containsKey(TIME_ZONE) ? string(item, TIME_ZONE) : "UTC");
        return new StoredSite(site, number(item, CREATED_AT), number(item, UPDATED_AT));
    }

    /** The digest of a site's key of {@code kind} as its item holds it; null when it has none. */
    static String digest(Site site, SiteKeys.Kind kind) {
        return switch (kind) {
            case WRITE -> site.writeKey() == null ? null : SiteKeys.sha256(site.writeKey());
            case SERVER -> site.serverKeySha256();
            case READ -> site.readTokenSha256();
        };
    }

    /** The site item's attribute that holds the key of {@code kind} (plain for the write key, else its digest). */
    static String attribute(SiteKeys.Kind kind) {
        return switch (kind) {
            case WRITE -> WRITE_KEY;
            case SERVER -> SERVER_KEY_SHA256;
            case READ -> READ_TOKEN_SHA256;
        };
    }

    /** What the site item stores of a new plain key of {@code kind}. */
    static String stored(SiteKeys.Kind kind, String plainKey) {
        return kind == SiteKeys.Kind.WRITE ? plainKey : SiteKeys.sha256(plainKey);
    }

    static AttributeValue limits(SiteLimits limits) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        map.put(SITE_EVENTS_PER_S, n(limits.siteEventsPerSecond()));
        map.put(SITE_BURST, n(limits.siteBurst()));
        map.put(CLIENT_EVENTS_PER_S, n(limits.clientEventsPerSecond()));
        map.put(CLIENT_BURST, n(limits.clientBurst()));
        map.put(SESSION_EVENTS_PER_S, n(limits.sessionEventsPerSecond()));
        map.put(SESSION_BURST, n(limits.sessionBurst()));
        return AttributeValue.fromM(map);
    }

    /** Missing limits, or a missing entry, read as the default (docs/contract/sites.md#limits). */
    static SiteLimits limits(AttributeValue value) {
        Map<String, AttributeValue> map = value == null || !value.hasM() ? Map.of() : value.m();
        SiteLimits d = SiteLimits.DEFAULTS;
        return new SiteLimits(
                limit(map, SITE_EVENTS_PER_S, d.siteEventsPerSecond()),
                limit(map, SITE_BURST, d.siteBurst()),
                limit(map, CLIENT_EVENTS_PER_S, d.clientEventsPerSecond()),
                limit(map, CLIENT_BURST, d.clientBurst()),
                limit(map, SESSION_EVENTS_PER_S, d.sessionEventsPerSecond()),
                limit(map, SESSION_BURST, d.sessionBurst()));
    }

    static AttributeValue strings(List<String> values) {
        return AttributeValue.fromL(values.stream().map(SiteItems::s).toList());
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static int limit(Map<String, AttributeValue> map, String name, int fallback) {
        AttributeValue value = map.get(name);
        return value == null || value.n() == null ? fallback : Integer.parseInt(value.n());
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || !value.hasL()) {
            return List.of();
        }
        return value.l().stream().map(AttributeValue::s).toList();
    }
}
