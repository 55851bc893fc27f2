package io.liveinsight.processor.adapter.dynamodb;

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
import io.liveinsight.processor.concurrent.Parallel;
import io.liveinsight.processor.config.ResilienceSettings;
import io.liveinsight.processor.domain.stats.Contribution;
import io.liveinsight.processor.metrics.InMemoryStreamMetrics;
import io.liveinsight.processor.port.DayStore;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Day items on DynamoDB Local (docs/contract/tables.md#day-items), beside hour items written by the real
 * {@link DynamoDbStatsStore}: a final day item is the sum of its shard's hour items, written again after a late
 * change, and finishing it twice writes nothing.
 */
@WithLocalAws
class DynamoDbDayStoreTest {

    /** Any text but {@code #}: the contract's hostile characters. */
    private static final String SITE = "<script>alert(1)</script>~|😀𝄞";

    private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");
    private static final StatsKey D = StatsKey.of(SITE, Resolution.DAY, DAY.toEpochMilli());
    private static final String S1 = "shardId-000000000001";
    private static final String S2 = "shardId-000000000002";

    private final LocalAws aws;
    private final InMemoryStreamMetrics metrics = new InMemoryStreamMetrics();

    DynamoDbDayStoreTest(LocalAws aws) {
        this.aws = aws;
    }

    @Test
    void finish_writesTheSumOfTheShardsHourItems_final_withTheirGreatestMark_keptForEver() {
        TableNames tables = aws.createTables("DaySum");
        List<Contribution> s1 = List.of(
                at(S1, 100, DAY.plus(Duration.ofMinutes(7)), "<script>alert(1)</script>", "u1"),
                at(S1, 101, DAY.plus(Duration.ofHours(5)), "😀/🎉", "u2"),
                at(S1, 102, DAY.plus(Duration.ofHours(5).plusMinutes(59)), "<script>alert(1)</script>", "u1"),
                at(S1, 103, DAY.plus(Duration.ofHours(23).plusMinutes(59)), "~other~#|", "u3"));
        hours(tables).add(s1);
        hours(tables)
                .add(List.of(
                        at(S2, 900, DAY.plus(Duration.ofHours(5)), "elsewhere", "u9"),
                        at(S1, 104, DAY.plus(Duration.ofDays(1)), "tomorrow", "u8")));

        boolean wrote = days(tables).finish(S1, D);

        Map<String, AttributeValue> item = item(tables, D, S1);
        Rollup day = RollupCodec.decode(item.get(ItemAttributes.ROLLUP).b().asByteArray());
        assertThat(wrote).isTrue();
        assertThat(item.get(ItemAttributes.FINAL).bool()).isTrue();
        assertThat(item.get(ItemAttributes.MARK).s()).isEqualTo("103");
        assertThat(item.get(ItemAttributes.REVISION).n()).isEqualTo("1");
        assertThat(item).doesNotContainKey(ItemAttributes.EXPIRES_AT);
        assertThat(day.totals()).isEqualTo(new Counts(4, 4, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(day.breakdown(Dimension.PAGE))
                .isEqualTo(Map.of("<script>alert(1)</script>", 2L, "😀/🎉", 1L, "~other~#|", 1L));
        assertThat(day.users()).isEqualTo(users("u1", "u2", "u3"));
        assertThat(day.minutes()).isEmpty();
        assertThat(day.recent()).isEmpty();
        assertThat(item(tables, D, S2)).as("another shard's day is its own").isNull();
    }

    @Test
    void finish_twice_writesOnce() {
        TableNames tables = aws.createTables("DayTwice");
        hours(tables).add(List.of(at(S1, 7, DAY.plus(Duration.ofHours(3)), "p", "u1")));
        DayStore days = days(tables);

        double hourUnits = writeUnits(tables);
        boolean first = days.finish(S1, D);
        double unitsAfterFirst = writeUnits(tables);
        boolean second = days.finish(S1, D);

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(unitsAfterFirst - hourUnits)
                .as("a quiet day's item: one write unit")
                .isEqualTo(1.0);
        assertThat(writeUnits(tables)).isEqualTo(unitsAfterFirst);
        assertThat(item(tables, D, S1).get(ItemAttributes.REVISION).n()).isEqualTo("1");
    }

    @Test
    void finish_afterALateChangeToAnHour_writesTheDayAgain() {
        TableNames tables = aws.createTables("DayLate");
        DynamoDbStatsStore hours = hours(tables);
        DayStore days = days(tables);
        hours.add(List.of(at(S1, 7, DAY.plus(Duration.ofHours(3)), "p", "u1")));
        days.finish(S1, D);

        days.open(S1, D);
        Map<String, AttributeValue> reopened = item(tables, D, S1);
        hours.add(List.of(at(S1, 5_000, DAY.plus(Duration.ofHours(3)), "late", "u2")));
        boolean wrote = days.finish(S1, D);

        Map<String, AttributeValue> item = item(tables, D, S1);
        Rollup day = RollupCodec.decode(item.get(ItemAttributes.ROLLUP).b().asByteArray());
        assertThat(reopened).doesNotContainKeys(ItemAttributes.FINAL, ItemAttributes.ROLLUP, ItemAttributes.MARK);
        assertThat(reopened.get(ItemAttributes.REVISION).n()).isEqualTo("2");
        assertThat(wrote).isTrue();
        assertThat(item.get(ItemAttributes.REVISION).n()).isEqualTo("3");
        assertThat(item.get(ItemAttributes.MARK).s()).isEqualTo("5000");
        assertThat(day.totals().pageViews()).isEqualTo(2);
        assertThat(day.breakdown(Dimension.PAGE)).isEqualTo(Map.of("p", 1L, "late", 1L));
    }

    @Test
    void open_putsAnOpenItemOnce_andLeavesAnOpenOneAsItIs() {
        TableNames tables = aws.createTables("DayOpen");
        DayStore days = days(tables);

        days.open(S1, D);
        double once = writeUnits(tables);
        days.open(S1, D);

        Map<String, AttributeValue> item = item(tables, D, S1);
        assertThat(once).isEqualTo(1.0);
        assertThat(writeUnits(tables))
                .as("the second open reads, and writes nothing")
                .isEqualTo(once);
        assertThat(item.keySet())
                .containsExactlyInAnyOrder(
                        ItemAttributes.STATS_KEY, ItemAttributes.STATS_SHARD, ItemAttributes.REVISION);
        assertThat(item.get(ItemAttributes.STATS_KEY).s()).isEqualTo(SITE + "#d#" + D.bucketStart());
        assertThat(item.get(ItemAttributes.REVISION).n()).isEqualTo("1");
    }

    @Test
    void finish_withNeitherADayItemNorAnHour_writesNothing_andOfAnOpenItemWithoutHours_writesItFinalAndEmpty() {
        TableNames tables = aws.createTables("DayEmpty");
        DayStore days = days(tables);

        boolean nothing = days.finish(S1, D);
        days.open(S2, D);
        boolean empty = days.finish(S2, D);

        assertThat(nothing).isFalse();
        assertThat(item(tables, D, S1)).isNull();
        assertThat(empty).isTrue();
        Map<String, AttributeValue> item = item(tables, D, S2);
        assertThat(item.get(ItemAttributes.FINAL).bool()).isTrue();
        assertThat(RollupCodec.decode(item.get(ItemAttributes.ROLLUP).b().asByteArray()))
                .isEqualTo(Rollup.EMPTY);
    }

    @Test
    void items_listEveryShardsDayItem_withWhetherItIsFinal() {
        TableNames tables = aws.createTables("DayItems");
        DayStore days = days(tables);
        hours(tables).add(List.of(at(S2, 3, DAY.plus(Duration.ofHours(1)), "p", "u")));
        days.open(S1, D);
        days.open(S2, D);
        days.finish(S2, D);

        assertThat(days.items(D)).isEqualTo(Map.of(S1, false, S2, true));
        assertThat(days.items(new StatsKey(SITE, Resolution.DAY, D.bucketStart() + 86_400)))
                .isEmpty();
    }

    @Test
    void finish_byTwoProcessesAtOnce_writesTheSumOnce() throws Exception {
        TableNames tables = aws.createTables("DayRace");
        hours(tables)
                .add(List.of(
                        at(S1, 1, DAY.plus(Duration.ofHours(2)), "a", "u1"),
                        at(S1, 2, DAY.plus(Duration.ofHours(9)), "b", "u2")));
        days(tables).open(S1, D);
        List<DayStore> processes = List.of(days(tables), days(tables), days(tables), days(tables));
        List<Callable<Boolean>> finishes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            DayStore days = processes.get(i % processes.size());
            finishes.add(() -> days.finish(S1, D));
        }

        List<Boolean> wrote = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            for (Future<Boolean> result : threads.invokeAll(finishes)) {
                wrote.add(result.get());
            }
        }

        Map<String, AttributeValue> item = item(tables, D, S1);
        assertThat(wrote).containsOnlyOnce(true);
        assertThat(item.get(ItemAttributes.REVISION).n()).isEqualTo("2");
        assertThat(RollupCodec.decode(item.get(ItemAttributes.ROLLUP).b().asByteArray())
                        .breakdown(Dimension.PAGE))
                .isEqualTo(Map.of("a", 1L, "b", 1L));
    }

    /**
     * A busy day's item: 24 hours, each with 150 new keys in every breakdown (3,600 a day, cut to 100 and
     * {@code ~other}) and 4,000 new users (96,000 a day). Prints its size and the write units its put consumed.
     */
    @Test
    void finish_ofABusyDay_isOneItemOfAFewKilobytes_withExactBreakdownSums() {
        TableNames tables = aws.createTables("DayBusy");
        List<Contribution> busy = new ArrayList<>();
        long pageViews = 0;
        for (int h = 0; h < 24; h++) {
            Map<Dimension, Map<String, Long>> breakdowns = new HashMap<>();
            for (Dimension dimension : Dimension.values()) {
                Map<String, Long> keys = new HashMap<>();
                for (int i = 0; i < 150; i++) {
                    keys.put("example.com/section-" + (i % 7) + "/hour-" + h + "/page-" + i, 1_000L - i);
                }
                breakdowns.put(dimension, keys);
            }
            pageViews += breakdowns.get(Dimension.PAGE).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            Hll users = new Hll();
            for (int u = 0; u < 4_000; u++) {
                users.add("user-" + h + "-" + u);
            }
            Counts counts = new Counts(200_000, 150_000, 4_000, 4_000, 1_000_000_000L, 1_000, 80, 90, 500, 20);
            busy.add(new Contribution(
                    S1,
                    BigInteger.valueOf(h + 1),
                    StatsKey.of(
                            SITE, Resolution.HOUR, DAY.plus(Duration.ofHours(h)).toEpochMilli()),
                    new Rollup(counts, Map.of(0, counts), breakdowns, users, List.of())));
        }
        hours(tables).add(busy);
        double before = writeUnits(tables);

        days(tables).finish(S1, D);

        double units = writeUnits(tables) - before;
        Map<String, AttributeValue> item = item(tables, D, S1);
        int bytes = item.get(ItemAttributes.ROLLUP).b().asByteArray().length;
        Rollup day = RollupCodec.decode(item.get(ItemAttributes.ROLLUP).b().asByteArray());
        assertThat(day.breakdown(Dimension.PAGE)).hasSize(Rollup.MAX_KEYS + 1);
        assertThat(day.breakdown(Dimension.PAGE).values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(pageViews);
        assertThat(day.totals().events()).isEqualTo(24 * 200_000L);
        assertThat(bytes).isLessThan(30 * 1024);
        System.out.printf(
                "busy day item: ru %d bytes gzip (item %d B by ItemSize), %.1f write units; users estimate %d of"
                        + " 96000%n",
                bytes, ItemSize.bytes(item), units, day.userCount());
    }

    private DynamoDbStatsStore hours(TableNames tables) {
        return new DynamoDbStatsStore(aws.dynamoDb(), tables.stats(), guard(tables), metrics, new Parallel(4));
    }

    private DynamoDbDayStore days(TableNames tables) {
        return new DynamoDbDayStore(aws.dynamoDb(), tables.stats(), guard(tables), metrics, new Parallel(24));
    }

    private TableGuard guard(TableNames tables) {
        return TableGuard.create(tables.stats(), ResilienceSettings.DEFAULTS, metrics);
    }

    private double writeUnits(TableNames tables) {
        return metrics.total(MetricNames.WRITE_UNITS + "|" + tables.stats());
    }

    private Map<String, AttributeValue> item(TableNames tables, StatsKey key, String shardId) {
        Map<String, AttributeValue> item = aws.dynamoDb()
                .getItem(r -> r.tableName(tables.stats())
                        .consistentRead(true)
                        .key(Map.of(
                                ItemAttributes.STATS_KEY,
                                AttributeValue.fromS(key.value()),
                                ItemAttributes.STATS_SHARD,
                                AttributeValue.fromS(shardId))))
                .item();
        return item == null || item.isEmpty() ? null : item;
    }

    /** A page view of {@code page} by {@code user} at {@code time}, carried by record {@code sequence}. */
    private static Contribution at(String shardId, long sequence, Instant time, String page, String user) {
        Counts view = new Counts(1, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        int minute = (int) ((time.getEpochSecond() / 60) % 60);
        return new Contribution(
                shardId,
                BigInteger.valueOf(sequence),
                StatsKey.of(SITE, Resolution.HOUR, time.toEpochMilli()),
                new Rollup(
                        view,
                        Map.of(minute, view),
                        Map.of(Dimension.PAGE, Map.of(page, 1L)),
                        users(user),
                        List.of(new RecentEvent(
                                time.toEpochMilli(), "e" + sequence, "page_view", "s", user, page, "direct"))));
    }

    private static Hll users(String... ids) {
        Hll hll = new Hll();
        for (String id : ids) {
            hll.add(id);
        }
        return hll;
    }
}
