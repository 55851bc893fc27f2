package io.liveinsight.dashboard.adapter.dynamodb;

import static io.liveinsight.dashboard.support.Fixtures.n;
import static io.liveinsight.dashboard.support.Fixtures.putAll;
import static io.liveinsight.dashboard.support.Fixtures.s;
import static io.liveinsight.dashboard.support.Fixtures.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.dashboard.port.StoreUnavailableException;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Hll;
import io.liveinsight.event.stats.RecentEvent;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The Stats table read back on DynamoDB Local, its items written as the stream processor writes them. */
@WithLocalAws
class DynamoDbStatsReaderTest {

    private static final long HOUR = Instant.parse("2026-12-06T08:00:00Z").toEpochMilli();

    private LocalAws aws;
    private TableNames tables;
    private final Map<String, Double> readUnits = new ConcurrentHashMap<>();

    @BeforeEach
    void tables(LocalAws aws) {
        this.aws = aws;
        this.tables = aws.createTables("StatsRead");
    }

    private DynamoDbStatsReader reader(Clock clock) {
        return new DynamoDbStatsReader(
                aws.dynamoDb(), tables.stats(), (t, u) -> readUnits.merge(t, u, Double::sum), clock);
    }

    private DynamoDbStatsReader reader() {
        return reader(Clock.systemUTC());
    }

    private static StatsKey hour(int plus) {
        return StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.HOUR, HOUR + plus * 3_600_000L);
    }

    private static Counts events(long events) {
        return new Counts(events, events, 1, 1, 1000, 0, 0, 0, 0, 0);
    }

    @Test
    void read_whenSeveralShardsCountedTheBucket_addsTheirItemsAndNoOtherBuckets() {
        Hll first = new Hll();
        first.add("u1");
        first.add("u2");
        Hll second = new Hll();
        second.add("u2");
        second.add("u3");
        putAll(
                aws.dynamoDb(),
                tables.stats(),
                List.of(
                        stats(
                                hour(0),
                                "shardId-000000000001",
                                new Rollup(
                                        events(5),
                                        Map.of(),
                                        Map.of(Dimension.PAGE, Map.of("example.com/", 5L)),
                                        first,
                                        List.of())),
                        stats(
                                hour(0),
                                "shardId-000000000002",
                                new Rollup(
                                        events(7),
                                        Map.of(),
                                        Map.of(Dimension.PAGE, Map.of("example.com/", 2L, "example.com/a", 5L)),
                                        second,
                                        List.of())),
                        stats(hour(1), "shardId-000000000001", Rollup.of(events(100))),
                        stats(
                                StatsKey.of("other-site", Resolution.HOUR, HOUR),
                                "shardId-000000000001",
                                Rollup.of(events(1000)))));

        Rollup rollup = reader().read(hour(0));

        assertThat(rollup.totals()).isEqualTo(events(5).plus(events(7)));
        assertThat(rollup.breakdown(Dimension.PAGE))
                .containsOnly(Map.entry("example.com/", 7L), Map.entry("example.com/a", 5L));
        assertThat(rollup.userCount()).isEqualTo(3);
        assertThat(reader().read(hour(2))).isEqualTo(Rollup.EMPTY);
        assertThat(readUnits).containsKey(tables.stats());
        assertThat(readUnits.get(tables.stats())).isGreaterThan(0);
    }

    @Test
    void read_whenTheBucketIsOverOneMegabyte_readsEveryPage() {
        Random random = new Random(14);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int shard = 0; shard < 30; shard++) {
            Map<Dimension, Map<String, Long>> breakdowns = new EnumMap<>(Dimension.class);
            for (Dimension dimension : Dimension.values()) {
                Map<String, Long> keys = new HashMap<>();
                for (int k = 0; k < Rollup.MAX_KEYS; k++) {
                    keys.put(noise(random, 60), 1L);
                }
                breakdowns.put(dimension, keys);
            }
            items.add(stats(
                    hour(0),
                    String.format("shardId-%012d", shard),
                    new Rollup(events(1), Map.of(), breakdowns, null, List.of())));
        }
        long bytes = items.stream()
                .mapToLong(i -> i.get("ru").b().asByteArray().length)
                .sum();
        putAll(aws.dynamoDb(), tables.stats(), items);

        Rollup rollup = reader().read(hour(0));

        assertThat(bytes).as("stored rollups").isGreaterThan(1_100_000);
        assertThat(rollup.totals().events()).isEqualTo(30);
        assertThat(rollup.breakdown(Dimension.PAGE)).hasSize(30 * Rollup.MAX_KEYS);
    }

    @Test
    void read_whenAnItemIsPastItsTtlButNotYetDeleted_leavesItOut() {
        long realNow = System.currentTimeMillis();
        StatsKey minute = StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.HOUR, HOUR);
        Map<String, AttributeValue> expired = stats(minute, "shardId-000000000001", Rollup.of(events(3)));
        expired.put("expires_at", n(realNow / 1000 + 3600)); // TTL will not delete it during the test
        Map<String, AttributeValue> kept = stats(minute, "shardId-000000000002", Rollup.of(events(4)));
        kept.put("expires_at", n(realNow / 1000 + 3 * 3600));
        Map<String, AttributeValue> forever = stats(minute, "shardId-000000000003", Rollup.of(events(5)));
        forever.remove("expires_at");
        putAll(aws.dynamoDb(), tables.stats(), List.of(expired, kept, forever));

        Clock twoHoursOn = Clock.fixed(Instant.ofEpochMilli(realNow + 2 * 3_600_000L), ZoneOffset.UTC);

        assertThat(reader(twoHoursOn).read(minute).totals().events()).isEqualTo(4 + 5);
        assertThat(reader().read(minute).totals().events()).isEqualTo(3 + 4 + 5);
    }

    @Test
    void readAll_whenManyBuckets_readsThemSideBySideAndAnswersInTheOrderAsked() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        List<StatsKey> keys = new ArrayList<>();
        for (int h = 0; h < 48; h++) {
            keys.add(hour(h));
            items.add(stats(hour(h), "shardId-000000000001", Rollup.of(events(h))));
            items.add(stats(hour(h), "shardId-000000000002", Rollup.of(events(1000))));
        }
        putAll(aws.dynamoDb(), tables.stats(), items);
        Collections.shuffle(keys, new Random(7));
        List<StatsKey> asked = new ArrayList<>(keys);
        asked.add(keys.get(3));

        Map<StatsKey, Rollup> rollups = reader().readAll(asked);

        assertThat(rollups.keySet()).containsExactlyElementsOf(keys);
        rollups.forEach((key, rollup) ->
                assertThat(rollup.totals().events()).isEqualTo(1000 + (key.bucketStart() * 1000 - HOUR) / 3_600_000L));
    }

    @Test
    void readAndReadAll_whenTheTableIsMissing_answerUnavailable() {
        DynamoDbStatsReader missing = new DynamoDbStatsReader(
                aws.dynamoDb(), TableNames.withPrefix("NoSuch").stats(), (t, u) -> {}, Clock.systemUTC());

        assertThatThrownBy(() -> missing.read(hour(0)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("table missing");
        assertThatThrownBy(() -> missing.readAll(List.of(hour(0), hour(1), hour(2))))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("table missing");
    }

    @Test
    void read_whenARollupCannotBeDecoded_failsNamingTheItemInsteadOfCountingWrong() {
        Map<String, AttributeValue> broken = new LinkedHashMap<>();
        broken.put("pk", s(hour(0).value()));
        broken.put("sk", s("shardId-000000000009"));
        broken.put("rv", n(1));
        broken.put("ru", AttributeValue.fromB(SdkBytes.fromUtf8String("not gzip")));
        putAll(
                aws.dynamoDb(),
                tables.stats(),
                List.of(stats(hour(0), "shardId-000000000001", Rollup.of(events(1))), broken));

        assertThatThrownBy(() -> reader().read(hour(0)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("shardId-000000000009");
    }

    @Test
    void read_whenKeysAndEventsHoldAnyCharacters_returnsThemUnchanged() {
        String astral = "\uD83D\uDE00\uD834\uDD1E".repeat(64); // 128 code points
        String hostile = "example.com/<script>alert(1)</script>~#|%00\"'\\";
        RecentEvent event = new RecentEvent(HOUR + 5, astral, "<img onerror=x>", hostile, astral, hostile, "~other");
        Rollup stored = new Rollup(
                events(2),
                Map.of(),
                Map.of(Dimension.PAGE, Map.of(hostile, 1L, astral, 1L), Dimension.CAMPAIGN, Map.of("~#|", 2L)),
                null,
                List.of(event));
        putAll(aws.dynamoDb(), tables.stats(), List.of(stats(hour(0), "shardId-000000000001", stored)));

        Rollup read = reader().read(hour(0));

        assertThat(read.breakdown(Dimension.PAGE)).containsOnlyKeys(hostile, astral);
        assertThat(read.breakdown(Dimension.CAMPAIGN)).containsOnlyKeys("~#|");
        assertThat(read.recent()).containsExactly(event);
    }

    private static String noise(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('!' + random.nextInt(90)));
        }
        return text.toString();
    }
}
