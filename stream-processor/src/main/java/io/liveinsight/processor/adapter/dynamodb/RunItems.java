package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.n;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.number;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.s;

import io.liveinsight.event.contract.ItemAttributes;
import io.liveinsight.event.replay.ReplayLane;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.processor.domain.stats.RunSpan;
import io.liveinsight.processor.port.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The replay runs items of the Stats table (docs/contract/tables.md#runs-items): {@code pk = <site>#runs}, {@code sk =
 * <run>}, {@code first_at} and {@code last_at} widened by each batch that stored events of the run. With the calls the
 * processor already has on the table: a strongly consistent GetItem (skipped when this process wrote the item last and
 * it already covers the span) and a PutItem on condition that the revision is the one read; a second writer (another
 * shard's processor) fails the condition, reads again and widens what it finds.
 */
final class RunItems {

    /** A runs item goes when its run's last hour items do: as long after {@code last_at} as an hour item is kept. */
    static final Duration KEPT = Resolution.HOUR.kept().orElseThrow();

    private static final int MAX_CONFLICTS = 10;
    private static final int KEPT_ITEMS = 256;

    private final DynamoDbClient dynamoDb;
    private final TableGuard guard;
    private final StatsItems items;
    private final Map<Map<String, AttributeValue>, Stored> written = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Map<String, AttributeValue>, Stored> eldest) {
            return size() > KEPT_ITEMS;
        }
    };

    RunItems(DynamoDbClient dynamoDb, TableGuard guard, StatsItems items) {
        this.dynamoDb = dynamoDb;
        this.guard = guard;
        this.items = items;
    }

    /** A runs item as read or last written. */
    private record Stored(long revision, RunSpan span) {}

    void widen(RunSpan span) {
        Map<String, AttributeValue> key = key(span.site(), span.run());
        for (int conflict = 0; conflict < MAX_CONFLICTS; conflict++) {
            Stored stored = conflict == 0 ? kept(key) : null;
            if (stored == null) {
                stored = read(key, span);
            }
            if (stored != null && stored.span().covers(span)) {
                return; // nothing to widen: a replayed batch, or a shard behind another
            }
            RunSpan next = stored == null ? span : stored.span().widen(span);
            long revision = stored == null ? 0 : stored.revision();
            if (items.put(item(key, next, revision + 1), revision)) {
                keep(key, new Stored(revision + 1, next));
                return;
            }
            forget(key);
        }
        throw new StoreUnavailableException(
                "runs item of " + span.run() + " kept changing under " + MAX_CONFLICTS + " writes", null);
    }

    /** The runs of {@code site} whose {@code last_at} is at or after {@code sinceMillis}: one Query, every page. */
    List<String> since(String site, long sinceMillis) {
        List<String> runs = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = guard.read(
                    "Query",
                    () -> dynamoDb.query(r -> r.tableName(items.table())
                            .keyConditionExpression("#k = :k")
                            .filterExpression("#l >= :since")
                            .projectionExpression("#s")
                            .expressionAttributeNames(Map.of(
                                    "#k", ItemAttributes.STATS_KEY,
                                    "#s", ItemAttributes.STATS_SHARD,
                                    "#l", ItemAttributes.LAST_AT))
                            .expressionAttributeValues(
                                    Map.of(":k", s(ReplayLane.runsKey(site)), ":since", n(sinceMillis)))
                            .exclusiveStartKey(exclusiveStart)));
            page.items()
                    .forEach(item ->
                            runs.add(item.get(ItemAttributes.STATS_SHARD).s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return runs;
    }

    private Stored read(Map<String, AttributeValue> key, RunSpan span) {
        Map<String, AttributeValue> item = items.get(key);
        if (item == null) {
            return null;
        }
        return new Stored(
                StatsItems.revision(item),
                new RunSpan(
                        span.site(),
                        span.run(),
                        number(item, ItemAttributes.FIRST_AT),
                        number(item, ItemAttributes.LAST_AT)));
    }

    private static Map<String, AttributeValue> item(Map<String, AttributeValue> key, RunSpan span, long revision) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put(ItemAttributes.FIRST_AT, n(span.firstAt()));
        item.put(ItemAttributes.LAST_AT, n(span.lastAt()));
        item.put(ItemAttributes.EXPIRES_AT, n(Math.floorDiv(span.lastAt(), 1000) + KEPT.toSeconds()));
        item.put(ItemAttributes.REVISION, n(revision));
        return item;
    }

    static Map<String, AttributeValue> key(String site, String run) {
        return Map.of(ItemAttributes.STATS_KEY, s(ReplayLane.runsKey(site)), ItemAttributes.STATS_SHARD, s(run));
    }

    private Stored kept(Map<String, AttributeValue> key) {
        synchronized (written) {
            return written.get(key);
        }
    }

    private void keep(Map<String, AttributeValue> key, Stored stored) {
        synchronized (written) {
            written.put(key, stored);
        }
    }

    private void forget(Map<String, AttributeValue> key) {
        synchronized (written) {
            written.remove(key);
        }
    }
}
