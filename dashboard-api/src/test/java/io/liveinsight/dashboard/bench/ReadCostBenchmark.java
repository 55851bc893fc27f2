package io.liveinsight.dashboard.bench;

import io.liveinsight.dashboard.adapter.dynamodb.DynamoDbDashboardStore;
import io.liveinsight.dashboard.adapter.dynamodb.DynamoDbStatsReader;
import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.http.DashboardApplication;
import io.liveinsight.dashboard.support.Fixtures;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.lambda.http.HttpRequest;
import io.liveinsight.lambda.http.HttpResponse;
import io.liveinsight.local.engines.LocalAws;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Read units and latency of one refresh of the live page at each number of active sessions given, before and after
 * issue 14, as DynamoDB Local reports them with ReturnConsumedCapacity (latency is DynamoDB Local's on this machine,
 * not DynamoDB's: compare the two columns, not with production).
 *
 * <ul>
 *   <li><b>before</b>: what the page's refresh read until issue 14: one full parallel Scan of ActiveSessions (4
 *       segments, to the end), every figure computed from it.
 *   <li><b>after</b>: {@code GET /api/live?limit=25} now: the minute rollups of the current and previous hour (one
 *       Query per hour, one item per shard), a sample of 200 active sessions and the table's first page of 25, with
 *       no snapshot sharing (every refresh reads).
 * </ul>
 *
 * Items are shaped like the consumer's (ids, pages, referrer, a per-minute map of 1 to 8 minutes); the Stats items
 * are those the same sessions make: per shard (4) and hour, the minute slots of their events, starts and last events.
 * Prints figures; not a test.
 *
 * <pre>./mvnw -B -q -pl dashboard-api -am -Pbench -DskipTests verify  (-Dbench.sizes=1000,20000,100000)</pre>
 */
public final class ReadCostBenchmark {

    /** On-demand price of read request units in us-east-1 (USD per million), for the cost column only. */
    static final double USD_PER_MILLION_READ_UNITS = 0.125;

    static final int SHARDS = 4;
    static final int RUNS = 5;

    private ReadCostBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String size : (args.length == 0 ? "1000,20000,100000" : args[0]).split(",")) {
            sizes.add(Integer.parseInt(size.strip()));
        }
        try (LocalAws aws = LocalAws.startOnFreePorts()) {
            System.out.printf(
                    "%n%-16s %-10s %-12s %-12s %-12s %-12s %-14s %-14s%n",
                    "active sessions",
                    "items KB",
                    "before RCU",
                    "before ms",
                    "after RCU",
                    "after ms",
                    "before USD/h",
                    "after USD/h");
            for (int size : sizes) {
                measure(aws, size);
            }
            System.out.println();
            System.out.println("RCU: read units of one refresh; ms: median of " + RUNS + " refreshes (DynamoDB Local);"
                    + " USD/h: one open page for an hour (720 refreshes) at $" + USD_PER_MILLION_READ_UNITS
                    + " per million read request units (on demand).");
        }
    }

    private static void measure(LocalAws aws, int size) {
        TableNames tables = aws.createTables("Bench" + size);
        long now = System.currentTimeMillis();
        List<Map<String, AttributeValue>> items = new ArrayList<>(size);
        Map<StatsKey, Map<Integer, Counts>[]> minutes = new HashMap<>();
        long bytes = 0;
        for (int i = 0; i < size; i++) {
            Map<Long, Long> perMinute = new LinkedHashMap<>();
            int span = 1 + i % 8;
            for (int m = 0; m < span; m++) {
                perMinute.put(now / 60_000 - m, 1L + (i + m) % 4);
            }
            long lastActivity = now - i % 600_000;
            long start = now - 60_000L * span - i;
            Map<String, AttributeValue> item = Fixtures.active(
                    "0193e4a2-7c1d-7b3e-9f2a-" + String.format("%012d", i),
                    "anon-0193e4a2-7c1d-7b3e-9f2a-" + String.format("%012d", i % (size * 4 / 5 + 1)),
                    start,
                    lastActivity,
                    lastActivity / 1000 + 1800,
                    "https://shop.example/products/item-" + (i % 200) + "?ref=home",
                    i % 20 == 0,
                    perMinute);
            bytes += size(item);
            items.add(item);
            count(minutes, i % SHARDS, perMinute, start, lastActivity, i % 20 == 0);
        }
        Fixtures.putAll(aws.dynamoDb(), tables.activeSessions(), items);
        List<Map<String, AttributeValue>> rollups = new ArrayList<>();
        minutes.forEach((key, shards) -> {
            for (int shard = 0; shard < SHARDS; shard++) {
                if (shards[shard] != null) {
                    Rollup rollup = new Rollup(Counts.ZERO, shards[shard], Map.of(), null, List.of());
                    rollups.add(Fixtures.stats(key, "shardId-00000000000" + shard, rollup));
                }
            }
        });
        Fixtures.putAll(aws.dynamoDb(), tables.stats(), rollups);

        DoubleAdder units = new DoubleAdder();
        DynamoDbDashboardStore store = new DynamoDbDashboardStore(
                aws.dynamoDb(), tables, DashboardConfig.DEFAULT_SCAN_SEGMENTS, (t, u) -> units.add(u));
        double[] before = runs(units, () -> store.activeSessions(System.currentTimeMillis()));
        DashboardApplication app = app(aws, tables, units);
        double[] after = runs(units, () -> get(app, "/api/live", Map.of("limit", "25")));
        System.out.printf(
                "%-16d %-10d %-12.1f %-12.1f %-12.1f %-12.1f %-14.5f %-14.5f%n",
                size,
                bytes / 1024,
                before[0],
                before[1],
                after[0],
                after[1],
                before[0] * 720 * USD_PER_MILLION_READ_UNITS / 1_000_000,
                after[0] * 720 * USD_PER_MILLION_READ_UNITS / 1_000_000);
    }

    /** Adds one session to the minute items its shard writes: its events by minute, its start and its last event. */
    @SuppressWarnings("unchecked")
    private static void count(
            Map<StatsKey, Map<Integer, Counts>[]> minutes,
            int shard,
            Map<Long, Long> perMinute,
            long start,
            long lastActivity,
            boolean bot) {
        perMinute.forEach((minute, events) -> add(
                minutes,
                shard,
                minute * 60_000,
                bot
                        ? new Counts(0, 0, 0, 0, 0, 0, 0, 0, events, 0)
                        : new Counts(events, events / 2, 0, 0, 0, 0, 0, 0, 0, 0)));
        add(
                minutes,
                shard,
                start,
                bot ? new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 1) : new Counts(0, 0, 1, 0, 0, 0, 0, 0, 0, 0));
        if (!bot) {
            add(minutes, shard, lastActivity, new Counts(0, 0, 0, 1, 0, 0, 0, 0, 0, 0));
        }
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<StatsKey, Map<Integer, Counts>[]> minutes, int shard, long at, Counts counts) {
        StatsKey key = StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.MINUTE, at);
        Map<Integer, Counts>[] shards = minutes.computeIfAbsent(key, k -> new Map[SHARDS]);
        if (shards[shard] == null) {
            shards[shard] = new HashMap<>();
        }
        shards[shard].merge((int) (at / 60_000 % 60), counts, Counts::plus);
    }

    /** Read units of one run (they do not vary) and the median latency of {@link #RUNS}, after one warm-up. */
    private static double[] runs(DoubleAdder units, Runnable refresh) {
        refresh.run();
        double[] millis = new double[RUNS];
        double read = 0;
        for (int run = 0; run < RUNS; run++) {
            units.reset();
            long started = System.nanoTime();
            refresh.run();
            millis[run] = (System.nanoTime() - started) / 1e6;
            read = units.sum();
        }
        Arrays.sort(millis);
        return new double[] {read, millis[RUNS / 2]};
    }

    private static DashboardApplication app(LocalAws aws, TableNames tables, DoubleAdder units) {
        DashboardConfig config = new DashboardConfig(
                tables, "us-east-1", null, null, List.of(), DashboardConfig.DEFAULT_SCAN_SEGMENTS, Duration.ZERO);
        Clock clock = Clock.systemUTC();
        return new DashboardApplication(
                config,
                new DynamoDbDashboardStore(aws.dynamoDb(), tables, config.scanSegments(), (t, u) -> units.add(u)),
                new DynamoDbStatsReader(aws.dynamoDb(), tables.stats(), (t, u) -> units.add(u), clock),
                clock);
    }

    private static void get(DashboardApplication app, String path, Map<String, String> query) {
        HttpResponse response = app.handle(new HttpRequest("GET", path, Map.of(), query, null, false, null));
        if (response.status() != 200) {
            throw new IllegalStateException(path + " answered " + response.status() + ": " + response.body());
        }
    }

    /** An item's size as DynamoDB counts it (approximately: names plus values; numbers as their digits). */
    private static long size(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += attribute.getKey().length() + size(attribute.getValue());
        }
        return size;
    }

    private static long size(AttributeValue value) {
        if (value.s() != null) {
            return value.s().length();
        }
        if (value.n() != null) {
            return value.n().length() / 2 + 1;
        }
        if (value.bool() != null) {
            return 1;
        }
        if (value.hasM()) {
            return 3 + size(value.m());
        }
        return 1;
    }
}
