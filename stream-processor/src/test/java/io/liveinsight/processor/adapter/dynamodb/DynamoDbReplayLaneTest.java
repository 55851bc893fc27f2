package io.liveinsight.processor.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.Event;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.ItemAttributes;
import io.liveinsight.event.contract.MetricNames;
import io.liveinsight.event.replay.ReplayIds;
import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.RollupCodec;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.processor.concurrent.Parallel;
import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.domain.RecordPosition;
import io.liveinsight.processor.domain.stats.RunSpan;
import io.liveinsight.processor.domain.stats.StatsTestRules;
import io.liveinsight.processor.metrics.InMemoryStreamMetrics;
import io.liveinsight.processor.pipeline.BatchWriter;
import io.liveinsight.processor.port.StreamMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The replay lane in the tables, on DynamoDB Local (docs/contract/replay.md#where-a-run-shows,
 * docs/contract/tables.md#runs-items): replayed events and their sessions stored with {@code replay_run}, their rollups
 * under the run's site with the live site's items untouched, and the runs item widened, never narrowed.
 */
@WithLocalAws
class DynamoDbReplayLaneTest {

    private static final ReplayKey KEY = ReplayKey.of("dynamodb-replay-key-0123456789");
    private static final String RUN = "run-2026-12-06-" + "x".repeat(25); // 40 characters: the longest run id
    private static final String RUN_SITE = StatsKey.DEFAULT_SITE + "~replay~" + RUN;
    private static final long T = Instant.parse("2026-12-06T10:15:00Z").toEpochMilli();
    private static final String SHARD = "shardId-000000000000";

    /** Original ids as the contract allows them: {@code ~ # |}, astral, markup. */
    private static final List<String> SESSIONS =
            List.of("s~1#|", "\uD83D\uDE00<script>alert(1)</script>", "x".repeat(128));

    private final LocalAws aws;
    private final InMemoryStreamMetrics metrics = new InMemoryStreamMetrics();
    private TableNames tables;
    private DynamoDbStatsStore stats;
    private BatchWriter writer;

    DynamoDbReplayLaneTest(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void createTables() {
        tables = aws.createTables("ReplayLane");
        stats = Stores.statsStore(aws, tables, metrics);
        writer = new BatchWriter(
                Stores.eventStore(aws, tables),
                Stores.sessionStore(
                        aws, tables, StreamMetrics.NONE, Clock.fixed(Instant.ofEpochMilli(T), ZoneOffset.UTC)),
                stats,
                StatsTestRules.rules(),
                letters -> {
                    throw new AssertionError("nothing is dead-lettered here: " + letters);
                },
                new Parallel(4),
                metrics,
                () -> false,
                wait -> {});
    }

    @Test
    void write_whenEventsAreReplayed_storesEveryItemOfTheRunWithReplayRun_andLiveOnesWithout() {
        List<Event> live = traffic();
        List<Event> replayed = mapped(live, RUN);

        assertThat(writer.write(record(1, live), List.of())).isTrue();
        assertThat(writer.write(record(2, replayed), List.of())).isTrue();

        for (Event event : live) {
            assertThat(eventItem(event)).doesNotContainKey(ItemAttributes.REPLAY_RUN);
        }
        for (Event event : replayed) {
            assertThat(eventItem(event)).containsEntry(ItemAttributes.REPLAY_RUN, AttributeValue.fromS(RUN));
        }
        for (String session : SESSIONS) {
            String mapped = new ReplayIds(KEY, RUN).sessionId(session);
            assertThat(sessionItem(tables.sessions(), session)).doesNotContainKey(ItemAttributes.REPLAY_RUN);
            assertThat(sessionItem(tables.activeSessions(), session)).doesNotContainKey(ItemAttributes.REPLAY_RUN);
            assertThat(sessionItem(tables.sessions(), mapped))
                    .containsEntry(ItemAttributes.REPLAY_RUN, AttributeValue.fromS(RUN));
            // ActiveSessions holds live sessions only (docs/contract/replay.md#where-a-run-shows)
            assertThat(sessionItem(tables.activeSessions(), session)).isNotEmpty();
            assertThat(storedOrEmpty(tables.activeSessions(), mapped)).isEmpty();
        }
    }

    @Test
    void write_whenTheSessionGoesOnInALaterBatch_keepsReplayRunOnItsItems() {
        List<Event> replayed = mapped(traffic(), RUN);
        Event later = new ReplayIds(KEY, RUN)
                .map(event("later", SESSIONS.get(0), "page_view", T + 5 * 60_000, "https://shop.example/cart"));

        writer.write(record(1, replayed), List.of());
        writer.write(record(2, List.of(later)), List.of());

        Map<String, AttributeValue> session = sessionItem(tables.sessions(), later.sessionId());
        assertThat(session.get(ItemAttributes.TOTAL_EVENTS).n()).isEqualTo("3");
        assertThat(session).containsEntry(ItemAttributes.REPLAY_RUN, AttributeValue.fromS(RUN));
        assertThat(storedOrEmpty(tables.activeSessions(), later.sessionId())).isEmpty();
    }

    @Test
    void write_whenARunReplaysTheLiveTraffic_countsItUnderTheRunsSite_andLeavesTheLiveItemsAsTheyWere() {
        List<Event> live = traffic();
        writer.write(record(1, live), List.of());
        Map<String, Map<String, AttributeValue>> liveItems = statsItems(StatsKey.DEFAULT_SITE);

        writer.write(record(2, mapped(live, RUN)), List.of());
        writer.write(record(3, mapped(live, "run-b")), List.of());

        assertThat(statsItems(StatsKey.DEFAULT_SITE)).isEqualTo(liveItems);
        StatsKey hour = StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.HOUR, T);
        Rollup liveHour = rollup(liveItems.get(hour.value()));
        for (String site : List.of(RUN_SITE, StatsKey.DEFAULT_SITE + "~replay~run-b")) {
            Map<String, Map<String, AttributeValue>> runItems = statsItems(site);
            String runHour = new StatsKey(site, Resolution.HOUR, hour.bucketStart()).value();
            assertThat(runItems).containsOnlyKeys(runHour);
            Rollup replayHour = rollup(runItems.get(runHour));
            // The same events and sessions, under mapped ids: the same figures and breakdowns.
            assertThat(replayHour.totals()).isEqualTo(liveHour.totals());
            assertThat(replayHour.breakdowns()).isEqualTo(liveHour.breakdowns());
            assertThat(replayHour.totals().sessions()).isEqualTo(SESSIONS.size());
        }
    }

    @Test
    void write_whenARunsEventsComeAgain_leavesItsRunsItemAsItIs() {
        List<Event> replayed = mapped(traffic(), RUN);
        writer.write(record(1, replayed), List.of());
        Map<String, AttributeValue> once = runsItem(RUN);

        writer.write(record(1, replayed), List.of()); // KCL gives the record again
        writer.write(record(2, replayed), List.of()); // a client resent them: the ledger drops them

        assertThat(runsItem(RUN)).isEqualTo(once);
        long first = replayed.stream().mapToLong(Event::receivedAt).min().orElseThrow();
        long last = replayed.stream().mapToLong(Event::receivedAt).max().orElseThrow();
        assertThat(once.get(ItemAttributes.STATS_KEY).s()).isEqualTo("default#runs");
        assertThat(once.get(ItemAttributes.STATS_SHARD).s()).isEqualTo(RUN);
        assertThat(once.get(ItemAttributes.FIRST_AT).n()).isEqualTo(Long.toString(first));
        assertThat(once.get(ItemAttributes.LAST_AT).n()).isEqualTo(Long.toString(last));
        assertThat(once.get(ItemAttributes.EXPIRES_AT).n())
                .isEqualTo(Long.toString(last / 1000 + Duration.ofDays(400).toSeconds()));
        assertThat(once.get(ItemAttributes.REVISION).n()).isEqualTo("1");
    }

    @Test
    void seen_fromTwoProcessesInAnyOrder_widensTheRunsItem_neverNarrowsIt() {
        DynamoDbStatsStore other = Stores.statsStore(aws, tables, metrics); // another shard's processor
        String units = MetricNames.WRITE_UNITS + "|" + tables.stats();

        stats.seen(List.of(new RunSpan("default", RUN, 5_000, 6_000)));
        other.seen(List.of(new RunSpan("default", RUN, 7_000, 9_000))); // later
        stats.seen(List.of(new RunSpan("default", RUN, 2_000, 3_000))); // a lagging shard: earlier
        other.seen(List.of(new RunSpan("default", RUN, 4_000, 8_000))); // inside: nothing to write
        stats.seen(List.of(new RunSpan("default", RUN, 5_000, 5_500))); // this process's cache is stale: reads again

        Map<String, AttributeValue> item = runsItem(RUN);
        assertThat(item.get(ItemAttributes.FIRST_AT).n()).isEqualTo("2000");
        assertThat(item.get(ItemAttributes.LAST_AT).n()).isEqualTo("9000");
        assertThat(item.get(ItemAttributes.REVISION).n()).isEqualTo("3");
        // Three widenings, one PutItem of one write unit each (the item is about 120 bytes); the covered spans cost
        // none here. (The two puts refused by their condition cost nothing on DynamoDB Local; on AWS a write each.)
        System.out.printf("runs item: %.1f write units for 3 widenings of 5 spans%n", metrics.total(units));
        assertThat(metrics.total(units)).isEqualTo(3.0);
    }

    @Test
    void runsSince_listsTheRunsOfTheSiteCountedSinceThen() {
        stats.seen(List.of(
                new RunSpan("default", "old", 1_000, 2_000),
                new RunSpan("default", "recent", 1_000, 50_000),
                new RunSpan("other-site", "elsewhere", 1_000, 90_000)));

        assertThat(stats.runsSince("default", 10_000)).containsExactly("recent");
        assertThat(stats.runsSince("default", 0)).containsExactlyInAnyOrder("old", "recent");
        assertThat(stats.runsSince("nobody", 0)).isEmpty();
    }

    /** Three sessions of two events each, at T. */
    private static List<Event> traffic() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < SESSIONS.size(); i++) {
            String session = SESSIONS.get(i);
            events.add(event("e" + i + "a", session, "page_view", T + i * 1_000, "https://shop.example/" + i));
            events.add(event("e" + i + "b", session, "click", T + i * 1_000 + 30_000, "https://shop.example/" + i));
        }
        return events;
    }

    private static List<Event> mapped(List<Event> events, String run) {
        ReplayIds ids = new ReplayIds(KEY, run);
        return events.stream().map(ids::map).toList();
    }

    private static Event event(String id, String session, String type, long time, String page) {
        return new Event(
                id,
                "u-" + session,
                session,
                type,
                time,
                page,
                "https://www.google.com/",
                "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
                Map.of(),
                null,
                null,
                null,
                null,
                time + 20,
                "198.51.100.0",
                false,
                false);
    }

    private static List<PositionedEvent> record(long sequence, List<Event> events) {
        RecordPosition position = RecordPosition.of(SHARD, Long.toString(sequence));
        List<PositionedEvent> positioned = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            positioned.add(new PositionedEvent(events.get(i), position.at(i), false));
        }
        return positioned;
    }

    private Map<String, AttributeValue> eventItem(Event event) {
        return aws.dynamoDb()
                .getItem(r -> r.tableName(tables.events())
                        .key(Map.of(
                                ItemAttributes.EVENT_ID,
                                AttributeValue.fromS(event.eventId()),
                                ItemAttributes.TIMESTAMP,
                                AttributeValue.fromN(Long.toString(event.timestamp())))))
                .item();
    }

    private Map<String, AttributeValue> sessionItem(String table, String sessionId) {
        Map<String, AttributeValue> item = storedOrEmpty(table, sessionId);
        assertThat(item).as(table + " " + sessionId).isNotEmpty();
        return item;
    }

    private Map<String, AttributeValue> storedOrEmpty(String table, String sessionId) {
        return aws.dynamoDb()
                .getItem(
                        r -> r.tableName(table).key(Map.of(ItemAttributes.SESSION_ID, AttributeValue.fromS(sessionId))))
                .item();
    }

    private Map<String, AttributeValue> runsItem(String run) {
        return aws.dynamoDb()
                .getItem(r -> r.tableName(tables.stats()).key(RunItems.key("default", run)))
                .item();
    }

    /** The hour and day items of {@code site}, by {@code pk} (one shard here). */
    private Map<String, Map<String, AttributeValue>> statsItems(String site) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        aws.dynamoDb().scanPaginator(r -> r.tableName(tables.stats())).items().forEach(item -> {
            String pk = item.get(ItemAttributes.STATS_KEY).s();
            if (pk.startsWith(site + "#h#") || pk.startsWith(site + "#d#")) {
                items.put(pk, item);
            }
        });
        return items;
    }

    private static Rollup rollup(Map<String, AttributeValue> item) {
        return RollupCodec.decode(item.get(ItemAttributes.ROLLUP).b().asByteArray());
    }
}
