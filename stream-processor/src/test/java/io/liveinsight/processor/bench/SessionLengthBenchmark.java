package io.liveinsight.processor.bench;

import io.liveinsight.event.Event;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.MetricNames;
import io.liveinsight.event.site.SiteScope;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.processor.adapter.dynamodb.DynamoDbSessionStore;
import io.liveinsight.processor.adapter.dynamodb.SessionTables;
import io.liveinsight.processor.adapter.dynamodb.TableGuard;
import io.liveinsight.processor.adapter.useragent.YauaaUserAgentParser;
import io.liveinsight.processor.config.ResilienceSettings;
import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.domain.RecordPosition;
import io.liveinsight.processor.domain.SessionRules;
import io.liveinsight.processor.metrics.InMemoryStreamMetrics;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Sessions + ActiveSessions write units per batch as one session grows, on DynamoDB Local through the real
 * {@link DynamoDbSessionStore} (the Events table is left out: its cost is per event, whatever the session). For each
 * length, one session is grown quickly to that many events (records of 500 events, each record its own sequence
 * number; heartbeat-like events 30 s apart, a page view every 10th, so a long session passes 24 h and is cut into
 * segments), then {@code probes} one-event records (what live beacons give) are written one batch each and their
 * write units read from ConsumedCapacity ({@code WriteUnitsConsumed|<table>}). The store's clock follows the events,
 * as it does live, so every write also projects into ActiveSessions. Item sizes are DynamoDB's (names plus values,
 * the adapter's own {@code ItemSize}) for the segment the probes went to, the largest of the runs; an item over 1 KB
 * (a second write unit) has its bytes per attribute printed, and so has the longest session's. Beside what DynamoDB
 * Local billed, the table gives what AWS bills for the same writes by {@code ItemSize}: a PutItem that replaces an
 * item is billed on the larger of the old and the new item, while DynamoDB Local bills the new one only (the run lines
 * print both estimates, so the second can be checked against ConsumedCapacity).
 *
 * <p>The strings are production's ({@link ReplayTraffic}): tracker ids (32 hex digits, users {@code anon-} and 32),
 * a 111-character Chrome user agent, page URLs of 80-120 characters, a search engine as the first page view's
 * referrer and the previous page as the next ones'.
 *
 * <p>Run: {@code ./mvnw -B -q -pl stream-processor -am -Pbench -DskipTests -Dbench.jmh.skip -Dbench.writeunits.skip
 * -Dbench.throughput.skip verify} (arguments, {@code -Dsessionlength.args}: probes, runs, lengths...; a first argument
 * {@code site=<id>} makes the session that site's, keyed as docs/contract/sites.md#isolation says).
 */
public final class SessionLengthBenchmark {

    static final List<Integer> LENGTHS = List.of(10, 100, 1_000, 10_000, 100_000);
    /** Issue 13: Sessions + ActiveSessions write units per session per batch, at every length. */
    static final double TARGET = 2.5;

    private static final int GROWTH_RECORD_EVENTS = 500;
    /** Past this many bytes an item costs a second write unit. */
    static final int KB = 1_024;

    private static final long START = 1_790_000_000_000L;
    private static final Method ITEM_SIZE = itemSize();

    private SessionLengthBenchmark() {}

    /**
     * One length's figures.
     *
     * @param sessionsUnits Sessions write units per one-event batch (mean)
     * @param activeUnits ActiveSessions write units per one-event batch (mean)
     * @param maxUnits the most one batch cost (both tables)
     * @param itemBytes the Sessions item of the segment the probes went to
     * @param activeBytes its ActiveSessions item
     * @param attributes that Sessions item's bytes per attribute (name plus value), largest first
     * @param activeAttributes the same for its ActiveSessions item
     * @param awsSessionsUnits what AWS bills per batch by the adapter's {@code ItemSize}: a PutItem that replaces an
     *     item costs 1 unit per started KB of the larger of the old and the new item (mean)
     * @param awsActiveUnits the same for ActiveSessions
     * @param newItemUnits both tables by the size of the new item alone (what DynamoDB Local bills), a check that
     *     {@code ItemSize} agrees with it
     */
    record Row(
            int length,
            int segments,
            int sealed,
            double sessionsUnits,
            double activeUnits,
            double maxUnits,
            int itemBytes,
            int activeBytes,
            String attributes,
            String activeAttributes,
            double awsSessionsUnits,
            double awsActiveUnits,
            double newItemUnits) {

        double totalUnits() {
            return sessionsUnits + activeUnits;
        }

        double awsUnits() {
            return awsSessionsUnits + awsActiveUnits;
        }
    }

    /** The site the session is of (first argument {@code site=<id>}); null: the default site. */
    private static String site;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].startsWith("site=")) {
            site = args[0].substring("site=".length());
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        System.out.println("site: " + (site == null ? "default (events name none)" : site));
        int probes = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Integer> lengths = args.length > 2
                ? Arrays.stream(args, 2, args.length).map(Integer::valueOf).toList()
                : LENGTHS;
        try (LocalAws aws = LocalAws.startOnFreePorts()) {
            GsiAccounting.report(aws);
            List<List<Row>> byLength = new ArrayList<>();
            lengths.forEach(length -> byLength.add(new ArrayList<>()));
            for (int run = 0; run < runs; run++) {
                for (int i = 0; i < lengths.size(); i++) {
                    long started = System.nanoTime();
                    Row row = measure(aws, lengths.get(i), probes, run);
                    byLength.get(i).add(row);
                    System.out.printf(
                            "run %d, %,d events: Sessions %.3f + ActiveSessions %.3f = %.3f WCU per batch (max %.1f;"
                                    + " by item size, as AWS bills: %.3f + %.3f = %.3f; by the new item's size alone %.3f),"
                                    + " %d segments (%d sealed), items %d B / %d B (%.1f s)%n",
                            run + 1,
                            row.length(),
                            row.sessionsUnits(),
                            row.activeUnits(),
                            row.totalUnits(),
                            row.maxUnits(),
                            row.awsSessionsUnits(),
                            row.awsActiveUnits(),
                            row.awsUnits(),
                            row.newItemUnits(),
                            row.segments(),
                            row.sealed(),
                            row.itemBytes(),
                            row.activeBytes(),
                            (System.nanoTime() - started) / 1e9);
                }
            }
            printTable(
                    String.format(
                            "Sessions + ActiveSessions write units per one-event batch (%d batches per length, medians"
                                    + " of %d runs; from ConsumedCapacity; tracker ids, a %d-character Chrome user agent,"
                                    + " page URLs of %d-%d characters):",
                            probes,
                            runs,
                            ReplayTraffic.USER_AGENT.length(),
                            ReplayTraffic.PAGES.stream()
                                    .mapToInt(String::length)
                                    .min()
                                    .orElseThrow(),
                            ReplayTraffic.PAGES.stream()
                                    .mapToInt(String::length)
                                    .max()
                                    .orElseThrow()),
                    byLength);
            for (List<Row> rows : byLength) {
                Row row = rows.get(0);
                boolean over = rows.stream().anyMatch(r -> r.itemBytes() > KB || r.activeBytes() > KB);
                if (over || rows == byLength.get(byLength.size() - 1)) {
                    System.out.printf(
                            "%n%s%,d-event session, item of the segment the batches went to (run 1), bytes per"
                                    + " attribute (name + value):%n  Sessions (%,d B): %s%n  ActiveSessions (%,d B): %s%n",
                            over ? "OVER 1 KB: " : "",
                            row.length(),
                            row.itemBytes(),
                            row.attributes(),
                            row.activeBytes(),
                            row.activeAttributes());
                }
            }
        }
    }

    private static void printTable(String title, List<List<Row>> byLength) {
        System.out.printf("%n%s%n%n", title);
        System.out.println("| events in the session | segments (sealed) | Sessions WCU/batch |"
                + " ActiveSessions WCU/batch | total WCU/batch (max) | <= " + TARGET
                + " | by item size, as AWS bills | <= " + TARGET
                + " | Sessions item (max) | ActiveSessions item (max) |");
        System.out.println("|---:|---:|---:|---:|---:|---|---:|---|---:|---:|");
        for (List<Row> rows : byLength) {
            Row first = rows.get(0);
            double total = median(rows.stream().mapToDouble(Row::totalUnits).toArray());
            double aws = median(rows.stream().mapToDouble(Row::awsUnits).toArray());
            System.out.printf(
                    "| %,d | %d (%d) | %.3f | %.3f | %.3f (%.1f) | %s | %.3f + %.3f = %.3f | %s | %,d B | %,d B |%n",
                    first.length(),
                    first.segments(),
                    first.sealed(),
                    median(rows.stream().mapToDouble(Row::sessionsUnits).toArray()),
                    median(rows.stream().mapToDouble(Row::activeUnits).toArray()),
                    total,
                    rows.stream().mapToDouble(Row::maxUnits).max().orElseThrow(),
                    total <= TARGET ? "yes" : "**no**",
                    median(rows.stream().mapToDouble(Row::awsSessionsUnits).toArray()),
                    median(rows.stream().mapToDouble(Row::awsActiveUnits).toArray()),
                    aws,
                    aws <= TARGET ? "yes" : "**no**",
                    rows.stream().mapToInt(Row::itemBytes).max().orElseThrow(),
                    rows.stream().mapToInt(Row::activeBytes).max().orElseThrow());
        }
    }

    private static Row measure(LocalAws aws, int length, int probes, int run) {
        TableNames tables = aws.createTables("SessionLength");
        InMemoryStreamMetrics metrics = new InMemoryStreamMetrics();
        DynamoDbClient dynamoDb = aws.dynamoDb();
        StreamClock clock = new StreamClock(START);
        DynamoDbSessionStore store = new DynamoDbSessionStore(
                new SessionTables(
                        dynamoDb,
                        tables.sessions(),
                        tables.activeSessions(),
                        TableGuard.create(tables.sessions(), ResilienceSettings.DEFAULTS, metrics),
                        TableGuard.create(tables.activeSessions(), ResilienceSettings.DEFAULTS, metrics),
                        metrics,
                        YauaaUserAgentParser.shared()),
                clock);
        Random random = new Random(31L * length + run);
        String sessionId = ReplayTraffic.hexId(random);
        List<Event> events =
                ReplayTraffic.heartbeats(random, ReplayTraffic.userId(random), sessionId, START, length + probes)
                        .stream()
                        .map(e -> site == null ? e : e.withSite(site))
                        .toList();
        long sequence = 0;
        for (int from = 0; from < length; from += GROWTH_RECORD_EVENTS) {
            write(
                    store,
                    clock,
                    sessionId,
                    events.subList(from, Math.min(length, from + GROWTH_RECORD_EVENTS)),
                    sequence++);
        }
        String sessionsKey = MetricNames.WRITE_UNITS + "|" + tables.sessions();
        String activeKey = MetricNames.WRITE_UNITS + "|" + tables.activeSessions();
        double sessionsBefore = metrics.total(sessionsKey);
        double activeBefore = metrics.total(activeKey);
        double max = 0;
        double awsSessions = 0;
        double awsActive = 0;
        double newOnly = 0;
        for (int p = 0; p < probes; p++) {
            double before = metrics.total(sessionsKey) + metrics.total(activeKey);
            String segment = currentSegment(dynamoDb, tables.sessions(), sessionId);
            int sessionsBytes = size(dynamoDb, tables.sessions(), segment);
            int activeBytes = size(dynamoDb, tables.activeSessions(), segment);
            write(store, clock, sessionId, events.subList(length + p, length + p + 1), sequence++);
            max = Math.max(max, metrics.total(sessionsKey) + metrics.total(activeKey) - before);
            String written = currentSegment(dynamoDb, tables.sessions(), sessionId);
            int sessionsAfter = size(dynamoDb, tables.sessions(), written);
            int activeAfter = size(dynamoDb, tables.activeSessions(), written);
            awsSessions += units(written.equals(segment) ? sessionsBytes : 0, sessionsAfter);
            awsActive += units(written.equals(segment) ? activeBytes : 0, activeAfter);
            newOnly += units(0, sessionsAfter) + units(0, activeAfter);
        }
        Map<String, AttributeValue> root = get(dynamoDb, tables.sessions(), SiteScope.sessionKey(site, sessionId));
        int segments = root.containsKey("segments")
                ? Integer.parseInt(root.get("segments").n())
                : 1;
        int sealed =
                root.containsKey("sealed") ? Integer.parseInt(root.get("sealed").n()) : 0;
        String current = SiteScope.sessionKey(site, SessionRules.segmentId(sessionId, segments - 1));
        Map<String, AttributeValue> item = get(dynamoDb, tables.sessions(), current);
        Map<String, AttributeValue> active = get(dynamoDb, tables.activeSessions(), current);
        return new Row(
                length,
                segments,
                sealed,
                (metrics.total(sessionsKey) - sessionsBefore) / probes,
                (metrics.total(activeKey) - activeBefore) / probes,
                max,
                bytes(item),
                bytes(active),
                breakdown(item),
                breakdown(active),
                awsSessions / probes,
                awsActive / probes,
                newOnly / probes);
    }

    /** The key of the session's newest segment (where a live event goes), scoped to the site. */
    private static String currentSegment(DynamoDbClient dynamoDb, String table, String sessionId) {
        Map<String, AttributeValue> root = get(dynamoDb, table, SiteScope.sessionKey(site, sessionId));
        int segments = root.containsKey("segments")
                ? Integer.parseInt(root.get("segments").n())
                : 1;
        return SiteScope.sessionKey(site, SessionRules.segmentId(sessionId, segments - 1));
    }

    /** The item's size by {@code ItemSize}, 0 when there is none. */
    private static int size(DynamoDbClient dynamoDb, String table, String sessionId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table)
                        .key(Map.of("session_id", AttributeValue.fromS(sessionId)))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? 0 : bytes(item);
    }

    /** AWS's write units for a put that replaces an item of {@code before} bytes (0: none) with {@code after}. */
    static int units(int before, int after) {
        return (Math.max(before, after) + KB - 1) / KB;
    }

    /** Bytes per attribute (name plus value), largest first. */
    static String breakdown(Map<String, AttributeValue> item) {
        return item.entrySet().stream()
                .sorted((a, b) -> Integer.compare(
                        bytes(Map.of(b.getKey(), b.getValue())), bytes(Map.of(a.getKey(), a.getValue()))))
                .map(e -> e.getKey() + " " + bytes(Map.of(e.getKey(), e.getValue())))
                .collect(Collectors.joining(", "));
    }

    /** One record's events, in one batch, processed at the time the last one was sent. */
    private static void write(
            DynamoDbSessionStore store, StreamClock clock, String sessionId, List<Event> events, long sequence) {
        RecordPosition position = RecordPosition.of(ReplayTraffic.SHARD, Long.toString(sequence));
        clock.set(events.get(events.size() - 1).timestamp() + 500);
        store.apply(
                SiteScope.sessionKey(site, sessionId),
                events.stream()
                        .map(e -> new PositionedEvent(e, position, false))
                        .toList());
    }

    private static Map<String, AttributeValue> get(DynamoDbClient dynamoDb, String table, String sessionId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table)
                        .key(Map.of("session_id", AttributeValue.fromS(sessionId)))
                        .consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) {
            throw new IllegalStateException(table + " has no item " + sessionId);
        }
        return item;
    }

    /** The adapter's {@code ItemSize.bytes} (package-private there): the same measure the rate limiter uses. */
    static int bytes(Map<String, AttributeValue> item) {
        try {
            return (int) ITEM_SIZE.invoke(null, item);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Method itemSize() {
        try {
            Method method = Class.forName("io.liveinsight.processor.adapter.dynamodb.ItemSize")
                    .getDeclaredMethod("bytes", Map.class);
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ItemSize.bytes(Map) not found", e);
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
