package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.n;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.s;

import io.liveinsight.event.contract.ItemAttributes;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.processor.concurrent.Parallel;
import io.liveinsight.processor.domain.stats.DayItem;
import io.liveinsight.processor.domain.stats.DayRules;
import io.liveinsight.processor.domain.stats.HourItem;
import io.liveinsight.processor.port.DayStore;
import io.liveinsight.processor.port.StoreUnavailableException;
import io.liveinsight.processor.port.StreamMetrics;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Day items in the Stats table, beside the hour items {@link DynamoDbStatsStore} writes (same table, same
 * {@link TableGuard}): GetItem (strongly consistent) and PutItem on condition that the revision is the one read, and
 * a Query of a day's partition for the sweeps. Never a Scan or a delete; day items have no {@code expires_at}.
 * Finishing a day reads its 24 hour items side by side.
 */
public final class DynamoDbDayStore implements DayStore {

    private static final int MAX_CONFLICTS = 10;
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final TableGuard guard;
    private final StatsItems stats;
    private final Parallel parallel;

    public DynamoDbDayStore(
            DynamoDbClient dynamoDb, String table, TableGuard guard, StreamMetrics metrics, Parallel parallel) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.guard = guard;
        this.stats = new StatsItems(dynamoDb, table, guard, metrics);
        this.parallel = parallel;
    }

    @Override
    public Map<String, Boolean> items(StatsKey day) {
        return stats.translating("day items query", () -> {
            Map<String, Boolean> shards = new LinkedHashMap<>();
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> exclusiveStart = start;
                QueryResponse page = guard.read(
                        "Query",
                        () -> dynamoDb.query(r -> r.tableName(table)
                                .keyConditionExpression("#k = :k")
                                .projectionExpression("#s, #f")
                                .expressionAttributeNames(Map.of(
                                        "#k", ItemAttributes.STATS_KEY,
                                        "#s", ItemAttributes.STATS_SHARD,
                                        "#f", ItemAttributes.FINAL))
                                .expressionAttributeValues(Map.of(":k", s(day.value())))
                                .exclusiveStartKey(exclusiveStart)));
                page.items()
                        .forEach(item ->
                                shards.put(item.get(ItemAttributes.STATS_SHARD).s(), isFinal(item)));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey()
                        : null;
            } while (start != null);
            return shards;
        });
    }

    @Override
    public void open(String shardId, StatsKey day) {
        stats.translating("day item open", () -> {
            for (int conflict = 0; conflict < MAX_CONFLICTS; conflict++) {
                DayItem stored = readDay(shardId, day);
                if (stored != null && !stored.isFinal()) {
                    return Boolean.TRUE;
                }
                DayItem open =
                        stored == null ? new DayItem(1, DayItem.NO_MARK, false, Rollup.EMPTY) : stored.reopened();
                if (put(shardId, day, stored, open)) {
                    return Boolean.TRUE;
                }
            }
            throw conflicts(day, shardId);
        });
    }

    @Override
    public boolean finish(String shardId, StatsKey day) {
        return stats.translating("day item finish", () -> {
            for (int conflict = 0; conflict < MAX_CONFLICTS; conflict++) {
                DayItem stored = readDay(shardId, day);
                List<HourItem> hours = parallel.map(DayRules.hoursOf(day), hour -> readHour(shardId, hour)).stream()
                        .flatMap(Optional::stream)
                        .toList();
                Optional<DayItem> next = DayRules.next(stored, hours);
                if (next.isEmpty()) {
                    return Boolean.FALSE;
                }
                if (put(shardId, day, stored, next.get())) {
                    return Boolean.TRUE;
                }
            }
            throw conflicts(day, shardId);
        });
    }

    private DayItem readDay(String shardId, StatsKey day) {
        Map<String, AttributeValue> item = stats.get(shardId, day);
        if (item == null) {
            return null;
        }
        boolean isFinal = isFinal(item);
        return new DayItem(
                StatsItems.revision(item),
                isFinal ? StatsItems.mark(item) : DayItem.NO_MARK,
                isFinal,
                isFinal ? StatsItems.rollup(item) : Rollup.EMPTY);
    }

    private Optional<HourItem> readHour(String shardId, StatsKey hour) {
        Map<String, AttributeValue> item = stats.get(shardId, hour);
        if (item == null) {
            return Optional.empty();
        }
        return Optional.of(new HourItem(StatsItems.mark(item), StatsItems.rollup(item)));
    }

    /** Puts {@code next} on condition that the item is still {@code stored} (absent when null); false if it is not. */
    private boolean put(String shardId, StatsKey day, DayItem stored, DayItem next) {
        Map<String, AttributeValue> item = new HashMap<>(StatsItems.key(shardId, day));
        item.put(ItemAttributes.REVISION, n(next.revision()));
        if (next.isFinal()) {
            item.put(ItemAttributes.FINAL, AttributeValue.fromBool(true));
            StatsItems.putCounted(item, next.mark(), next.rollup());
        }
        return stats.put(item, stored == null ? 0 : stored.revision());
    }

    private static boolean isFinal(Map<String, AttributeValue> item) {
        AttributeValue marker = item.get(ItemAttributes.FINAL);
        return marker != null && Boolean.TRUE.equals(marker.bool());
    }

    private StoreUnavailableException conflicts(StatsKey day, String shardId) {
        return new StoreUnavailableException(
                "day item " + day + " of " + shardId + " kept changing under " + MAX_CONFLICTS + " writes", null);
    }
}
