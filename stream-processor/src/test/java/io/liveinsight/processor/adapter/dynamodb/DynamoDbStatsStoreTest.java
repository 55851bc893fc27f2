package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.processor.adapter.dynamodb.Stores.statsStore;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.ItemAttributes;
import io.liveinsight.event.contract.MetricNames;
import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Hll;
import io.liveinsight.event.stats.RecentEvent;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.RollupCodec;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.processor.domain.stats.Contribution;
import io.liveinsight.processor.metrics.InMemoryStreamMetrics;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Stats table's hour items on DynamoDB Local (stream-processor/README.md#rollups): one item per key and shard
 * (totals, minute slots, breakdowns, users, latest events), each record counted once by its mark, conditional on
 * the revision.
 */
@WithLocalAws
class DynamoDbStatsStoreTest {

    private static final String SHARD = "shardId-000000000000";
    private static final long HOUR_START = Instant.parse("2026-12-05T13:00:00Z").toEpochMilli();
    private static final StatsKey MINUTES = StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.MINUTE, HOUR_START);
    private static final StatsKey HOUR = StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.HOUR, HOUR_START);

    private final LocalAws aws;
    private final InMemoryStreamMetrics metrics = new InMemoryStreamMetrics();
    private TableNames tables;
    private DynamoDbStatsStore store;

    DynamoDbStatsStoreTest(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void createTables() {
        tables = aws.createTables("StatsStore");
        store = statsStore(aws, tables, metrics);
    }

    @Test
    void add_whenFirstWritten_storesTheHourItemsRollupMarkRevisionAndExpiry() {
        Rollup hour = minuteRollup(7, 2).plus(pages(Map.of("shop.example/a", 2L)));

        store.add(List.of(contribution(5, HOUR, hour)));

        Map<String, AttributeValue> item = item(HOUR, SHARD);
        assertThat(item.get(ItemAttributes.STATS_KEY).s()).isEqualTo("default#h#" + HOUR_START / 1000);
        assertThat(item.get(ItemAttributes.REVISION).n()).isEqualTo("1");
        assertThat(item.get(ItemAttributes.MARK).s()).isEqualTo(sequence(5).toString());
        assertThat(stored(HOUR)).isEqualTo(hour);
        assertThat(stored(HOUR).minute(7).events()).isEqualTo(2); // the minute slots live in the hour item
        long hourEnds = HOUR_START / 1000 + 3_600;
        assertThat(item.get(ItemAttributes.EXPIRES_AT).n())
                .isEqualTo(Long.toString(hourEnds + Duration.ofDays(400).toSeconds()));
        assertThat(MINUTES.itemKey()).isEqualTo(HOUR);
        assertThat(MINUTES.expiresAt()).isEqualTo(HOUR.expiresAt());
    }

    @Test
    void add_whenTheSameRecordsComeAgain_changesNothing() {
        List<Contribution> batch =
                List.of(contribution(5, HOUR, pages(Map.of("a", 1L))), contribution(6, HOUR, pages(Map.of("b", 1L))));
        store.add(batch);
        Map<String, AttributeValue> once = item(HOUR, SHARD);

        store.add(batch); // KCL replays the batch to the same worker
        statsStore(aws, tables, metrics).add(batch.subList(1, 2)); // a new owner, knowing nothing, replays a record

        assertThat(item(HOUR, SHARD)).isEqualTo(once);
        assertThat(once.get(ItemAttributes.REVISION).n()).isEqualTo("1");
    }

    @Test
    void add_whenANewerRecordComes_addsItAndMovesTheMark() {
        store.add(List.of(contribution(5, HOUR, pages(Map.of("a", 1L)))));

        store.add(List.of(
                contribution(5, HOUR, pages(Map.of("a", 1L))), contribution(9, HOUR, pages(Map.of("a", 2L, "b", 1L)))));

        Map<String, AttributeValue> item = item(HOUR, SHARD);
        assertThat(item.get(ItemAttributes.REVISION).n()).isEqualTo("2");
        assertThat(item.get(ItemAttributes.MARK).s()).isEqualTo(sequence(9).toString());
        assertThat(stored(HOUR)).isEqualTo(pages(Map.of("a", 3L, "b", 1L)));
    }

    @Test
    void add_whenAnotherWorkerWroteSinceThisOneDid_readsAgainAndCountsEachRecordOnce() {
        DynamoDbStatsStore other = statsStore(aws, tables, metrics);
        store.add(List.of(contribution(1, HOUR, pages(Map.of("a", 1L)))));
        other.add(List.of(contribution(2, HOUR, pages(Map.of("a", 1L)))));

        // This worker still keeps revision 1 of the item: its put fails the condition, it reads, finds 2 counted.
        store.add(
                List.of(contribution(2, HOUR, pages(Map.of("a", 1L))), contribution(3, HOUR, pages(Map.of("a", 1L)))));

        assertThat(stored(HOUR)).isEqualTo(pages(Map.of("a", 3L)));
        assertThat(item(HOUR, SHARD).get(ItemAttributes.REVISION).n()).isEqualTo("3");
    }

    @Test
    void add_whenTwoWorkersWriteTheSameItemsAtOnce_countsEachRecordOnce() throws Exception {
        // A lease handover: both workers apply the shard's records in order, at the same time, on the same items.
        int records = 20;
        List<Callable<Void>> workers = new ArrayList<>();
        for (DynamoDbStatsStore worker : List.of(store, statsStore(aws, tables, metrics))) {
            workers.add(() -> {
                for (int i = 1; i <= records; i++) {
                    worker.add(List.of(
                            contribution(i, HOUR, pages(Map.of("p" + i % 3, 1L)).plus(minuteRollup(i % 60, 1)))));
                }
                return null;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (Future<Void> done : pool.invokeAll(workers)) {
                done.get();
            }
        }

        Rollup counted = stored(HOUR);
        assertThat(counted.breakdowns()).isEqualTo(Map.of(Dimension.PAGE, Map.of("p0", 6L, "p1", 7L, "p2", 7L)));
        assertThat(counted.totals().events()).isEqualTo(records);
        for (int i = 1; i <= records; i++) {
            assertThat(counted.minute(i).events()).as("minute %d", i).isEqualTo(1);
        }
        assertThat(item(HOUR, SHARD).get(ItemAttributes.MARK).s())
                .isEqualTo(sequence(records).toString());
    }

    @Test
    void add_whenShardsWriteTheSameKey_keepsAnItemPerShardThatReadersAdd() {
        store.add(List.of(contribution(5, HOUR, pages(Map.of("a", 1L)))));
        store.add(List.of(new Contribution("shardId-000000000001", sequence(1), HOUR, pages(Map.of("a", 2L)))));

        assertThat(stored(HOUR, SHARD).plus(stored(HOUR, "shardId-000000000001")))
                .isEqualTo(pages(Map.of("a", 3L)));
    }

    @Test
    void add_whenABreakdownPassesAHundredKeys_cutsItToTheLargestAndKeepsEverySumExact() {
        Random random = new Random(7);
        Map<String, Long> expected = new HashMap<>();
        List<Contribution> batches = new ArrayList<>();
        for (int record = 1; record <= 30; record++) {
            Map<String, Long> counts = new HashMap<>();
            for (int i = 0; i < 10; i++) {
                String page = "shop.example/p/" + random.nextInt(250);
                long delta = record > 20 && expected.getOrDefault(page, 0L) > 0 && random.nextBoolean() ? -1 : 1;
                counts.merge(page, delta, Long::sum);
                expected.merge(page, delta, Long::sum);
            }
            batches.add(contribution(record, HOUR, pages(counts)));
        }
        for (Contribution contribution : batches) {
            store.add(List.of(contribution)); // one batch a record: every write cuts the stored item again
        }

        Map<String, Long> kept = stored(HOUR).breakdown(Dimension.PAGE);
        assertThat(kept).hasSizeLessThanOrEqualTo(Rollup.MAX_KEYS + 1).containsKey(Rollup.OTHER);
        assertThat(kept.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
        assertThat(kept.values()).allSatisfy(count -> assertThat(count).isPositive());
    }

    @Test
    void add_whenKeysHoldAnyCharacterTheContractAllows_storesAndReadsThemBackUnchanged() {
        String hostile =
                "shop.example/a#b|~\u0000<script>alert(1)</script>" + "\uD83D\uDE00".repeat(40) + "x".repeat(10_000);
        Map<Dimension, Map<String, Long>> breakdowns = Map.of(
                Dimension.PAGE, Map.of(hostile, 1L, "#", 2L, "default#h#0", 3L),
                Dimension.CAMPAIGN, Map.of("\uD835\uDD18", 1L));
        Hll users = new Hll();
        users.add(hostile);
        Rollup rollup = new Rollup(
                new Counts(1, 1, 0, 0, 0, 0, 0, 0, 0, 0),
                Map.of(),
                breakdowns,
                users,
                List.of(new RecentEvent(HOUR_START, "e#|~", "page_view", "s~1~~~", hostile, hostile, null)));

        store.add(List.of(contribution(1, HOUR, rollup)));

        assertThat(stored(HOUR)).isEqualTo(rollup);
    }

    /**
     * What a busy hour item costs: a hundred pages, sources and entry pages, the other breakdowns as a real site
     * has them, a 20,000-user sketch and the latest 20 events, with production's strings. Prints the item's size and
     * the write units DynamoDB Local returned; a second write (the next batch) replaces the item, billed on the
     * larger of the two.
     */
    @Test
    void add_whenAnHourIsBusy_printsTheItemSizeAndItsWriteUnits() {
        Random random = new Random(11);
        Map<Dimension, Map<String, Long>> breakdowns = new HashMap<>();
        breakdowns.put(Dimension.PAGE, keys(100, i -> "shop.example.com/p/trail-runner-gtx-mens-black-" + i, random));
        breakdowns.put(Dimension.ENTRY_PAGE, keys(100, i -> "shop.example.com/c/womens/jackets-" + i, random));
        breakdowns.put(Dimension.SOURCE, keys(100, i -> "blog-" + i + ".outdoor-reviews.example.org", random));
        breakdowns.put(Dimension.CAMPAIGN, keys(40, i -> "autumn-sale-2026-" + i, random));
        breakdowns.put(
                Dimension.EVENT_TYPE,
                keys(
                        8,
                        i -> List.of(
                                        "page_view",
                                        "click",
                                        "scroll_depth",
                                        "heartbeat",
                                        "add_to_cart",
                                        "purchase",
                                        "signup",
                                        "search")
                                .get(i),
                        random));
        breakdowns.put(Dimension.CHANNEL, keys(9, i -> "channel_" + i, random));
        breakdowns.put(
                Dimension.DEVICE,
                keys(4, i -> List.of("desktop", "phone", "tablet", "robot").get(i), random));
        breakdowns.put(Dimension.BROWSER, keys(12, i -> "Browser " + i, random));
        breakdowns.put(Dimension.OS, keys(8, i -> "OS " + i, random));
        Hll users = new Hll();
        for (int i = 0; i < 20_000; i++) {
            users.add("anon-" + hex(random));
        }
        List<RecentEvent> recent = new ArrayList<>();
        for (int i = 0; i < Rollup.MAX_RECENT; i++) {
            recent.add(new RecentEvent(
                    HOUR_START + i,
                    hex(random),
                    "page_view",
                    hex(random),
                    "anon-" + hex(random),
                    "shop.example.com/p/merino-base-layer-long-sleeve-womens",
                    "google"));
        }
        Rollup busy = new Rollup(
                new Counts(50_000, 20_000, 4_000, 3_900, 7_200_000_000L, 1_500, 80, 95, 900, 40),
                Map.of(),
                breakdowns,
                users,
                recent);

        measure("busy hour", 1, busy);
        // The same with a hundred referring hosts of random letters, as long as a referrer may be (2,048
        // characters, what the store was given before the processor cut keys), and as cut (200 characters).
        Map<Dimension, Map<String, Long>> hostile = new HashMap<>(breakdowns);
        hostile.put(Dimension.SOURCE, keys(100, i -> randomHost(random, 2_000), random));
        measure("hostile sources, 2,000 characters", 2, new Rollup(busy.totals(), Map.of(), hostile, users, recent));
        hostile.put(Dimension.SOURCE, keys(100, i -> randomHost(random, 200), random));
        measure("hostile sources, cut to 200", 3, new Rollup(busy.totals(), Map.of(), hostile, users, recent));
        // The worst a client can make of an item: pages, entry pages and sources of 200 random astral characters (244
        // KB,
        // 239 write units a put, before the size budget); the budget cuts them to fewer keys, every sum kept.
        for (Dimension dimension : List.of(Dimension.PAGE, Dimension.ENTRY_PAGE, Dimension.SOURCE)) {
            hostile.put(dimension, keys(100, i -> randomAstral(random, 200), random));
        }
        int worst = measure(
                "astral pages, entry pages, sources", 4, new Rollup(busy.totals(), Map.of(), hostile, users, recent));
        assertThat(worst).isLessThan(DynamoDbStatsStore.MAX_ROLLUP_BYTES + 512);
        StatsKey worstKey = StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.HOUR, HOUR_START + 4 * 3_600_000L);
        Rollup stored = RollupCodec.decode(
                item(worstKey, SHARD).get(ItemAttributes.ROLLUP).b().asByteArray());
        for (Dimension dimension : List.of(Dimension.PAGE, Dimension.SOURCE, Dimension.OS)) {
            assertThat(stored.breakdown(dimension).values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .as("%s sum", dimension)
                    .isEqualTo(hostile.get(dimension).values().stream()
                            .mapToLong(Long::longValue)
                            .sum());
        }
    }

    private static String randomAstral(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(0x10000 + random.nextInt(0xF0000));
        }
        return text.toString();
    }

    /** Lower-case letters and digits, as a host name is. */
    private static String randomHost(Random random, int length) {
        StringBuilder host = new StringBuilder();
        for (int i = 0; i < length; i++) {
            host.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36)));
        }
        return host.toString();
    }

    /** Writes the rollup to an hour item, then one more record; prints size and units; returns the size. */
    private int measure(String label, int hour, Rollup rollup) {
        StatsKey key = StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.HOUR, HOUR_START + hour * 3_600_000L);
        String units = MetricNames.WRITE_UNITS + "|" + tables.stats();
        double before = metrics.total(units);
        store.add(List.of(contribution(1, key, rollup)));
        double first = metrics.total(units) - before;
        store.add(List.of(contribution(2, key, Rollup.of(new Counts(1, 0, 0, 0, 0, 0, 0, 0, 0, 0)))));
        double second = metrics.total(units) - before - first;
        Map<String, AttributeValue> item = item(key, SHARD);
        int bytes = ItemSize.bytes(item);
        System.out.printf(
                "stats item (%s): %,d bytes (rollup %,d bytes gzip), write units: first put %.1f, next put %.1f%n",
                label, bytes, item.get(ItemAttributes.ROLLUP).b().asByteArray().length, first, second);
        // DynamoDB Local measures an item a few bytes smaller than ItemSize does
        // (stream-processor/README.md#benchmarks)
        assertThat(first).isBetween(Math.ceil(bytes / 1024.0) - 1, Math.ceil(bytes / 1024.0));
        assertThat(second).isEqualTo(first);
        return bytes;
    }

    private static Map<String, Long> keys(int n, java.util.function.IntFunction<String> key, Random random) {
        Map<String, Long> keys = new HashMap<>();
        for (int i = 0; i < n; i++) {
            keys.put(key.apply(i), 1L + random.nextInt(5_000));
        }
        return keys;
    }

    private static String hex(Random random) {
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }

    private static Rollup pages(Map<String, Long> counts) {
        return new Rollup(Counts.ZERO, Map.of(), Map.of(Dimension.PAGE, counts), null, List.of());
    }

    private static Rollup minuteRollup(int minute, long events) {
        Counts counts = new Counts(events, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        return new Rollup(counts, Map.of(minute, counts), Map.of(), null, List.of());
    }

    private static Contribution contribution(long record, StatsKey key, Rollup delta) {
        return new Contribution(SHARD, sequence(record), key, delta);
    }

    /** Kinesis sequence numbers are 56 digits. */
    private static BigInteger sequence(long record) {
        return new BigInteger("49590338271490256608559692538361571095921575989136588898")
                .add(BigInteger.valueOf(record));
    }

    private Rollup stored(StatsKey key) {
        return stored(key, SHARD);
    }

    private Rollup stored(StatsKey key, String shard) {
        return RollupCodec.decode(
                item(key, shard).get(ItemAttributes.ROLLUP).b().asByteArray());
    }

    private Map<String, AttributeValue> item(StatsKey key, String shard) {
        return aws.dynamoDb()
                .getItem(r -> r.tableName(tables.stats())
                        .key(Map.of(
                                ItemAttributes.STATS_KEY, AttributeValue.fromS(key.value()),
                                ItemAttributes.STATS_SHARD, AttributeValue.fromS(shard)))
                        .consistentRead(true))
                .item();
    }
}
