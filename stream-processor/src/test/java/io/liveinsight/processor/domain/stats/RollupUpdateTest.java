package io.liveinsight.processor.domain.stats;

import static io.liveinsight.processor.domain.stats.CountsBuilder.counts;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.Event;
import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Hll;
import io.liveinsight.event.stats.RecentEvent;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.domain.RecordPosition;
import io.liveinsight.processor.domain.SessionUpdate;
import io.liveinsight.processor.domain.StoredSession;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What one batch of one client session id contributes to the rollups, record by record
 * (stream-processor/README.md#rollups, docs/contract/tables.md#counts): only hour items, each with its minute slots;
 * events in the hour and minute of their time, a session's figures in those of its start and its {@code lastActive}
 * and {@code durationMs} in those of its last event, moved by later records as differences.
 */
class RollupUpdateTest {

    private static final String SHARD = "shardId-000000000000";
    private static final String SESSION = "s1";
    private static final String USER = "u1";
    private static final String GOOGLE = "https://www.google.com/";
    private static final String UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0";
    private static final String LANDING = "https://shop.example/a?utm_source=google&utm_medium=cpc&utm_campaign=Winter";
    private static final String PAGE_B = "https://shop.example/b";
    private static final long DAY_START = Instant.parse("2026-12-05T00:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final StatsRules RULES = StatsTestRules.rules();
    private static final String RUN = "run-a";
    private static final String RUN_SITE = StatsKey.DEFAULT_SITE + "~replay~" + RUN;

    // A new session: two events in the last minutes of 22:00-23:00, two in the first minutes of the next hour.
    private final Event a = event("a", "page_view", at(22, 58, 30), LANDING);
    private final Event b = event("b", "click", at(22, 59, 10), LANDING);
    private final Event c = event("c", "page_view", at(23, 1, 0), PAGE_B);
    private final Event d = event("d", "purchase", at(23, 2, 0), PAGE_B);

    @Test
    void of_whenANewSessionArrivesInTwoRecords_countsEventsAtTheirTimesAndTheSessionAtItsStartAndItsLastEvent() {
        List<Contribution> contributions =
                RollupUpdate.of(null, SESSION, concat(record(1, a, b), record(2, c, d)), RULES);

        Map<StatsKey, Rollup> first = bySequence(contributions, 1);
        assertThat(first.keySet()).containsExactly(hour(a));
        Counts startedBouncing = counts().events(2)
                .pageViews(1)
                .sessions(1)
                .lastActive(1)
                .durationMs(40_000)
                .bounces(1)
                .build();
        Map<Dimension, Map<String, Long>> breakdowns = sessionBreakdowns(LANDING, 1);
        breakdowns.put(Dimension.EVENT_TYPE, Map.of("page_view", 1L, "click", 1L));
        breakdowns.put(Dimension.PAGE, Map.of("shop.example/a", 1L));
        assertThat(first.get(hour(a)))
                .isEqualTo(new Rollup(
                        startedBouncing,
                        Map.of(
                                58,
                                counts().events(1)
                                        .pageViews(1)
                                        .sessions(1)
                                        .bounces(1)
                                        .build(),
                                59,
                                counts().events(1)
                                        .lastActive(1)
                                        .durationMs(40_000)
                                        .build()),
                        breakdowns,
                        users(USER),
                        List.of(recent(b), recent(a))));

        Map<StatsKey, Rollup> second = bySequence(contributions, 2);
        assertThat(second.keySet()).containsExactlyInAnyOrder(hour(a), hour(c));
        // The start's hour: it no longer bounces, it converted; its last event (and duration) left the hour.
        assertThat(second.get(hour(a)))
                .isEqualTo(new Rollup(
                        counts().lastActive(-1)
                                .durationMs(-40_000)
                                .bounces(-1)
                                .converted(1)
                                .build(),
                        Map.of(
                                58,
                                counts().bounces(-1).converted(1).build(),
                                59,
                                counts().lastActive(-1).durationMs(-40_000).build()),
                        Map.of(), // the first touch did not change
                        null,
                        List.of()));
        Counts lateEvents = counts().events(2)
                .pageViews(1)
                .conversions(1)
                .lastActive(1)
                .durationMs(210_000)
                .build();
        assertThat(second.get(hour(c)))
                .isEqualTo(new Rollup(
                        lateEvents,
                        Map.of(
                                1,
                                counts().events(1).pageViews(1).build(),
                                2,
                                counts().events(1)
                                        .conversions(1)
                                        .lastActive(1)
                                        .durationMs(210_000)
                                        .build()),
                        Map.of(
                                Dimension.EVENT_TYPE,
                                Map.of("page_view", 1L, "purchase", 1L),
                                Dimension.PAGE,
                                Map.of("shop.example/b", 1L)),
                        users(USER),
                        List.of(recent(d), recent(c))));

        Map<StatsKey, Rollup> sums = sum(contributions);
        assertThat(sums.get(hour(a)).totals())
                .isEqualTo(
                        counts().events(2).pageViews(1).sessions(1).converted(1).build());
        assertThat(sums.get(hour(c)).totals()).isEqualTo(lateEvents);
    }

    @Test
    void of_whenTheSessionIsExtendedInALaterBatch_movesLastActiveAndDurationByDeltasThatSumRight() {
        List<PositionedEvent> firstBatch = record(1, a, b);
        StoredSession stored = SessionUpdate.apply(null, SESSION, firstBatch).after();

        List<Contribution> later = RollupUpdate.of(stored, SESSION, record(2, c, d), RULES);

        assertThat(later)
                .containsExactlyInAnyOrderElementsOf(
                        RollupUpdate.of(null, SESSION, concat(firstBatch, record(2, c, d)), RULES).stream()
                                .filter(contribution -> contribution.sequence().equals(BigInteger.TWO))
                                .toList());
        Map<StatsKey, Rollup> both = sum(concat(RollupUpdate.of(null, SESSION, firstBatch, RULES), later));
        assertThat(both.keySet()).containsExactlyInAnyOrder(hour(a), hour(c));
        assertThat(both.get(hour(a)).minute(59)).isEqualTo(counts().events(1).build());
        assertThat(both.get(hour(a)).totals().lastActive()).isZero();
        assertThat(both.get(hour(a)).totals().durationMs()).isZero();
        assertThat(both.get(hour(a)).totals().sessions()).isEqualTo(1);
        assertThat(both.get(hour(c)).minute(2).lastActive()).isEqualTo(1);
        assertThat(both.get(hour(c)).minute(2).durationMs()).isEqualTo(d.timestamp() - a.timestamp());
        assertThat(both.get(hour(c)).totals().lastActive()).isEqualTo(1);
        assertThat(both.get(hour(c)).totals().sessions()).isZero();
    }

    @Test
    void of_whenALateEventBridgesTwoSessions_takesOneSessionBackOut() {
        Event first = event("x1", "page_view", at(10, 0, 0), "https://shop.example/x1");
        Event third = event("x3", "page_view", at(10, 45, 0), "https://shop.example/x3");
        Event bridge = event("x2", "page_view", at(10, 20, 0), "https://shop.example/x2");
        List<Contribution> split = RollupUpdate.of(null, SESSION, record(1, first, third), RULES);
        assertThat(sum(split).get(hour(first)).totals().sessions()).isEqualTo(2);
        StoredSession stored =
                SessionUpdate.apply(null, SESSION, record(1, first, third)).after();

        List<Contribution> merged = RollupUpdate.of(stored, SESSION, record(2, bridge), RULES);

        assertThat(bySequence(merged, 2).keySet()).containsExactly(hour(first));
        Rollup change = bySequence(merged, 2).get(hour(first));
        assertThat(change.totals())
                .isEqualTo(counts().events(1)
                        .pageViews(1)
                        .sessions(-1)
                        .lastActive(-1)
                        .durationMs(45 * MINUTE)
                        .bounces(-2)
                        .build());
        // x1's session no longer bounces nor ends at 10:00; x3's is gone; the merged one ends at 10:45, 45 min long.
        assertThat(change.minutes())
                .isEqualTo(Map.of(
                        0,
                        counts().lastActive(-1).bounces(-1).build(),
                        20,
                        counts().events(1).pageViews(1).build(),
                        45,
                        counts().sessions(-1)
                                .bounces(-1)
                                .durationMs(45 * MINUTE)
                                .build()));
        Map<Dimension, Map<String, Long>> expected = sessionBreakdowns("https://shop.example/x1", -1);
        expected.put(Dimension.ENTRY_PAGE, Map.of("shop.example/x3", -1L));
        expected.put(Dimension.EVENT_TYPE, Map.of("page_view", 1L));
        expected.put(Dimension.PAGE, Map.of("shop.example/x2", 1L));
        assertThat(change.breakdowns()).isEqualTo(expected);
        assertThat(change.users()).isEqualTo(users(USER));
        assertThat(change.recent()).containsExactly(recent(bridge));
        Rollup total = sum(concat(split, merged)).get(hour(first));
        assertThat(total.totals())
                .isEqualTo(counts().events(3)
                        .pageViews(3)
                        .sessions(1)
                        .lastActive(1)
                        .durationMs(45 * MINUTE)
                        .build());
        assertThat(total.minutes())
                .isEqualTo(Map.of(
                        0,
                        counts().events(1).pageViews(1).sessions(1).build(),
                        20,
                        counts().events(1).pageViews(1).build(),
                        45,
                        counts().events(1)
                                .pageViews(1)
                                .lastActive(1)
                                .durationMs(45 * MINUTE)
                                .build()));
    }

    @Test
    void of_whenEveryEventIsABot_countsOnlyBotEventsAndOneBotSession() {
        Event crawl1 = bot(event("b1", "page_view", at(9, 0, 0), PAGE_B));
        Event crawl2 = bot(event("b2", "page_view", at(9, 10, 0), PAGE_B));

        Map<StatsKey, Rollup> rollups = sum(RollupUpdate.of(null, SESSION, record(1, crawl1, crawl2), RULES));

        assertThat(rollups.keySet()).containsExactly(hour(crawl1));
        assertThat(rollups.get(hour(crawl1)))
                .isEqualTo(new Rollup(
                        counts().botEvents(2).botSessions(1).build(),
                        Map.of(
                                0,
                                counts().botEvents(1).botSessions(1).build(),
                                10,
                                counts().botEvents(1).build()),
                        Map.of(),
                        null,
                        List.of()));
    }

    @Test
    void of_whenABotEventJoinsAHumanSession_movesTheSessionToTheBotsAndKeepsTheHumanEvents() {
        Event human = event("h1", "page_view", at(9, 0, 0), PAGE_B);
        Event crawl = bot(event("h2", "page_view", at(9, 5, 0), PAGE_B));
        List<Contribution> before = RollupUpdate.of(null, SESSION, record(1, human), RULES);
        StoredSession stored =
                SessionUpdate.apply(null, SESSION, record(1, human)).after();

        List<Contribution> after = RollupUpdate.of(stored, SESSION, record(2, crawl), RULES);

        Map<Dimension, Map<String, Long>> takenBack = sessionBreakdowns(PAGE_B, -1);
        assertThat(bySequence(after, 2).keySet()).containsExactly(hour(human));
        assertThat(bySequence(after, 2).get(hour(human)))
                .isEqualTo(new Rollup(
                        counts().sessions(-1)
                                .lastActive(-1)
                                .bounces(-1)
                                .botEvents(1)
                                .botSessions(1)
                                .build(),
                        Map.of(
                                0,
                                counts().sessions(-1)
                                        .lastActive(-1)
                                        .bounces(-1)
                                        .botSessions(1)
                                        .build(),
                                5,
                                counts().botEvents(1).build()),
                        takenBack,
                        null,
                        List.of()));
        Rollup total = sum(concat(before, after)).get(hour(human));
        assertThat(total.totals())
                .isEqualTo(counts().events(1)
                        .pageViews(1)
                        .botEvents(1)
                        .botSessions(1)
                        .build());
        assertThat(total.minutes())
                .isEqualTo(Map.of(
                        0,
                        counts().events(1).pageViews(1).botSessions(1).build(),
                        5,
                        counts().botEvents(1).build()));
        assertThat(total.breakdowns())
                .isEqualTo(Map.of(
                        Dimension.EVENT_TYPE, Map.of("page_view", 1L), Dimension.PAGE, Map.of("shop.example/b", 1L)));
        assertThat(total.recent()).containsExactly(recent(human));
    }

    @Test
    void of_whenConversionTypesOccur_countsConversionEventsAndConvertedSessionsByTheRules() {
        List<PositionedEvent> batch = record(
                1,
                event("c1", "page_view", at(12, 0, 0), PAGE_B),
                event("c2", "signup", at(12, 1, 0), PAGE_B),
                event("c3", "purchase", at(12, 2, 0), PAGE_B),
                event("c4", "conversion", at(12, 3, 0), PAGE_B));

        assertThat(totals(batch, Set.of("purchase", "signup"))).isEqualTo(new long[] {2, 1});
        assertThat(totals(batch, Set.of("conversion"))).isEqualTo(new long[] {1, 1});
        assertThat(totals(batch, Set.of("refund"))).isEqualTo(new long[] {0, 0});
    }

    @Test
    void of_whenAnEventIsOlderThanTheSealedSegmentsAllow_countsItNeitherFreshNorReplayed() {
        long start = DAY_START - 4 * 24 * HOUR;
        StoredSession stored = SessionUpdate.apply(
                        null,
                        SESSION,
                        concat(
                                record(1, event("o1", "page_view", start, PAGE_B)),
                                record(2, event("o2", "page_view", start + 50 * HOUR, PAGE_B))))
                .after();
        assertThat(stored.sealed()).isEqualTo(1);
        Event tooOld = event("o3", "page_view", start + 25 * HOUR, PAGE_B);

        assertThat(RollupUpdate.of(stored, SESSION, record(3, tooOld), RULES)).isEmpty();
        // KCL replays the record: the Events ledger now says this record stored it, and the session ignores it.
        List<PositionedEvent> replay = record(3, tooOld).stream()
                .map(e -> new PositionedEvent(e.event(), e.position(), true))
                .toList();
        assertThat(SessionUpdate.apply(stored, SESSION, replay).writes()).isEmpty();
        assertThat(RollupUpdate.of(stored, SESSION, replay, RULES)).isEmpty();
    }

    @Test
    void of_whenRecordsCarrySeveralEvents_givesEachRecordsChangesItsOwnSequenceOnce() {
        List<PositionedEvent> batch =
                concat(record(7, a, c, event("late", "click", at(23, 50, 0), PAGE_B)), record(9, b, d));

        List<Contribution> contributions = RollupUpdate.of(null, SESSION, batch, RULES);

        assertThat(contributions)
                .extracting(Contribution::sequence)
                .containsOnly(BigInteger.valueOf(7), BigInteger.valueOf(9));
        assertThat(contributions).extracting(Contribution::shardId).containsOnly(SHARD);
        assertThat(bySequence(contributions, 7).keySet()).containsExactlyInAnyOrder(hour(a), hour(c));
        assertThat(bySequence(contributions, 7).get(hour(c)).totals().events()).isEqualTo(2);
        // Record 7 makes two sessions (a-c, and "late" 49 minutes on). Record 9's b and d count in their own hours;
        // a-c converts (its start's hour) and now ends at d, a minute later in the same hour: lastActive moves from
        // slot 1 to slot 2, the duration grows by a minute.
        assertThat(bySequence(contributions, 9).keySet()).containsExactlyInAnyOrder(hour(a), hour(c));
        assertThat(bySequence(contributions, 9).get(hour(a)).totals())
                .isEqualTo(counts().events(1).converted(1).build());
        assertThat(bySequence(contributions, 9).get(hour(c)).totals())
                .isEqualTo(counts().events(1).conversions(1).durationMs(MINUTE).build());
        assertThat(bySequence(contributions, 9).get(hour(c)).minutes())
                .isEqualTo(Map.of(
                        1,
                        counts().lastActive(-1).durationMs(-2 * MINUTE - 30_000).build(),
                        2,
                        counts().events(1)
                                .conversions(1)
                                .lastActive(1)
                                .durationMs(3 * MINUTE + 30_000)
                                .build()));
    }

    @Test
    void of_whenTheBatchHoldsNothingNew_contributesOnlyWhatTheRecordsCountedBefore() {
        List<PositionedEvent> batch = record(1, a, b);
        StoredSession stored = SessionUpdate.apply(null, SESSION, batch).after();
        List<PositionedEvent> replay = batch.stream()
                .map(e -> new PositionedEvent(e.event(), e.position(), true))
                .toList();

        List<Contribution> again = RollupUpdate.of(stored, SESSION, replay, RULES);

        // The events' own figures, under the record's sequence (which the items' marks skip), and no session change.
        assertThat(sum(again).get(hour(a)).totals())
                .isEqualTo(counts().events(2).pageViews(1).build());
        assertThat(again).extracting(Contribution::sequence).containsOnly(BigInteger.ONE);
    }

    @Test
    void of_whenKeysAreLongerThan200Characters_cutsThemBetweenWholeCharacters() {
        String astral = "\uD83D\uDE00".repeat(300);
        String longName = "b".repeat(1_000);
        StatsRules hostile = new StatsRules(
                Set.of(),
                (referrer, pageUrl, userAgent) -> new Touch(astral, "direct", longName, longName, longName, longName),
                url -> url);
        Event page = event("p", "page_view", at(8, 0, 0), "x" + astral);

        Rollup hour =
                sum(RollupUpdate.of(null, SESSION, record(1, page), hostile)).get(hour(page));

        String cutAstral = "\uD83D\uDE00".repeat(BreakdownKeys.MAX_CHARS);
        String cutPage = "x" + "\uD83D\uDE00".repeat(BreakdownKeys.MAX_CHARS - 1);
        assertThat(hour.breakdown(Dimension.SOURCE)).containsOnlyKeys(cutAstral);
        assertThat(hour.breakdown(Dimension.BROWSER)).containsOnlyKeys("b".repeat(BreakdownKeys.MAX_CHARS));
        assertThat(hour.breakdown(Dimension.PAGE)).containsOnlyKeys(cutPage);
        assertThat(hour.breakdown(Dimension.ENTRY_PAGE)).containsOnlyKeys(cutPage);
        assertThat(hour.recent()).singleElement().satisfies(recent -> {
            assertThat(recent.page()).isEqualTo(cutPage);
            assertThat(recent.source()).isEqualTo(cutAstral);
        });
    }

    // The replay lane (docs/contract/replay.md#where-a-run-shows)

    @Test
    void of_whenTheSessionIsReplayed_countsExactlyWhatALiveOneWouldUnderTheRunsSite() {
        List<PositionedEvent> live = concat(record(1, a, b), record(2, c, d));
        List<PositionedEvent> replayed =
                concat(record(1, replayed(a, RUN), replayed(b, RUN)), record(2, replayed(c, RUN), replayed(d, RUN)));

        List<Contribution> contributions = RollupUpdate.of(null, SESSION, replayed, RULES);

        assertThat(contributions)
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.key().site()).isEqualTo(RUN_SITE));
        Map<StatsKey, Rollup> liveMovedToTheRun = new HashMap<>();
        sum(RollupUpdate.of(null, SESSION, live, RULES))
                .forEach((key, rollup) ->
                        liveMovedToTheRun.put(new StatsKey(RUN_SITE, key.resolution(), key.bucketStart()), rollup));
        assertThat(sum(contributions)).isEqualTo(liveMovedToTheRun);
    }

    @Test
    void of_whenALiveEventCarriesAReplayedSessionsId_countsTheEventLiveAndTheSessionUnderTheRun() {
        List<Contribution> contributions = RollupUpdate.of(
                null, SESSION, concat(record(1, replayed(a, RUN), replayed(b, RUN)), record(2, c)), RULES);

        Map<StatsKey, Rollup> sums = sum(contributions);
        StatsKey liveHour = hour(c);
        StatsKey runStart = new StatsKey(RUN_SITE, Resolution.HOUR, hour(a).bucketStart());
        StatsKey runLast = new StatsKey(RUN_SITE, Resolution.HOUR, hour(c).bucketStart());
        assertThat(sums.keySet()).containsExactlyInAnyOrder(liveHour, runStart, runLast);
        // The live event: its own figures in the live site, no session there.
        assertThat(sums.get(liveHour).totals())
                .isEqualTo(counts().events(1).pageViews(1).build());
        // The session (two page views now, so no bounce) and its last event's figures: the run's.
        assertThat(sums.get(runStart).totals())
                .isEqualTo(counts().events(2).pageViews(1).sessions(1).build());
        assertThat(sums.get(runLast).totals())
                .isEqualTo(counts().lastActive(1)
                        .durationMs(c.timestamp() - a.timestamp())
                        .build());
    }

    @Test
    void of_whenAReplayedEventJoinsASessionStoredLive_movesTheSessionsFiguresFromTheLiveSiteToTheRun() {
        StoredSession before =
                SessionUpdate.apply(null, SESSION, record(1, a, b)).after();

        Map<StatsKey, Rollup> sums = sum(RollupUpdate.of(before, SESSION, record(2, replayed(c, RUN)), RULES));

        StatsKey liveStart = hour(a);
        StatsKey runStart = new StatsKey(RUN_SITE, Resolution.HOUR, hour(a).bucketStart());
        StatsKey runLast = new StatsKey(RUN_SITE, Resolution.HOUR, hour(c).bucketStart());
        // Taken out of the live site: the session as it stood (started, bounced, its last event at b).
        assertThat(sums.get(liveStart).totals())
                .isEqualTo(counts().sessions(-1)
                        .bounces(-1)
                        .lastActive(-1)
                        .durationMs(-(b.timestamp() - a.timestamp()))
                        .build());
        assertThat(sums.get(runStart).totals()).isEqualTo(counts().sessions(1).build());
        assertThat(sums.get(runLast).totals())
                .isEqualTo(counts().events(1)
                        .pageViews(1)
                        .lastActive(1)
                        .durationMs(c.timestamp() - a.timestamp())
                        .build());
    }

    @Test
    void of_whenReplayRunsDiffer_eachEventCountsUnderItsOwnRun() {
        List<Contribution> contributions = RollupUpdate.of(
                null, SESSION, concat(record(1, replayed(a, "run-b")), record(2, replayed(b, RUN))), RULES);

        Map<StatsKey, Rollup> sums = sum(contributions);
        StatsKey runB = new StatsKey(StatsKey.DEFAULT_SITE + "~replay~run-b", Resolution.HOUR, hour(a).bucketStart());
        StatsKey runA = new StatsKey(RUN_SITE, Resolution.HOUR, hour(a).bucketStart());
        assertThat(sums.get(runB).totals().events()).isEqualTo(1);
        assertThat(sums.get(runB).totals().sessions())
                .as("the session went to the first run in sort order")
                .isZero();
        assertThat(sums.get(runA).totals().events()).isEqualTo(1);
        assertThat(sums.get(runA).totals().sessions()).isEqualTo(1);
    }

    private long[] totals(List<PositionedEvent> batch, Set<String> conversions) {
        Counts totals = sum(RollupUpdate.of(null, SESSION, batch, StatsTestRules.rules(conversions)))
                .get(hour(batch.get(0).event()))
                .totals();
        return new long[] {totals.conversions(), totals.converted()};
    }

    /** The session breakdowns of one first touch from {@link #GOOGLE} landing on {@code url}, {@code n} sessions. */
    private static Map<Dimension, Map<String, Long>> sessionBreakdowns(String url, long n) {
        Touch touch = StatsTestRules.touch(GOOGLE, url, UA);
        Map<Dimension, Map<String, Long>> breakdowns = new EnumMap<>(Dimension.class);
        breakdowns.put(Dimension.SOURCE, Map.of(touch.source(), n));
        breakdowns.put(Dimension.CHANNEL, Map.of(touch.channel(), n));
        if (touch.campaign() != null) {
            breakdowns.put(Dimension.CAMPAIGN, Map.of(touch.campaign(), n));
        }
        breakdowns.put(Dimension.DEVICE, Map.of(touch.device(), n));
        breakdowns.put(Dimension.BROWSER, Map.of(touch.browser(), n));
        breakdowns.put(Dimension.OS, Map.of(touch.os(), n));
        breakdowns.put(Dimension.ENTRY_PAGE, Map.of(StatsTestRules.page(url), n));
        return breakdowns;
    }

    private static Hll users(String... ids) {
        Hll users = new Hll();
        for (String id : ids) {
            users.add(id);
        }
        return users;
    }

    private static RecentEvent recent(Event e) {
        return new RecentEvent(
                e.timestamp(),
                e.eventId(),
                e.eventType(),
                e.sessionId(),
                e.userId(),
                StatsTestRules.page(e.pageUrl()),
                StatsTestRules.touch(e.referrer(), e.pageUrl(), null).source());
    }

    /** One record's changes by key; a record changes each key at most once. */
    private static Map<StatsKey, Rollup> bySequence(List<Contribution> contributions, long sequence) {
        Map<StatsKey, Rollup> changes = new HashMap<>();
        contributions.stream()
                .filter(c -> c.sequence().equals(BigInteger.valueOf(sequence)))
                .forEach(c -> assertThat(changes.put(c.key(), c.delta()))
                        .as("a second change of " + c.key() + " by record " + sequence)
                        .isNull());
        return changes;
    }

    private static Map<StatsKey, Rollup> sum(List<Contribution> contributions) {
        Map<StatsKey, Rollup> sums = new HashMap<>();
        contributions.forEach(c -> sums.merge(c.key(), c.delta(), Rollup::plus));
        return sums;
    }

    private static List<PositionedEvent> record(long sequence, Event... events) {
        RecordPosition position = RecordPosition.of(SHARD, Long.toString(sequence));
        List<PositionedEvent> positioned = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            positioned.add(new PositionedEvent(events[i], position.at(i), false));
        }
        return positioned;
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }

    private static StatsKey hour(Event e) {
        return StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.HOUR, e.timestamp());
    }

    private static long at(int hour, int minute, int second) {
        return DAY_START + hour * HOUR + minute * MINUTE + second * 1000L;
    }

    private static Event event(String id, String type, long time, String url) {
        return new Event(
                id, USER, SESSION, type, time, url, GOOGLE, UA, Map.of(), null, null, null, null, time, null, false,
                false);
    }

    private static Event replayed(Event e, String run) {
        return new Event(
                e.eventId(),
                e.userId(),
                e.sessionId(),
                e.eventType(),
                e.timestamp(),
                e.pageUrl(),
                e.referrer(),
                e.userAgent(),
                e.properties(),
                null,
                null,
                null,
                null,
                e.receivedAt(),
                null,
                e.isBot(),
                false,
                run);
    }

    private static Event bot(Event e) {
        return new Event(
                e.eventId(),
                e.userId(),
                e.sessionId(),
                e.eventType(),
                e.timestamp(),
                e.pageUrl(),
                e.referrer(),
                e.userAgent(),
                e.properties(),
                null,
                null,
                null,
                null,
                e.receivedAt(),
                null,
                true,
                false);
    }
}
