package io.liveinsight.event.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One table of the shared contract (docs/contract/tables.md): the name suffix after the stage prefix, the keys, the
 * indexes, the time-to-live attribute if items expire, and whether point-in-time backups are kept. The CDK app and the
 * local engines both create tables from this, and a parity test compares what they create.
 *
 * @param suffix the table's name after {@code <prefix>-}, also the CDK construct id
 * @param sortKey absent for tables keyed by the partition key alone
 * @param backedUp point-in-time recovery; off for projections that are rebuilt from other tables
 */
public record TableSchema(
        String suffix,
        KeyAttribute partitionKey,
        Optional<KeyAttribute> sortKey,
        List<IndexSchema> indexes,
        Optional<String> timeToLiveAttribute,
        boolean backedUp) {

    public TableSchema {
        Objects.requireNonNull(suffix);
        Objects.requireNonNull(partitionKey);
        Objects.requireNonNull(sortKey);
        indexes = List.copyOf(indexes);
        Objects.requireNonNull(timeToLiveAttribute);
    }

    /** {@code <prefix>-<suffix>}. */
    public String name(String prefix) {
        return prefix + "-" + suffix;
    }

    /** Every attribute a key of the table or of an index names, once each, in the order they first appear. */
    public List<KeyAttribute> keyAttributes() {
        Map<String, KeyAttribute> byName = new LinkedHashMap<>();
        List<KeyAttribute> all = new ArrayList<>();
        all.add(partitionKey);
        sortKey.ifPresent(all::add);
        for (IndexSchema index : indexes) {
            all.add(index.partitionKey());
            all.add(index.sortKey());
        }
        for (KeyAttribute key : all) {
            KeyAttribute earlier = byName.putIfAbsent(key.name(), key);
            if (earlier != null && earlier.type() != key.type()) {
                throw new IllegalStateException(
                        suffix + ": " + key.name() + " is both " + earlier.type() + " and " + key.type());
            }
        }
        return List.copyOf(byName.values());
    }
}
