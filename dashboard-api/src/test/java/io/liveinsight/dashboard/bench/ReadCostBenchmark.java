package io.liveinsight.dashboard.bench;

import io.liveinsight.dashboard.adapter.dynamodb.DynamoDbDashboardStore;
import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.http.DashboardApplication;
import io.liveinsight.dashboard.support.Fixtures;
import io.liveinsight.event.TableNames;
import io.liveinsight.lambda.http.HttpRequest;
import io.liveinsight.lambda.http.HttpResponse;
import io.liveinsight.local.engines.LocalAws;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Read units one refresh of the live page consumes (what the page asks every 5 s: {@code GET /api/live}, the stats
 * and the first page of the active-sessions table), at each number of active sessions given, as DynamoDB Local reports
 * them with ReturnConsumedCapacity. Items are shaped like the consumer's (ids, pages, referrer, a per-minute map of 1 to
 * 8 minutes). Prints figures; not a test.
 *
 * <pre>./mvnw -B -q -pl dashboard-api -am -Pbench -DskipTests verify  (-Dbench.sizes=1000,10000)</pre>
 */
public final class ReadCostBenchmark {

    /** On-demand price of read request units in us-east-1 (USD per million), for the cost column only. */
    static final double USD_PER_MILLION_READ_UNITS = 0.125;

    private ReadCostBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String size : (args.length == 0 ? "1000,10000" : args[0]).split(",")) {
            sizes.add(Integer.parseInt(size.strip()));
        }
        try (LocalAws aws = LocalAws.startOnFreePorts()) {
            System.out.printf(
                    "%n%-16s %-10s %-13s %-14s %-14s %-14s%n",
                    "active sessions", "items KB", "refresh RCU", "2 routes RCU", "timeline RCU", "USD/tab-hour");
            for (int size : sizes) {
                measure(aws, size);
            }
            System.out.println();
            System.out.println(
                    "refresh = what the page asks every 5 s: GET /api/live?limit=25 (stats + first table page,"
                            + " one full ActiveSessions scan, eventually consistent). '2 routes' = GET /api/stats/realtime +"
                            + " GET /api/sessions/active?limit=25 answered by two Lambdas (two scans). timeline = GET"
                            + " /api/sessions/{id} + its 20 events. USD/tab-hour: one open page, 720 refreshes an hour, at $"
                            + USD_PER_MILLION_READ_UNITS + " per million read request units (on demand).");
        }
    }

    private static void measure(LocalAws aws, int size) {
        TableNames tables = aws.createTables("Bench" + size);
        long now = System.currentTimeMillis();
        List<Map<String, AttributeValue>> items = new ArrayList<>(size);
        long bytes = 0;
        for (int i = 0; i < size; i++) {
            Map<Long, Long> minutes = new LinkedHashMap<>();
            int span = 1 + i % 8;
            for (int m = 0; m < span; m++) {
                minutes.put(now / 60_000 - m, 1L + (i + m) % 4);
            }
            Map<String, AttributeValue> item = Fixtures.active(
                    "0193e4a2-7c1d-7b3e-9f2a-" + String.format("%012d", i),
                    "anon-0193e4a2-7c1d-7b3e-9f2a-" + String.format("%012d", i % (size * 4 / 5 + 1)),
                    now - 60_000L * span - i,
                    now - i % 600_000,
                    (now - i % 600_000) / 1000 + 1800,
                    "https://shop.example/products/item-" + (i % 200) + "?ref=home",
                    i % 20 == 0,
                    minutes);
            bytes += size(item);
            items.add(item);
        }
        Fixtures.putAll(aws.dynamoDb(), tables.activeSessions(), items);
        String sampleId = items.get(0).get("session_id").s();
        aws.dynamoDb().putItem(r -> r.tableName(tables.sessions())
                .item(Fixtures.session(sampleId, "u", now - 600_000, now, 20)));
        List<Map<String, AttributeValue>> events = new ArrayList<>();
        for (int e = 0; e < 20; e++) {
            events.add(Fixtures.event(
                    "ev-" + e, sampleId, "u", now - 600_000 + e * 30_000L, "https://shop.example/p" + e));
        }
        Fixtures.putAll(aws.dynamoDb(), tables.events(), events);

        double shared = refresh(aws, tables);
        double unshared = separateRoutes(aws, tables);
        DoubleAdder timeline = new DoubleAdder();
        DashboardApplication app = app(aws, tables, Duration.ofSeconds(2), timeline);
        get(app, "/api/sessions/" + sampleId, Map.of());
        get(app, "/api/sessions/" + sampleId + "/events", Map.of("limit", "100"));
        System.out.printf(
                "%-16d %-10d %-13.1f %-14.1f %-14.1f %-14.5f%n",
                size,
                bytes / 1024,
                shared,
                unshared,
                timeline.sum(),
                shared * 720 * USD_PER_MILLION_READ_UNITS / 1_000_000);
    }

    /** What the page asks every 5 s: GET /api/live (stats + the first 25 rows, one ActiveSessions scan). */
    private static double refresh(LocalAws aws, TableNames tables) {
        DoubleAdder units = new DoubleAdder();
        get(app(aws, tables, Duration.ZERO, units), "/api/live", Map.of("limit", "25"));
        return units.sum();
    }

    /** The same figures from the two separate routes, each scanning (snapshot sharing off, as across Lambdas). */
    private static double separateRoutes(LocalAws aws, TableNames tables) {
        DoubleAdder units = new DoubleAdder();
        DashboardApplication app = app(aws, tables, Duration.ZERO, units);
        get(app, "/api/stats/realtime", Map.of());
        get(app, "/api/sessions/active", Map.of("limit", "25"));
        return units.sum();
    }

    private static DashboardApplication app(LocalAws aws, TableNames tables, Duration snapshot, DoubleAdder units) {
        DashboardConfig config = new DashboardConfig(
                tables, "us-east-1", null, null, List.of(), DashboardConfig.DEFAULT_SCAN_SEGMENTS, snapshot);
        return new DashboardApplication(
                config,
                new DynamoDbDashboardStore(aws.dynamoDb(), tables, config.scanSegments(), (t, u) -> units.add(u)),
                Clock.systemUTC());
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
