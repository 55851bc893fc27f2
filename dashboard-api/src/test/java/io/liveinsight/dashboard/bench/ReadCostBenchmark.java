package io.liveinsight.dashboard.bench;

import io.liveinsight.dashboard.adapter.dynamodb.DynamoDbDashboardStore;
import io.liveinsight.dashboard.adapter.dynamodb.DynamoDbStatsReader;
import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.http.DashboardApplication;
import io.liveinsight.dashboard.support.Fixtures;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Hll;
import io.liveinsight.event.stats.RecentEvent;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
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
 *   <li><b>after</b>: {@code GET /api/live?limit=25} now: the rollups of the current and previous hour (one Query
 *       per hour, one item per shard, the minute slots inside), a sample of 200 active sessions and the table's first
 *       page of 25, with no snapshot sharing (every refresh reads).
 * </ul>
 *
 * Items are shaped like the consumer's (ids, pages, referrer, a per-minute map of 1 to 8 minutes); the Stats items
 * are those the same sessions make, as the stream processor writes them: per shard (4) and hour, the minute slots of
 * their events, starts and last events, breakdowns of their pages and first touches, their users, the latest events.
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
            statistics(aws);
        }
    }

    private static void measure(LocalAws aws, int size) {
        TableNames tables = aws.createTables("Bench" + size);
        long now = System.currentTimeMillis();
        List<Map<String, AttributeValue>> items = new ArrayList<>(size);
        Map<String, Rollup> hourItems = new HashMap<>();
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
            count(hourItems, i, perMinute, start, lastActivity, i % 20 == 0);
        }
        Fixtures.putAll(aws.dynamoDb(), tables.activeSessions(), items);
        List<Map<String, AttributeValue>> rollups = new ArrayList<>();
        hourItems.forEach((item, rollup) -> {
            String[] keyAndShard = item.split(" ");
            rollups.add(Fixtures.stats(StatsKey.parse(keyAndShard[0]), keyAndShard[1], rollup));
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

    /**
     * Read units and latency of the statistics routes over 31 days of rollups as a busy site's 4 shards write them:
     * one item per shard and hour with its 60 minute slots, every breakdown full (100 keys and {@code ~other}), a
     * user sketch of thousands of users, 10 latest events. The cost depends on the number of items read and their
     * size, not on traffic.
     */
    private static void statistics(LocalAws aws) {
        TableNames tables = aws.createTables("BenchStats");
        long now = System.currentTimeMillis();
        long today = Math.floorDiv(now, 86_400_000L) * 86_400_000L;
        Random random = new Random(14);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        long bytes = 0;
        for (long day = today - 30 * 86_400_000L; day <= today; day += 86_400_000L) {
            for (int shard = 0; shard < SHARDS; shard++) {
                String sk = "shardId-00000000000" + shard;
                for (long hour = day; hour < day + 86_400_000L; hour += 3_600_000L) {
                    items.add(Fixtures.stats(
                            StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.HOUR, hour), sk, busy(random, hour)));
                }
            }
        }
        for (Map<String, AttributeValue> item : items) {
            bytes += item.get("ru").b().asByteArray().length + 100;
        }
        Fixtures.putAll(aws.dynamoDb(), tables.stats(), items);
        DoubleAdder units = new DoubleAdder();
        DashboardApplication app = app(aws, tables, units);
        System.out.printf(
                "%nStatistics routes over %d Stats items (%d KB; ~%d KB per shard and hour)%n%-72s %-10s %-10s%n",
                items.size(), bytes / 1024, bytes / items.size() / 1024, "request", "RCU", "ms");
        List<Map.Entry<String, Map<String, String>>> requests = List.of(
                Map.entry("/api/stats/summary", Map.of()),
                Map.entry("/api/stats/summary", Map.of("range", "30d")),
                Map.entry("/api/stats/summary", Map.of("range", "30d", "tz", "Asia/Seoul")),
                Map.entry("/api/stats/series", Map.of()),
                Map.entry("/api/stats/series", Map.of("range", "24h", "resolution", "5m")),
                Map.entry("/api/stats/series", Map.of("range", "30d")),
                Map.entry("/api/stats/series", Map.of("range", "30d", "tz", "Asia/Seoul")),
                Map.entry("/api/stats/breakdown", Map.of("dimension", "page", "range", "7d")),
                Map.entry("/api/stats/details", Map.of("dimension", "page", "key", "shop.example/products/item-3")),
                Map.entry("/api/stats/details", Map.of("dimension", "hour", "key", Long.toString(today))),
                Map.entry("/api/stats/realtime", Map.of()));
        for (Map.Entry<String, Map<String, String>> request : requests) {
            double[] figures = runs(units, () -> get(app, request.getKey(), request.getValue()));
            System.out.printf(
                    "%-72s %-10.1f %-10.1f%n", request.getKey() + " " + request.getValue(), figures[0], figures[1]);
        }
    }

    /** One shard's rollup of a busy hour: 60 minute slots, every breakdown full, thousands of users, 10 latest events. */
    private static Rollup busy(Random random, long start) {
        Map<Dimension, Map<String, Long>> breakdowns = new EnumMap<>(Dimension.class);
        for (Dimension dimension : Dimension.values()) {
            Map<String, Long> keys = new HashMap<>();
            for (int k = 0; k < 140; k++) {
                keys.put("shop.example/products/item-" + k, (long) (1 + random.nextInt(500)));
            }
            breakdowns.put(dimension, keys);
        }
        Hll users = new Hll();
        for (int u = 0; u < 3_000; u++) {
            users.add("anon-" + random.nextLong());
        }
        List<RecentEvent> recent = new ArrayList<>();
        for (int e = 0; e < Rollup.MAX_RECENT; e++) {
            recent.add(new RecentEvent(
                    start + e * 60_000L,
                    UUID.randomUUID().toString(),
                    "page_view",
                    UUID.randomUUID().toString(),
                    "anon-" + random.nextLong(),
                    "shop.example/products/item-" + e,
                    "google"));
        }
        Map<Integer, Counts> minutes = new HashMap<>();
        Counts total = Counts.ZERO;
        for (int m = 0; m < 60; m++) {
            long events = 60 + random.nextInt(40);
            Counts minute = new Counts(
                    events,
                    events / 2,
                    events / 10,
                    events / 10,
                    events * 9_000,
                    events / 40,
                    events / 100,
                    events / 90,
                    events / 20,
                    events / 200);
            minutes.put(m, minute);
            total = total.plus(minute);
        }
        return new Rollup(total, minutes, breakdowns, users, recent);
    }

    /**
     * Adds one session to the hour items its shard writes (as the stream processor does: one item per hour and shard
     * with its minute slots): its events in the minutes of their time, its start, its last event and duration, its
     * page views by page, its first touch, its user and its events among the latest.
     */
    private static void count(
            Map<String, Rollup> items, int i, Map<Long, Long> perMinute, long start, long lastActivity, boolean bot) {
        String shard = "shardId-00000000000" + (i % SHARDS);
        String page = "shop.example/products/item-" + (i % 200);
        perMinute.forEach((minute, events) -> {
            long at = minute * 60_000;
            if (bot) {
                add(items, shard, at, new Counts(0, 0, 0, 0, 0, 0, 0, 0, events, 0), Map.of(), null, List.of());
                return;
            }
            Hll users = new Hll();
            users.add("anon-" + i);
            add(
                    items,
                    shard,
                    at,
                    new Counts(events, events / 2, 0, 0, 0, 0, 0, 0, 0, 0),
                    Map.of(Dimension.PAGE, Map.of(page, events / 2), Dimension.EVENT_TYPE, Map.of("page_view", events)),
                    users,
                    List.of(new RecentEvent(
                            at + i % 60_000,
                            "event-" + i + "-" + minute,
                            "page_view",
                            "session-" + i,
                            "anon-" + i,
                            page,
                            "google")));
        });
        if (bot) {
            add(items, shard, start, new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 1), Map.of(), null, List.of());
            return;
        }
        Map<Dimension, Map<String, Long>> touch = new EnumMap<>(Dimension.class);
        touch.put(Dimension.SOURCE, Map.of(i % 3 == 0 ? "direct" : "google", 1L));
        touch.put(Dimension.CHANNEL, Map.of(i % 3 == 0 ? "direct" : "organic_search", 1L));
        touch.put(Dimension.DEVICE, Map.of(i % 4 == 0 ? "phone" : "desktop", 1L));
        touch.put(Dimension.BROWSER, Map.of(i % 2 == 0 ? "Chrome" : "Firefox", 1L));
        touch.put(Dimension.OS, Map.of(i % 2 == 0 ? "Windows" : "Android", 1L));
        touch.put(Dimension.ENTRY_PAGE, Map.of(page, 1L));
        add(items, shard, start, new Counts(0, 0, 1, 0, 0, i % 5 == 0 ? 1 : 0, 0, 0, 0, 0), touch, null, List.of());
        add(
                items,
                shard,
                lastActivity,
                new Counts(0, 0, 0, 1, lastActivity - start, 0, 0, 0, 0, 0),
                Map.of(),
                null,
                List.of());
    }

    private static void add(
            Map<String, Rollup> items,
            String shard,
            long at,
            Counts counts,
            Map<Dimension, Map<String, Long>> breakdowns,
            Hll users,
            List<RecentEvent> recent) {
        StatsKey key = StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.HOUR, at);
        Rollup delta = new Rollup(counts, Map.of((int) (at / 60_000 % 60), counts), breakdowns, users, recent);
        items.merge(key.value() + " " + shard, delta, (stored, more) -> stored.plusKeepingCut(more));
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
