package io.liveinsight.processor.pipeline.rollups;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.Event;
import io.liveinsight.event.EventValidator;
import io.liveinsight.event.SessionIds;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.processor.domain.SessionAggregate;
import io.liveinsight.processor.domain.stats.StatsTestRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The rollups are exact (stream-processor/README.md#rollups): whatever order the events arrive in, however they are
 * cut into records and batches, resent by clients, replayed by KCL, handed over between workers, or interrupted by a
 * crash at any point of a batch, the hour items (summed over shards), and the day items their shards' hours make,
 * equal a recomputation from the distinct events. Driven through the real {@code BatchWriter}, so the order ledger,
 * rollups, sessions is what is tested. Traffic mixes live visits with replayed ones of two runs (and, now and then, a
 * live event carrying a replayed session's id, which RecordDecoder refuses): each site, the live one and each run's
 * (docs/contract/replay.md#where-a-run-shows), is checked against its own recomputation, and each run's runs item
 * spans the receive times of its distinct events. And traffic of up to three sites (docs/contract/sites.md#isolation)
 * whose visits share session, user and event ids: each site, and each of its runs, equals its own recomputation.
 */
class RollupLawsProperties {

    private static final long MINUTE = 60_000;
    private static final long START = Instant.parse("2026-12-05T20:00:00Z").toEpochMilli();

    /** Client session ids as the contract allows them: any code points, {@code ~ # |}, astral, the longest. */
    private static final List<String> SESSION_IDS = List.of(
            "s",
            "a~1",
            "#|~",
            "<script>alert(1)</script>",
            "\uD835\uDD18ni\u0000~",
            "\uD83D\uDE00".repeat(128),
            "x".repeat(127) + "~");

    private static final List<String> USERS = List.of("u1", "u2", "<img src=x onerror=alert(1)>", "\uD835\uDD18#|");
    private static final List<String> TYPES =
            List.of("page_view", "page_view", "page_view", "click", "heartbeat", "scroll", "purchase", "signup");
    private static final List<String> URLS = Collections.unmodifiableList(java.util.Arrays.asList(
            null,
            "https://shop.example/",
            "https://shop.example/cart",
            "https://shop.example/a#b|~?utm_source=news&utm_medium=email&utm_campaign=%3Cscript%3Ex%3C/script%3E",
            "https://shop.example/\uD83D\uDE00/~#|?gclid=1",
            "https://www.shop.example/p?utm_campaign=Winter%20Sale&utm_source=google&utm_medium=cpc",
            "not a url <b>"));
    private static final List<String> REFERRERS = Collections.unmodifiableList(java.util.Arrays.asList(
            null,
            "https://www.google.com/",
            "https://l.facebook.com/",
            "https://shop.example/cart",
            "android-app://com.linkedin.android/",
            "https://evil.example/\u0000<script>"));
    private static final List<String> AGENTS =
            List.of("Mozilla/5.0 (Windows NT 10.0) Chrome/120", "Mozilla/5.0 (Linux; Android 14) Mobile Firefox/121");

    /** @param live on the live lane even when its visit is a replay (a live client that got hold of the session id) */
    record Step(int gapMillis, String type, String url, String referrer, String agent, boolean bot, boolean live) {}

    /**
     * @param run the replay run the visit belongs to; null for a live visit
     * @param site the site the visit is of; null for the default site
     */
    record Visit(int startMinute, String user, boolean bot, List<Step> steps, String run, String site) {}

    private static final List<String> RUNS = java.util.Arrays.asList(null, null, null, "run-a", "run-b");

    /**
     * The sites of visits: the default one (no site, or named), and two others, one the longest a site id may be. A
     * visit's session and event ids are numbered within its site, so visits of two sites share them (and users).
     */
    private static final List<String> SITES =
            java.util.Arrays.asList(null, null, "default", "shop-2", "9-" + "z".repeat(30));

    @Provide
    Arbitrary<List<Event>> shortSessions() {
        // Now and then a live event carrying a replayed session's id (found 2026-12-06, seed 6287012907882761020: with
        // such events a crash amid the rollups left an extra hour item under the run's site). The edge refuses them
        // and RecordDecoder dead-letters them (SessionIds.laneError), so what reaches the writer is one lane.
        return traffic(uniform(0, 45 * 60_000), 10, true);
    }

    /**
     * Activity that runs past 24 hours (gaps of 15-29 minutes over as many as 120 events), now and then broken by 45
     * minutes or 2 hours: sessions cut at 24 hours, and later segments.
     */
    @Provide
    Arbitrary<List<Event>> longSessions() {
        Arbitrary<Integer> gap = Arbitraries.frequencyOf(
                Tuple.of(200, uniform(15 * 60_000, 29 * 60_000)),
                Tuple.of(1, Arbitraries.just(45 * 60_000)),
                Tuple.of(1, Arbitraries.just(120 * 60_000)));
        return traffic(gap, 120, false);
    }

    /** @param mixing whether a replayed visit may hold a live event */
    private Arbitrary<List<Event>> traffic(Arbitrary<Integer> gap, int maxSteps, boolean mixing) {
        Arbitrary<Step> step = Combinators.combine(
                        gap,
                        Arbitraries.of(TYPES),
                        oneOf(URLS),
                        oneOf(REFERRERS),
                        Arbitraries.of(AGENTS),
                        Arbitraries.integers().between(0, 19).map(n -> n == 0),
                        Arbitraries.integers().between(0, 14).map(n -> mixing && n == 0))
                .as(Step::new);
        Arbitrary<Visit> visit = Combinators.combine(
                        Arbitraries.integers().between(0, 7 * 60),
                        Arbitraries.of(USERS),
                        Arbitraries.integers().between(0, 9).map(n -> n == 0),
                        step.list().ofMinSize(1).ofMaxSize(maxSteps).withSizeDistribution(RandomDistribution.uniform()),
                        oneOf(RUNS),
                        oneOf(SITES))
                .as(Visit::new);
        return visit.list().ofMinSize(2).ofMaxSize(5).map(RollupLawsProperties::events);
    }

    /** Gaps spread evenly (jqwik's default leans to small numbers, which would rarely split a session). */
    private static Arbitrary<Integer> uniform(int min, int max) {
        return Arbitraries.integers().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    /** Any element, null included (which {@code Arbitraries.of} does not take). */
    private static Arbitrary<String> oneOf(List<String> values) {
        return Arbitraries.integers().between(0, values.size() - 1).map(values::get);
    }

    private static List<Event> events(List<Visit> visits) {
        List<Event> events = new ArrayList<>();
        Map<String, Integer> visitsOfSite = new java.util.HashMap<>();
        for (Visit visit : visits) {
            // Numbered within the site: the first visit of every site is session SESSION_IDS[0], events 0-0, 0-1...
            int v = visitsOfSite.merge(visit.site() == null ? "default" : visit.site(), 1, Integer::sum) - 1;
            long time = START + visit.startMinute() * MINUTE;
            String session = visit.run() == null
                    ? SESSION_IDS.get(v)
                    : SessionIds.REPLAY_PREFIX + visit.run() + "~" + SESSION_IDS.get(v);
            for (int i = 0; i < visit.steps().size(); i++) {
                Step step = visit.steps().get(i);
                time += step.gapMillis();
                events.add(new Event(
                        v + "-" + i,
                        visit.user(),
                        session,
                        step.type(),
                        time,
                        step.url(),
                        step.referrer(),
                        step.agent(),
                        Map.of(),
                        null,
                        null,
                        null,
                        null,
                        time,
                        null,
                        visit.bot() || step.bot(),
                        false,
                        step.live() ? null : visit.run(),
                        visit.site()));
            }
        }
        return events;
    }

    @Property(tries = 400)
    void anyArrivalResendReplayCrashOrSplit_givesTheRollupsOfTheDistinctEvents(
            @ForAll("shortSessions") List<Event> events, @ForAll long seed) {
        Random random = new Random(seed);
        List<Event> refused = events.stream()
                .filter(e -> !EventValidator.validate(e).isEmpty())
                .toList();
        Statistics.label("a live event in a replayed session, refused").collect(!refused.isEmpty());
        events = events.stream().filter(e -> !refused.contains(e)).toList(); // as RecordDecoder passes them
        List<Event> delivered = new ArrayList<>(events);
        for (int i = 0, resends = random.nextInt(events.size() + 1); i < resends; i++) {
            delivered.add(events.get(random.nextInt(events.size()))); // a client sends again, in a new record
        }
        Collections.shuffle(delivered, random);
        StreamRun run = new StreamRun(StatsTestRules.rules(), random);

        run.process(run.records(delivered));

        Map<StatsKey, Rollup> expected = RollupReference.ofEvents(events, StatsTestRules.CONVERSIONS);
        collect(run);
        collectLanes(events);
        collectSites(events);
        assertSame(run.rollups(), expected, run);
        assertRuns(run, events);
        assertThat(run.deadLetters()).isEmpty();
    }

    @Property(tries = 200)
    void sessionsPast24Hours_whenResentReplayedCrashedOrSplit_giveRollupsThatAgreeWithTheSessionsTable(
            @ForAll("longSessions") List<Event> events, @ForAll long seed) {
        Random random = new Random(seed);
        // As the edge lets events in: late by up to 20 hours; resends up to 23 hours.
        List<Timed> arrivals = new ArrayList<>();
        events.forEach(e -> arrivals.add(new Timed(e, e.timestamp() + random.nextInt(20 * 60) * MINUTE)));
        for (int i = 0, resends = random.nextInt(events.size() / 4 + 1); i < resends; i++) {
            Event resent = events.get(random.nextInt(events.size()));
            arrivals.add(new Timed(resent, resent.timestamp() + random.nextInt(23 * 60) * MINUTE));
        }
        arrivals.sort(Comparator.comparingLong(Timed::arrival));
        StreamRun run = new StreamRun(StatsTestRules.rules(), random);

        run.process(run.records(arrivals.stream().map(Timed::event).toList()));

        List<SessionAggregate> sessions = run.sessions();
        assertThat(sessions.stream().mapToLong(SessionAggregate::totalEvents).sum())
                .isEqualTo(events.size());
        Map<StatsKey, Rollup> expected =
                RollupReference.ofEventsAndSessions(events, run.sessionsWithSites(), StatsTestRules.CONVERSIONS);
        assertLanes(run.sessionsWithSites(), events);
        assertRuns(run, events);
        collect(run);
        collectLanes(events);
        collectSites(events);
        Statistics.label("a session cut at 24 h").collect(cutAtADay(sessions));
        Statistics.label("events").collect(events.size() / 100 * 100);
        assertSame(run.rollups(), expected, run);
        assertThat(run.deadLetters()).isEmpty();
    }

    /**
     * Where a session reaches 24 hours, the batch decides how it is cut unless the session store applies it record
     * by record: segment [0, 23h36] gets one event 21 minutes after it and then, in the next record, one 6 minutes
     * before it (24h03 apart, inside the edge's 24h05 acceptance). A worker writes both records' rollups and dies;
     * the records come again in two batches. The rollups must still agree with what the Sessions table holds.
     */
    @Example
    void aRecutBatchAtThe24HourLimit_givesRollupsThatAgreeWithTheSessionsTable() {
        List<Event> day = new ArrayList<>();
        for (long minute = 0; minute <= 23 * 60 + 36; minute += 12) {
            day.add(event("d" + minute, "heartbeat", START + minute * MINUTE));
        }
        Event late = event("late", "page_view", START + (23 * 60 + 57) * MINUTE);
        Event early = event("early", "page_view", START - 6 * MINUTE);
        StreamRun run = new StreamRun(StatsTestRules.rules(), new Random(1));
        List<StreamRun.Record> records = run.records(day);
        StreamRun.Record last = records.get(records.size() - 1);
        StreamRun.Record first =
                new StreamRun.Record(last.shardId(), last.sequence().add(java.math.BigInteger.ONE), List.of(late));
        StreamRun.Record second =
                new StreamRun.Record(last.shardId(), last.sequence().add(java.math.BigInteger.TWO), List.of(early));
        for (StreamRun.Record record : records) {
            assertThat(run.write(List.of(record), Fault.NONE)).isTrue();
        }

        assertThat(run.write(List.of(first, second), Fault.AFTER_ROLLUPS)).isFalse();
        assertThat(run.write(List.of(first), Fault.NONE)).isTrue();
        assertThat(run.write(List.of(second), Fault.NONE)).isTrue();

        List<Event> all = new ArrayList<>(day);
        all.add(late);
        all.add(early);
        assertThat(run.sessions()).hasSize(2);
        assertSame(
                run.rollups(),
                RollupReference.ofEventsAndSessions(all, run.sessionsWithSites(), StatsTestRules.CONVERSIONS),
                run);
    }

    private static Event event(String id, String type, long time) {
        return new Event(
                id,
                "u1",
                "s",
                type,
                time,
                "https://shop.example/",
                null,
                AGENTS.get(0),
                Map.of(),
                null,
                null,
                null,
                null,
                time,
                null,
                false,
                false);
    }

    private record Timed(Event event, long arrival) {}

    /** Whether a segment follows another of its session within 30 minutes: the first was cut at 24 hours. */
    private static boolean cutAtADay(List<SessionAggregate> segments) {
        List<SessionAggregate> inOrder = segments.stream()
                .sorted(Comparator.comparing((SessionAggregate s) -> SessionIds.clientSessionId(s.sessionId()))
                        .thenComparingLong(SessionAggregate::startTime))
                .toList();
        for (int i = 1; i < inOrder.size(); i++) {
            SessionAggregate before = inOrder.get(i - 1);
            SessionAggregate after = inOrder.get(i);
            if (SessionIds.clientSessionId(before.sessionId()).equals(SessionIds.clientSessionId(after.sessionId()))
                    && after.startTime() - before.lastActivity() <= 30 * MINUTE) {
                return true;
            }
        }
        return false;
    }

    /** How often each fault came up (printed with the property's report): a law is only as good as its cases. */
    private static void collect(StreamRun run) {
        for (Fault fault : Fault.values()) {
            if (fault != Fault.NONE) {
                Statistics.label(fault.name()).collect(run.faults().contains(fault));
            }
        }
    }

    /** Each site on its own: the live site's items, then each run's, against the recomputation of that site. */
    private static void assertSame(Map<StatsKey, Rollup> actual, Map<StatsKey, Rollup> expected, StreamRun run) {
        java.util.Set<String> sites = new java.util.TreeSet<>();
        actual.keySet().forEach(key -> sites.add(key.site()));
        expected.keySet().forEach(key -> sites.add(key.site()));
        for (String site : sites) {
            Map<StatsKey, Rollup> got = ofSite(actual, site);
            Map<StatsKey, Rollup> want = ofSite(expected, site);
            assertThat(got.keySet())
                    .as("rollup keys of site %s, faults %s", site, run.faults())
                    .containsExactlyInAnyOrderElementsOf(want.keySet());
            want.forEach((key, rollup) -> assertThat(got.get(key))
                    .as("%s, faults %s", key, run.faults())
                    .isEqualTo(rollup));
        }
    }

    private static Map<StatsKey, Rollup> ofSite(Map<StatsKey, Rollup> rollups, String site) {
        Map<StatsKey, Rollup> ofSite = new java.util.HashMap<>();
        rollups.forEach((key, rollup) -> {
            if (key.site().equals(site)) {
                ofSite.put(key, rollup);
            }
        });
        return ofSite;
    }

    /**
     * Each site's run's runs item spans exactly the receive times of its distinct events of the site; no item for
     * another run or site.
     */
    private static void assertRuns(StreamRun run, List<Event> distinct) {
        Map<String, long[]> expected = new java.util.TreeMap<>();
        for (Event event : distinct) {
            if (event.isReplay()) {
                long[] span = expected.computeIfAbsent(RollupReference.siteOf(event) + "/" + event.replayRun(), r ->
                        new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
                span[0] = Math.min(span[0], event.receivedAt());
                span[1] = Math.max(span[1], event.receivedAt());
            }
        }
        assertThat(run.runs().keySet()).as("runs items").containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, span) -> {
            var stored = run.runs().get(name);
            assertThat(stored.site() + "/" + stored.run()).isEqualTo(name);
            assertThat(new long[] {stored.firstAt(), stored.lastAt()})
                    .as("span of %s, faults %s", name, run.faults())
                    .containsExactly(span);
        });
    }

    /**
     * Every stored segment is in its session's lane: the run of its events of its site (these sessions do not mix
     * lanes; another site's session with the same id may be in another).
     */
    private static void assertLanes(List<RollupReference.SiteSession> sessions, List<Event> events) {
        Map<List<String>, String> lanes = new java.util.HashMap<>();
        events.forEach(e -> lanes.put(List.of(RollupReference.siteOf(e), e.sessionId()), e.replayRun()));
        assertThat(sessions).allSatisfy(stored -> assertThat(stored.session().replayRun())
                .as(stored.site() + " " + stored.session().sessionId())
                .isEqualTo(lanes.get(List.of(
                        stored.site(),
                        SessionIds.clientSessionId(stored.session().sessionId())))));
    }

    /** How many sites the traffic had, and whether two of them shared a session id (what isolation is about). */
    private static void collectSites(List<Event> events) {
        Map<String, java.util.Set<String>> sitesOfSession = new java.util.HashMap<>();
        events.forEach(e -> sitesOfSession
                .computeIfAbsent(e.sessionId(), id -> new java.util.HashSet<>())
                .add(RollupReference.siteOf(e)));
        Statistics.label("sites in the traffic")
                .collect(events.stream().map(RollupReference::siteOf).distinct().count());
        Statistics.label("a session id in two sites or more")
                .collect(sitesOfSession.values().stream().anyMatch(sites -> sites.size() > 1));
    }

    /** How much of the traffic was replayed; a session is in one lane. */
    private static void collectLanes(List<Event> events) {
        Map<List<String>, java.util.Set<String>> lanes = new java.util.HashMap<>();
        events.forEach(e -> lanes.computeIfAbsent(
                        List.of(RollupReference.siteOf(e), e.sessionId()), id -> new java.util.HashSet<>())
                .add(e.replayRun() == null ? "live" : e.replayRun()));
        Statistics.label("replay runs in the traffic")
                .collect(events.stream()
                        .map(Event::replayRun)
                        .filter(java.util.Objects::nonNull)
                        .distinct()
                        .count());
        assertThat(lanes.values()).as("lanes of a session").allSatisfy(set -> assertThat(set)
                .hasSize(1));
    }
}
