package io.liveinsight.dashboard.adapter.dynamodb;

import static io.liveinsight.event.contract.ItemAttributes.EXPIRES_AT;
import static io.liveinsight.event.contract.ItemAttributes.ROLLUP;
import static io.liveinsight.event.contract.ItemAttributes.STATS_KEY;
import static io.liveinsight.event.contract.ItemAttributes.STATS_SHARD;

import io.liveinsight.dashboard.domain.ReplayRun;
import io.liveinsight.dashboard.port.ReadMetrics;
import io.liveinsight.dashboard.port.StatsReader;
import io.liveinsight.dashboard.port.StoreUnavailableException;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.RollupCodec;
import io.liveinsight.event.stats.StatsKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The Stats table read by bucket: a Query of the bucket's partition key, every page, one item per stream shard that
 * counted something in it, each item's rollup ({@code ru}, {@link RollupCodec}) added. Items past their
 * {@code expires_at} are left out, as TTL may delete them up to 48 hours late: an answer does not depend on when the
 * deleter ran. Several buckets are read side by side on virtual threads, at most {@link #PARALLEL_READS} at a time.
 * Reads are eventually consistent (half the read units): a rollup written in the last second may be missing from an
 * answer and is there on the next one. Every call reports the read units DynamoDB says it consumed. The replay runs
 * the table lists are read by {@link ReplayRunItems}.
 */
public final class DynamoDbStatsReader implements StatsReader {

    /** Queries in flight at most for one {@link #readAll}: a 400-day series does not open 9,600 connections. */
    public static final int PARALLEL_READS = 16;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ReadMetrics metrics;
    private final Clock clock;
    private final ReplayRunItems runs;

    public DynamoDbStatsReader(DynamoDbClient dynamoDb, String table, ReadMetrics metrics, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.metrics = metrics;
        this.clock = clock;
        this.runs = new ReplayRunItems(dynamoDb, table, metrics);
    }

    @Override
    public List<ReplayRun> replayRuns(String site, long nowMillis) {
        return runs.read(site, nowMillis);
    }

    /**
     * A bucket as the processor stores it (docs/contract/tables.md#stats): a minute key's slots live in its hour's
     * item; an hour is its item; a day is the sum of its 24 hour items.
     */
    @Override
    public Rollup read(StatsKey key) {
        return switch (key.resolution()) {
            case MINUTE -> item(new StatsKey(key.site(), Resolution.HOUR, key.bucketStart()));
            case HOUR -> item(key);
            case DAY -> {
                Rollup day = Rollup.EMPTY;
                long hour = Resolution.HOUR.span().toSeconds();
                for (long start = key.bucketStart();
                        start < key.bucketStart() + Resolution.DAY.span().toSeconds();
                        start += hour) {
                    day = day.plus(item(new StatsKey(key.site(), Resolution.HOUR, start)));
                }
                yield day;
            }
        };
    }

    /** The items stored under one key, added. */
    private Rollup item(StatsKey key) {
        String now = Long.toString(Math.floorDiv(clock.millis(), 1000L));
        Rollup sum = Rollup.EMPTY;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse response = call(
                    key,
                    () -> dynamoDb.query(r -> r.tableName(table)
                            .keyConditionExpression("#k = :k")
                            .filterExpression("attribute_not_exists(#x) OR #x > :now")
                            .projectionExpression("#s, #r")
                            .expressionAttributeNames(
                                    Map.of("#k", STATS_KEY, "#x", EXPIRES_AT, "#s", STATS_SHARD, "#r", ROLLUP))
                            .expressionAttributeValues(
                                    Map.of(":k", AttributeValue.fromS(key.value()), ":now", AttributeValue.fromN(now)))
                            .exclusiveStartKey(exclusiveStart)
                            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
            ReadUnits.report(metrics, response.consumedCapacity());
            for (Map<String, AttributeValue> item : response.items()) {
                sum = sum.plus(rollup(key, item));
            }
            start = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey()
                    : null;
        } while (start != null);
        return sum;
    }

    @Override
    public Map<StatsKey, Rollup> readAll(List<StatsKey> keys) {
        List<StatsKey> distinct = keys.stream().distinct().toList();
        if (distinct.size() <= 1) {
            return StatsReader.super.readAll(distinct);
        }
        Semaphore permits = new Semaphore(PARALLEL_READS);
        List<Future<Rollup>> reads = new ArrayList<>(distinct.size());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (StatsKey key : distinct) {
                reads.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        return read(key);
                    } finally {
                        permits.release();
                    }
                }));
            }
            Map<StatsKey, Rollup> rollups = new LinkedHashMap<>();
            for (int i = 0; i < distinct.size(); i++) {
                rollups.put(distinct.get(i), reads.get(i).get());
            }
            return rollups;
        } catch (InterruptedException e) {
            reads.forEach(read -> read.cancel(true));
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while reading " + table, e);
        } catch (ExecutionException e) {
            reads.forEach(read -> read.cancel(true));
            if (e.getCause() instanceof StoreUnavailableException unavailable) {
                throw unavailable;
            }
            throw new StoreUnavailableException("reading " + table + " failed", e.getCause());
        }
    }

    /**
     * An item's rollup. One that cannot be decoded is not skipped (the figures would be silently wrong): the read
     * fails as the table's other failures do, and the item is named in the log line.
     */
    private Rollup rollup(StatsKey key, Map<String, AttributeValue> item) {
        AttributeValue stored = item.get(ROLLUP);
        String shard = item.containsKey(STATS_SHARD) ? item.get(STATS_SHARD).s() : "?";
        if (stored == null || stored.b() == null) {
            throw new StoreUnavailableException(table + " item " + key + " / " + shard + " has no rollup", null);
        }
        try {
            return RollupCodec.decode(stored.b().asByteArray());
        } catch (RuntimeException e) {
            throw new StoreUnavailableException(table + " item " + key + " / " + shard + " is unreadable", e);
        }
    }

    private <T> T call(StatsKey key, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("query " + table + " " + key, e);
        }
    }
}
