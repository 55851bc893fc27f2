package io.liveinsight.sites.dynamodb;

import static io.liveinsight.event.contract.ItemAttributes.CONVERSIONS;
import static io.liveinsight.event.contract.ItemAttributes.HOSTNAMES;
import static io.liveinsight.event.contract.ItemAttributes.LIMITS;
import static io.liveinsight.event.contract.ItemAttributes.NAME;
import static io.liveinsight.event.contract.ItemAttributes.SITES_KEY;
import static io.liveinsight.event.contract.ItemAttributes.SITE_ID;
import static io.liveinsight.event.contract.ItemAttributes.STATUS;
import static io.liveinsight.event.contract.ItemAttributes.TIME_ZONE;
import static io.liveinsight.event.contract.ItemAttributes.UPDATED_AT;
import static io.liveinsight.sites.dynamodb.SiteItems.n;
import static io.liveinsight.sites.dynamodb.SiteItems.s;

import io.liveinsight.event.site.Site;
import io.liveinsight.event.site.SiteId;
import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.event.time.Sleeper;
import io.liveinsight.sites.SiteChange;
import io.liveinsight.sites.SiteSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * What {@code bin/site} (and the admin call the same code makes) does to the registry
 * (docs/contract/sites.md#registry): add a site with its three keys, rotate keys, disable and enable, change
 * settings. Every write is conditioned on what it read, so two admins at once never leave a key item without its site
 * or a site key without its item: a write that lost the race reads again and retries, a few times, then says so.
 *
 * <p>The new plain keys are returned once ({@link NewKeys}); the server key and the read token are stored as their
 * SHA-256 only.
 */
public final class SiteAdmin {

    /** Attempts of an operation that keeps losing races with other admins before it gives up. */
    static final int MAX_ATTEMPTS = 8;
    /** The longest wait before another attempt (jittered, growing with the attempts): admins are few. */
    static final Duration MAX_BACKOFF = Duration.ofMillis(200);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final DynamoDbSiteDirectory directory;
    private final Sleeper sleeper;

    public SiteAdmin(DynamoDbClient dynamoDb, String sitesTable, Clock clock, Sleeper sleeper) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb);
        this.table = Objects.requireNonNull(sitesTable);
        this.clock = Objects.requireNonNull(clock);
        this.sleeper = Objects.requireNonNull(sleeper);
        this.directory = new DynamoDbSiteDirectory(dynamoDb, sitesTable);
    }

    public SiteAdmin(DynamoDbClient dynamoDb, String sitesTable, Clock clock) {
        this(dynamoDb, sitesTable, clock, Sleeper.SYSTEM);
    }

    public SiteAdmin(DynamoDbClient dynamoDb, String sitesTable) {
        this(dynamoDb, sitesTable, Clock.systemUTC());
    }

    /** A site and the keys just minted for it (or just rotated). */
    public record Minted(Site site, NewKeys keys) {}

    /** What reads the same table: the edge's view of it. */
    public DynamoDbSiteDirectory directory() {
        return directory;
    }

    /**
     * Adds an active site with a new write key, server key and read token: the site item and its three key items in
     * one transaction, on condition that the site does not exist.
     *
     * @throws SiteAdminException {@code EXISTS} when a site has this id
     * @throws IllegalArgumentException when the id is no site id
     */
    public Minted add(String siteId, SiteSettings settings) {
        SiteId.require(siteId);
        Objects.requireNonNull(settings);
        Map<SiteKeys.Kind, String> keys = new EnumMap<>(SiteKeys.Kind.class);
        for (SiteKeys.Kind kind : SiteKeys.Kind.values()) {
            keys.put(kind, SiteKeys.newKey(kind));
        }
        Site site = new Site(
                siteId,
                settings.name(),
                settings.hostnames(),
                keys.get(SiteKeys.Kind.WRITE),
                SiteKeys.sha256(keys.get(SiteKeys.Kind.SERVER)),
                SiteKeys.sha256(keys.get(SiteKeys.Kind.READ)),
                true,
                settings.limits(),
                settings.conversions(),
                settings.timeZone());
        long now = clock.millis();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(put(SiteItems.siteItem(site, now, now)));
        keys.forEach((kind, key) -> writes.add(put(SiteItems.keyItem(SiteKeys.sha256(key), siteId, kind, now))));
        try {
            dynamoDb.transactWriteItems(request -> request.transactItems(writes));
        } catch (TransactionCanceledException e) {
            if (directory.stored(siteId).isPresent()) {
                throw new SiteAdminException(SiteAdminException.Reason.EXISTS, "site " + siteId + " exists already");
            }
            throw new SiteAdminException(
                    SiteAdminException.Reason.CHANGED, "site " + siteId + " was not added: " + e.getMessage());
        }
        return new Minted(site, new NewKeys(keys));
    }

    /**
     * Replaces the site's keys of these kinds: per kind, deletes the old key item and puts the new one, and updates
     * the site item, in one transaction conditioned on the site's current keys; so the old key is refused from then
     * on, and of two rotations at once each is applied in turn (the later one wins, nothing is left behind).
     *
     * @throws SiteAdminException {@code NOT_FOUND}, or {@code CHANGED} after {@link #MAX_ATTEMPTS} lost races
     */
    public Minted rotate(String siteId, Set<SiteKeys.Kind> kinds) {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("rotate needs at least one kind of key");
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            StoredSite stored = require(siteId);
            Site site = stored.site();
            long now = clock.millis();
            Map<SiteKeys.Kind, String> keys = new EnumMap<>(SiteKeys.Kind.class);
            List<TransactWriteItem> writes = new ArrayList<>();
            List<String> sets = new ArrayList<>(List.of("#updated = :updated"));
            List<String> conditions = new ArrayList<>(List.of("attribute_exists(#pk)"));
            Map<String, String> names = new HashMap<>(Map.of("#pk", SITES_KEY, "#updated", UPDATED_AT));
            Map<String, AttributeValue> values =
                    new HashMap<>(Map.of(":updated", n(Math.max(now, stored.updatedAt() + 1))));
            for (SiteKeys.Kind kind : kinds) {
                String key = SiteKeys.newKey(kind);
                keys.put(kind, key);
                String oldDigest = SiteItems.digest(site, kind);
                if (oldDigest != null) {
                    writes.add(deleteKeyOf(siteId, oldDigest));
                }
                writes.add(put(SiteItems.keyItem(SiteKeys.sha256(key), siteId, kind, now)));
                String name = "#" + kind.storedName();
                names.put(name, SiteItems.attribute(kind));
                sets.add(name + " = :new_" + kind.storedName());
                values.put(":new_" + kind.storedName(), s(SiteItems.stored(kind, key)));
                String current = currentValue(site, kind);
                if (current == null) {
                    conditions.add("attribute_not_exists(" + name + ")");
                } else {
                    conditions.add(name + " = :old_" + kind.storedName());
                    values.put(":old_" + kind.storedName(), s(current));
                }
            }
            writes.add(TransactWriteItem.builder()
                    .update(update -> update.tableName(table)
                            .key(SiteItems.siteKey(siteId))
                            .updateExpression("SET " + String.join(", ", sets))
                            .conditionExpression(String.join(" AND ", conditions))
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(values))
                    .build());
            try {
                dynamoDb.transactWriteItems(request -> request.transactItems(writes));
                Site rotated = directory.byId(siteId).orElseThrow(() -> notFound(siteId));
                return new Minted(rotated, new NewKeys(keys));
            } catch (TransactionCanceledException e) {
                // another admin rotated or changed the site meanwhile (or is doing so): read again
                backOff(attempt);
            }
        }
        throw changed(siteId);
    }

    /** Disables ({@code false}) or enables a site: a disabled site's keys are refused with 403 at the edge. */
    public Site setActive(String siteId, boolean active) {
        return update(siteId, stored -> {
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":status", s(active ? SiteItems.ACTIVE : SiteItems.DISABLED));
            return new Change("#status = :status", Map.of("#status", STATUS), values);
        });
    }

    /** Applies a change of settings (name, hostnames, limits, conversions, time zone); checked first. */
    public Site change(String siteId, SiteChange change) {
        return update(siteId, stored -> {
            SiteSettings settings = SiteSettings.of(stored.site()).with(change);
            Map<String, String> names = Map.of(
                    "#name", NAME, "#hosts", HOSTNAMES, "#limits", LIMITS, "#conv", CONVERSIONS, "#tz", TIME_ZONE);
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":name", s(settings.name()));
            values.put(":hosts", SiteItems.strings(settings.hostnames()));
            values.put(":limits", SiteItems.limits(settings.limits()));
            values.put(":conv", SiteItems.strings(List.copyOf(settings.conversions())));
            values.put(":tz", s(settings.timeZone()));
            return new Change(
                    "#name = :name, #hosts = :hosts, #limits = :limits, #conv = :conv, #tz = :tz", names, values);
        });
    }

    /** The site item with its times. */
    public Optional<StoredSite> find(String siteId) {
        return directory.stored(siteId);
    }

    /** Every site, by id. */
    public List<StoredSite> list() {
        return directory.stored();
    }

    /** Part of an update expression: {@code SET} clauses and their names and values. */
    private record Change(String set, Map<String, String> names, Map<String, AttributeValue> values) {}

    /** Reads the site, writes the change conditioned on the {@code updated_at} it read, again on a lost race. */
    private Site update(String siteId, java.util.function.Function<StoredSite, Change> changeOf) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            StoredSite stored = require(siteId);
            Change change = changeOf.apply(stored);
            Map<String, String> names = new HashMap<>(change.names());
            names.put("#pk", SITES_KEY);
            names.put("#updated", UPDATED_AT);
            Map<String, AttributeValue> values = new HashMap<>(change.values());
            values.put(":updated", n(Math.max(clock.millis(), stored.updatedAt() + 1)));
            values.put(":read", n(stored.updatedAt()));
            try {
                Map<String, AttributeValue> item = dynamoDb.updateItem(request -> request.tableName(table)
                                .key(SiteItems.siteKey(siteId))
                                .updateExpression("SET " + change.set() + ", #updated = :updated")
                                .conditionExpression("attribute_exists(#pk) AND #updated = :read")
                                .expressionAttributeNames(names)
                                .expressionAttributeValues(values)
                                .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW))
                        .attributes();
                return SiteItems.site(item).site();
            } catch (ConditionalCheckFailedException | TransactionConflictException e) {
                // changed meanwhile, or a rotation's transaction holds the item: read again
                backOff(attempt);
            }
        }
        throw changed(siteId);
    }

    private void backOff(int attempt) {
        long ceiling = Math.min(MAX_BACKOFF.toMillis(), 10L << Math.min(attempt, 5));
        sleeper.pause(Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1)));
    }

    private StoredSite require(String siteId) {
        SiteId.require(siteId);
        return directory.stored(siteId).orElseThrow(() -> notFound(siteId));
    }

    /** What the site item holds for the key of {@code kind}: the write key itself, a digest for the others. */
    private static String currentValue(Site site, SiteKeys.Kind kind) {
        return kind == SiteKeys.Kind.WRITE ? site.writeKey() : SiteItems.digest(site, kind);
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(put -> put.tableName(table)
                        .item(item)
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", SITES_KEY)))
                .build();
    }

    /** Deletes a key item unless it is another site's (it cannot be, short of a SHA-256 collision). */
    private TransactWriteItem deleteKeyOf(String siteId, String digest) {
        return TransactWriteItem.builder()
                .delete(delete -> delete.tableName(table)
                        .key(SiteItems.keyKey(digest))
                        .conditionExpression("attribute_not_exists(#pk) OR #site = :site")
                        .expressionAttributeNames(Map.of("#pk", SITES_KEY, "#site", SITE_ID))
                        .expressionAttributeValues(Map.of(":site", s(siteId))))
                .build();
    }

    private static SiteAdminException notFound(String siteId) {
        return new SiteAdminException(SiteAdminException.Reason.NOT_FOUND, "no site " + siteId);
    }

    private static SiteAdminException changed(String siteId) {
        return new SiteAdminException(
                SiteAdminException.Reason.CHANGED,
                "site " + siteId + " kept changing under this write (" + MAX_ATTEMPTS
                        + " attempts); nothing was written by it: try again");
    }
}
