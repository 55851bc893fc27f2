package io.liveinsight.sites.dynamodb;

import static io.liveinsight.event.contract.ItemAttributes.KIND;
import static io.liveinsight.event.contract.ItemAttributes.SITES_KEY;
import static io.liveinsight.event.contract.ItemAttributes.SITE_ID;

import io.liveinsight.event.site.Site;
import io.liveinsight.event.site.SiteId;
import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.sites.SiteDirectory;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The registry on DynamoDB (docs/contract/sites.md#registry). A key is one strongly consistent GetItem on its hash,
 * then one on its site: no index, no Scan. {@link #all()} scans, which is fine for a registry of a few hundred items
 * (and leases that expire within a minute); the edge never calls it.
 *
 * <p>SDK errors are not translated here: the caller decides what an unreachable registry means (the edge's cache
 * answers 503, {@code bin/site} exits 1 saying why).
 */
public final class DynamoDbSiteDirectory implements SiteDirectory {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbSiteDirectory(DynamoDbClient dynamoDb, String sitesTable) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb);
        this.table = Objects.requireNonNull(sitesTable);
    }

    /**
     * Empty for a text that is no key by its shape (no call made), a key no item has, or a key its site no longer
     * holds: the site item is the truth, so a key item left behind (or read just before a rotation) finds nothing.
     */
    @Override
    public Optional<KeyedSite> byKey(String key) {
        SiteKeys.Kind kind = SiteKeys.kind(key);
        if (kind == null) {
            return Optional.empty();
        }
        String digest = SiteKeys.sha256(key);
        Map<String, AttributeValue> keyItem = get(SiteItems.keyKey(digest));
        if (keyItem == null
                || !keyItem.containsKey(SITE_ID)
                || !kind.storedName().equals(value(keyItem, KIND))
                || SiteId.error(value(keyItem, SITE_ID)) != null) {
            return Optional.empty();
        }
        return byId(value(keyItem, SITE_ID))
                .filter(site -> SiteKeys.sameDigest(SiteItems.digest(site, kind), digest))
                .map(site -> new KeyedSite(site, kind));
    }

    @Override
    public Optional<Site> byId(String siteId) {
        if (SiteId.error(siteId) != null) {
            return Optional.empty();
        }
        return Optional.ofNullable(get(SiteItems.siteKey(siteId)))
                .map(SiteItems::site)
                .map(StoredSite::site);
    }

    @Override
    public List<Site> all() {
        return stored().stream().map(StoredSite::site).toList();
    }

    /** Every site item with its times, by id. */
    public List<StoredSite> stored() {
        ScanRequest scan = ScanRequest.builder()
                .tableName(table)
                .consistentRead(true)
                .filterExpression("begins_with(#pk, :site)")
                .expressionAttributeNames(Map.of("#pk", SITES_KEY))
                .expressionAttributeValues(Map.of(":site", SiteItems.s(SiteItems.SITE_PREFIX)))
                .build();
        return dynamoDb.scanPaginator(scan).items().stream()
                .map(SiteItems::site)
                .sorted(Comparator.comparing(stored -> stored.site().id()))
                .toList();
    }

    /** The site item with its times. */
    public Optional<StoredSite> stored(String siteId) {
        if (SiteId.error(siteId) != null) {
            return Optional.empty();
        }
        return Optional.ofNullable(get(SiteItems.siteKey(siteId))).map(SiteItems::site);
    }

    private Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamoDb.getItem(
                        request -> request.tableName(table).key(key).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? null : item;
    }

    private static String value(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
