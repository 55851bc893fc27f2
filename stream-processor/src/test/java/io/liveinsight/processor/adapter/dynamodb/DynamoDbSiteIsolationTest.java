package io.liveinsight.processor.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.Event;
import io.liveinsight.event.SessionIds;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.ItemAttributes;
import io.liveinsight.event.contract.MetricNames;
import io.liveinsight.event.contract.Tables;
import io.liveinsight.event.site.SiteScope;
import io.liveinsight.event.stats.RecentEvent;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.RollupCodec;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.processor.concurrent.Parallel;
import io.liveinsight.processor.config.ResilienceSettings;
import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.domain.RecordPosition;
import io.liveinsight.processor.domain.stats.StatsTestRules;
import io.liveinsight.processor.metrics.InMemoryStreamMetrics;
import io.liveinsight.processor.pipeline.BatchWriter;
import io.liveinsight.processor.pipeline.DayFinalizer;
import io.liveinsight.processor.port.DeadLetters.DeadLetter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Sites apart in every table, on DynamoDB Local (docs/contract/sites.md#isolation): three sites (the default one, a
 * short id and the longest) send the same event, session and user ids, hostile ones and the longest session id with
 * a later segment; each site's items are keyed by its scope, its indexes (Events' SessionIndex and UserIndex,
 * ActiveSessions' SiteIndex) return its own items only, its figures count its own events only, and the day
 * finalizer's sites items name every site counted.
 */
@WithLocalAws
class DynamoDbSiteIsolationTest {

    private static final long T = Instant.parse("2026-12-06T10:15:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final String SHARD = "shardId-000000000000";
    private static final String LONGEST_SITE = "9-" + "z".repeat(30);
    /** The default site (events naming none), and two others; site i sends i + 1 page views in {@link #HOSTILE}. */
    private static final List<String> SITES = java.util.Arrays.asList(null, "shop-2", LONGEST_SITE);

    private static final String HOSTILE = "a~1#|\uD83D\uDE00<script>alert(1)</script>";
    private static final String LONGEST = "x".repeat(127) + "~";
    private static final String USER = "u~1|#<img src=x>";

    private final LocalAws aws;
    private final InMemoryStreamMetrics metrics = new InMemoryStreamMetrics();
    private final List<DeadLetter> letters = new ArrayList<>();
    private TableNames tables;
    private BatchWriter writer;
    private long sequence;

    DynamoDbSiteIsolationTest(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void createTables() {
        tables = aws.createTables("SiteIsolation");
        Clock clock = Clock.fixed(Instant.ofEpochMilli(T + 5 * MINUTE), ZoneOffset.UTC);
        TableGuard statsGuard = TableGuard.create(tables.stats(), ResilienceSettings.DEFAULTS, metrics);
        DayFinalizer days = new DayFinalizer(
                Stores.statsStore(aws, tables, metrics),
                new DynamoDbDayStore(aws.dynamoDb(), tables.stats(), statsGuard, metrics, new Parallel(4)),
                StatsKey.DEFAULT_SITE,
                clock);
        writer = new BatchWriter(
                Stores.eventStore(aws, tables),
                Stores.sessionStore(aws, tables, metrics, clock),
                days,
                StatsTestRules.rules(),
                letters::addAll,
                new Parallel(4),
                metrics,
                () -> false,
                wait -> {});
    }

    @Test
    void write_whenThreeSitesShareEventSessionAndUserIds_keepsThemApartInEveryTable() {
        for (int i = 0; i < SITES.size(); i++) {
            // One batch a site, in turn: a later site's ids would be taken for resends if they met an earlier one's.
            assertThat(writer.write(record(traffic(SITES.get(i), i + 1)), List.of()))
                    .isTrue();
        }

        assertThat(letters).isEmpty();
        assertThat(scan(tables.events())).hasSize(1 + 2 + 3 + 3 * 2); // hostile 1, 2, 3 page views; longest 2 each
        for (int i = 0; i < SITES.size(); i++) {
            String site = SITES.get(i);
            String named = site == null ? StatsKey.DEFAULT_SITE : site;
            int views = i + 1;

            // Events: the site's keys, its indexes its own items only.
            Map<String, AttributeValue> e1 = eventItem(SiteScope.eventKey(site, "e1"));
            assertThat(e1.get(ItemAttributes.SITE).s()).isEqualTo(named);
            assertThat(e1.get(ItemAttributes.SESSION_ID).s()).isEqualTo(SiteScope.sessionKey(site, HOSTILE));
            assertThat(e1.get(ItemAttributes.USER_ID).s()).isEqualTo(SiteScope.userKey(site, USER));
            assertThat(query(
                            tables.events(),
                            Tables.SESSION_INDEX,
                            ItemAttributes.SESSION_ID,
                            SiteScope.sessionKey(site, HOSTILE)))
                    .hasSize(views)
                    .allSatisfy(item ->
                            assertThat(item.get(ItemAttributes.SITE).s()).isEqualTo(named));
            assertThat(query(tables.events(), Tables.USER_INDEX, ItemAttributes.USER_ID, SiteScope.userKey(site, USER)))
                    .hasSize(views + 2)
                    .allSatisfy(item ->
                            assertThat(item.get(ItemAttributes.SITE).s()).isEqualTo(named));

            // Sessions: two sessions per site, the longest with a later segment under its scoped derived id.
            Map<String, AttributeValue> session = item(tables.sessions(), SiteScope.sessionKey(site, HOSTILE));
            assertThat(session.get(ItemAttributes.TOTAL_EVENTS).n()).isEqualTo(Integer.toString(views));
            assertThat(session.get(ItemAttributes.PAGE_VIEWS).n()).isEqualTo(Integer.toString(views));
            assertThat(session.get(ItemAttributes.SITE).s()).isEqualTo(named);
            assertThat(session.get(ItemAttributes.USER_ID).s()).isEqualTo(SiteScope.userKey(site, USER));
            assertThat(item(tables.sessions(), SiteScope.sessionKey(site, LONGEST))
                            .get(ItemAttributes.TOTAL_EVENTS)
                            .n())
                    .isEqualTo("1");
            Map<String, AttributeValue> later =
                    item(tables.sessions(), SiteScope.sessionKey(site, SessionIds.segmentId(LONGEST, 1)));
            assertThat(later.get(ItemAttributes.TOTAL_EVENTS).n()).isEqualTo("1");
            assertThat(later.get(ItemAttributes.SITE).s()).isEqualTo(named);

            // ActiveSessions: the site's index reads the site's three segments, nobody else's.
            Set<String> active = new HashSet<>();
            query(tables.activeSessions(), Tables.SITE_INDEX, ItemAttributes.SITE, named)
                    .forEach(item ->
                            active.add(item.get(ItemAttributes.SESSION_ID).s()));
            assertThat(active)
                    .containsExactlyInAnyOrder(
                            SiteScope.sessionKey(site, HOSTILE),
                            SiteScope.sessionKey(site, LONGEST),
                            SiteScope.sessionKey(site, SessionIds.segmentId(LONGEST, 1)));
            Map<String, AttributeValue> projection =
                    item(tables.activeSessions(), SiteScope.sessionKey(site, SessionIds.segmentId(LONGEST, 1)));
            assertThat(projection.get(ItemAttributes.ROOT_SESSION_ID).s())
                    .isEqualTo(SiteScope.sessionKey(site, LONGEST));
            assertThat(projection.get(ItemAttributes.START_TIME)).isNotNull();

            // Stats: the site's hour counts its own events and sessions; its latest events carry the client's ids.
            Rollup hour = rollup(StatsKey.of(named, Resolution.HOUR, T));
            assertThat(hour.totals().events()).isEqualTo(views + 2);
            assertThat(hour.totals().pageViews()).isEqualTo(views + 2);
            assertThat(hour.totals().sessions()).isEqualTo(3);
            assertThat(hour.recent()).extracting(RecentEvent::sessionId).containsOnly(HOSTILE, LONGEST);
            assertThat(hour.recent()).extracting(RecentEvent::userId).containsOnly(USER);
            assertThat(hour.recent()).extracting(RecentEvent::eventId).contains("e1", "l1", "l2");
        }
        assertThat(scan(tables.sessions())).hasSize(3 * 3);
        assertThat(scan(tables.activeSessions())).hasSize(3 * 3);
        Set<String> counted = new HashSet<>();
        query(tables.stats(), null, ItemAttributes.STATS_KEY, "#sites")
                .forEach(
                        item -> counted.add(item.get(ItemAttributes.STATS_SHARD).s()));
        assertThat(counted).containsExactlyInAnyOrder(StatsKey.DEFAULT_SITE, "shop-2", LONGEST_SITE);
    }

    @Test
    void write_whenASiteResendsItsEvents_dropsThemWhileAnotherSitesSameIdsCount() {
        List<Event> shop = traffic("shop-2", 2);
        assertThat(writer.write(record(shop), List.of())).isTrue();
        Rollup before = rollup(StatsKey.of("shop-2", Resolution.HOUR, T));
        double sessionUnits = metrics.total(MetricNames.WRITE_UNITS + "|" + tables.sessions());

        assertThat(writer.write(record(shop), List.of())).isTrue(); // a client resend: a new record, the same ids
        assertThat(metrics.total(MetricNames.WRITE_UNITS + "|" + tables.sessions()))
                .as("a resend writes no session")
                .isEqualTo(sessionUnits);
        assertThat(writer.write(record(traffic(null, 2)), List.of())).isTrue();

        assertThat(rollup(StatsKey.of("shop-2", Resolution.HOUR, T))).isEqualTo(before);
        assertThat(before.totals().events()).isEqualTo(4);
        assertThat(rollup(StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.HOUR, T))
                        .totals()
                        .events())
                .isEqualTo(4);
        assertThat(item(tables.sessions(), SiteScope.sessionKey("shop-2", HOSTILE))
                        .get(ItemAttributes.TOTAL_EVENTS)
                        .n())
                .isEqualTo("2");
        assertThat(item(tables.sessions(), HOSTILE)
                        .get(ItemAttributes.TOTAL_EVENTS)
                        .n())
                .isEqualTo("2");
        assertThat(letters).isEmpty();
    }

    /**
     * One site's traffic: {@code views} page views in the hostile session, and the longest session id twice, 40
     * minutes apart (two segments); every event of one user. Event ids are the same for every site.
     */
    private static List<Event> traffic(String site, int views) {
        List<Event> events = new ArrayList<>();
        for (int i = 1; i <= views; i++) {
            events.add(event("e" + i, HOSTILE, T + i * 1_000, site));
        }
        events.add(event("l1", LONGEST, T + 10_000, site));
        events.add(event("l2", LONGEST, T + 40 * MINUTE, site)); // a later segment, in the same hour
        return events;
    }

    private static Event event(String id, String session, long time, String site) {
        return new Event(
                id,
                USER,
                session,
                "page_view",
                time,
                "https://shop.example/" + (site == null ? "" : site),
                null,
                "Mozilla/5.0 (Windows NT 10.0) Chrome/120",
                Map.of(),
                null,
                null,
                null,
                null,
                time + 5,
                null,
                false,
                false,
                null,
                site);
    }

    private List<PositionedEvent> record(List<Event> events) {
        RecordPosition position = RecordPosition.of(SHARD, Long.toString(++sequence));
        List<PositionedEvent> positioned = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            positioned.add(new PositionedEvent(events.get(i), position.at(i), false));
        }
        return positioned;
    }

    private Map<String, AttributeValue> eventItem(String key) {
        List<Map<String, AttributeValue>> items = query(tables.events(), null, ItemAttributes.EVENT_ID, key);
        assertThat(items).as("Events items of %s", key).hasSize(1);
        return items.get(0);
    }

    private Map<String, AttributeValue> item(String table, String sessionKey) {
        Map<String, AttributeValue> item = aws.dynamoDb()
                .getItem(r -> r.tableName(table)
                        .key(Map.of(ItemAttributes.SESSION_ID, AttributeValue.fromS(sessionKey)))
                        .consistentRead(true))
                .item();
        assertThat(item).as("%s item %s", table, sessionKey).isNotEmpty();
        return item;
    }

    private Rollup rollup(StatsKey hour) {
        Rollup sum = Rollup.EMPTY;
        for (Map<String, AttributeValue> item : query(tables.stats(), null, ItemAttributes.STATS_KEY, hour.value())) {
            sum = sum.plus(RollupCodec.decode(item.get("ru").b().asByteArray()));
        }
        return sum;
    }

    private List<Map<String, AttributeValue>> query(String table, String index, String key, String value) {
        return aws
                .dynamoDb()
                .queryPaginator(r -> r.tableName(table)
                        .indexName(index)
                        .keyConditionExpression("#k = :v")
                        .expressionAttributeNames(Map.of("#k", key))
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value))))
                .items()
                .stream()
                .map(item -> index == null ? item : fetch(table, item))
                .toList();
    }

    /** An index item's full item (the indexes that project keys only). */
    private Map<String, AttributeValue> fetch(String table, Map<String, AttributeValue> keys) {
        if (keys.containsKey(ItemAttributes.SITE) && keys.containsKey(ItemAttributes.TOTAL_EVENTS)) {
            return keys;
        }
        Map<String, AttributeValue> key = table.equals(tables.events())
                ? Map.of(
                        ItemAttributes.EVENT_ID, keys.get(ItemAttributes.EVENT_ID),
                        ItemAttributes.TIMESTAMP, keys.get(ItemAttributes.TIMESTAMP))
                : Map.of(ItemAttributes.SESSION_ID, keys.get(ItemAttributes.SESSION_ID));
        return aws.dynamoDb()
                .getItem(r -> r.tableName(table).key(key).consistentRead(true))
                .item();
    }

    private List<Map<String, AttributeValue>> scan(String table) {
        return aws.dynamoDb().scanPaginator(r -> r.tableName(table)).items().stream()
                .toList();
    }
}
