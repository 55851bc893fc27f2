package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.n;

import io.liveinsight.event.contract.ItemAttributes;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.processor.concurrent.Parallel;
import io.liveinsight.processor.domain.stats.Contribution;
import io.liveinsight.processor.domain.stats.DayRules;
import io.liveinsight.processor.domain.stats.RunSpan;
import io.liveinsight.processor.port.StatsStore;
import io.liveinsight.processor.port.StoreUnavailableException;
import io.liveinsight.processor.port.StreamMetrics;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Rollup items, one per key and shard, each written by its shard's processor alone: read the item (strongly
 * consistent, unless this process wrote it last: it keeps what it wrote), add the contributions of records past its
 * mark, put it on condition that its revision is unchanged. A second writer during a lease handover fails the
 * condition, reads again, and finds the records counted. One PutItem per item a batch touches (usually one hour
 * item: its minute slots are in it; day items are {@code DynamoDbDayStore}'s), whatever the number of events. Also
 * the replay runs items ({@link RunItems}) and the sites items ({@link SiteItems}).
 */
public final class DynamoDbStatsStore implements StatsStore {

    private static final int MAX_CONFLICTS = 10;
    /**
     * The stored rollup's budget: a busy hour's item is 3-6 KB (up to 7 write units a put); past this, its breakdowns
     * are cut to fewer keys ({@link Rollup#fitTo}), so hostile keys cannot make every write of the hour expensive.
     */
    static final int MAX_ROLLUP_BYTES = DayRules.MAX_ROLLUP_BYTES;

    private static final int KEPT_ITEMS = 512;
    private final StatsItems items;
    private final RunItems runs;
    private final SiteItems sites;
    private final Parallel parallel;
    private final Map<ItemId, Stored> written = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ItemId, Stored> eldest) {
            return size() > KEPT_ITEMS;
        }
    };

    public DynamoDbStatsStore(
            DynamoDbClient dynamoDb, String table, TableGuard guard, StreamMetrics metrics, Parallel parallel) {
        this.items = new StatsItems(dynamoDb, table, guard, metrics);
        this.runs = new RunItems(dynamoDb, guard, items);
        this.sites = new SiteItems(dynamoDb, table, guard, metrics);
        this.parallel = parallel;
    }

    /** One item: a key and the shard whose records it counts. */
    private record ItemId(StatsKey key, String shardId) {}

    /** An item as read or last written: its revision, mark (-1: none) and rollup. */
    record Stored(long revision, BigInteger mark, Rollup rollup) {
        static final Stored NONE = new Stored(0, BigInteger.ONE.negate(), Rollup.EMPTY);
    }

    @Override
    public void add(List<Contribution> contributions) {
        Map<ItemId, List<Contribution>> byItem = new LinkedHashMap<>();
        contributions.forEach(c -> byItem.computeIfAbsent(new ItemId(c.key(), c.shardId()), id -> new ArrayList<>())
                .add(c));
        items.translating(
                "rollup write",
                () -> parallel.map(List.copyOf(byItem.entrySet()), item -> {
                    addTo(item.getKey(), item.getValue());
                    return Boolean.TRUE;
                }));
    }

    /** Widens each run's runs item ({@link RunItems}), one run after the other: a batch holds a run or a few. */
    @Override
    public void seen(List<RunSpan> spans) {
        items.translating("runs item write", () -> {
            spans.forEach(runs::widen);
            return Boolean.TRUE;
        });
    }

    @Override
    public List<String> runsSince(String site, long sinceMillis) {
        return items.translating("runs query", () -> runs.since(site, sinceMillis));
    }

    /** Records each site's {@code last_at} ({@link SiteItems}), one after the other: a batch holds a site or a few. */
    @Override
    public void counted(Set<String> liveSites, long atMillis) {
        items.translating("sites item write", () -> {
            liveSites.forEach(site -> sites.record(site, atMillis));
            return Boolean.TRUE;
        });
    }

    @Override
    public List<String> sitesSince(long sinceMillis) {
        return items.translating("sites query", () -> sites.since(sinceMillis));
    }

    private void addTo(ItemId id, List<Contribution> contributions) {
        for (int conflict = 0; conflict < MAX_CONFLICTS; conflict++) {
            Stored stored = conflict == 0 ? kept(id) : null;
            if (stored == null) {
                stored = read(id);
            }
            Rollup delta = Rollup.EMPTY;
            BigInteger mark = stored.mark();
            for (Contribution contribution : contributions) {
                if (contribution.sequence().compareTo(stored.mark()) > 0) {
                    delta = delta.plus(contribution.delta());
                    mark = mark.max(contribution.sequence());
                }
            }
            if (mark.equals(stored.mark())) {
                return; // every record counted already
            }
            Stored next = new Stored(
                    stored.revision() + 1,
                    mark,
                    stored.rollup().plusKeepingCut(delta).fitTo(MAX_ROLLUP_BYTES));
            if (put(id, stored.revision(), next)) {
                keep(id, next);
                return;
            }
            forget(id);
        }
        throw new StoreUnavailableException(
                "rollup " + id.key() + " kept changing under " + MAX_CONFLICTS + " writes", null);
    }

    private Stored read(ItemId id) {
        Map<String, AttributeValue> item = items.get(id.shardId(), id.key());
        if (item == null) {
            return Stored.NONE;
        }
        return new Stored(StatsItems.revision(item), StatsItems.mark(item), StatsItems.rollup(item));
    }

    private boolean put(ItemId id, long previousRevision, Stored next) {
        Map<String, AttributeValue> item = new HashMap<>(StatsItems.key(id.shardId(), id.key()));
        item.put(ItemAttributes.REVISION, n(next.revision()));
        StatsItems.putCounted(item, next.mark(), next.rollup());
        id.key().expiresAt().ifPresent(at -> item.put(ItemAttributes.EXPIRES_AT, n(at)));
        return items.put(item, previousRevision);
    }

    private Stored kept(ItemId id) {
        synchronized (written) {
            return written.get(id);
        }
    }

    private void keep(ItemId id, Stored stored) {
        synchronized (written) {
            written.put(id, stored);
        }
    }

    private void forget(ItemId id) {
        synchronized (written) {
            written.remove(id);
        }
    }
}
