package io.liveinsight.processor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.processor.ManualClock;
import io.liveinsight.processor.domain.stats.Contribution;
import io.liveinsight.processor.domain.stats.DayRules;
import io.liveinsight.processor.domain.stats.RunSpan;
import io.liveinsight.processor.port.DayStore;
import io.liveinsight.processor.port.StatsStore;
import io.liveinsight.processor.port.StoreUnavailableException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The day finalizer around the hour writes (docs/contract/tables.md#day-items), on fakes that log every call: open
 * before the hours, finish after them once final, the sweeps and start-up checks between batches. No test sleeps.
 */
class DayFinalizerTest {

    private static final String SITE = StatsKey.DEFAULT_SITE;
    private static final Instant DAY = Instant.parse("2026-12-01T00:00:00Z");
    private static final StatsKey D = StatsKey.of(SITE, Resolution.DAY, DAY.toEpochMilli());
    private static final Instant D_FINAL = DAY.plus(Duration.ofDays(1)).plus(DayRules.FINAL_AFTER);
    private static final String S1 = "shardId-000000000001";
    private static final String S2 = "shardId-000000000002";

    private final List<String> log = new ArrayList<>();
    private final ManualClock clock = new ManualClock(DAY.plus(Duration.ofHours(10)));
    private final FakeDays days = new FakeDays();
    private Runnable duringHours = () -> {};
    private final DayFinalizer finalizer = new DayFinalizer(
            contributions -> {
                log.add("hours " + contributions.size());
                duringHours.run();
            },
            days,
            SITE,
            clock);

    @Test
    void add_whenTheDayIsNotFinal_opensItsItemOnceBeforeTheFirstHourWrite_andFinishesNothing() {
        finalizer.add(List.of(at(S1, DAY.plus(Duration.ofHours(9)), 1)));
        finalizer.add(List.of(at(S1, DAY.plus(Duration.ofHours(9)), 2), at(S1, DAY.plus(Duration.ofHours(3)), 2)));

        assertThat(log).containsExactly("open " + S1 + " " + D, "hours 1", "hours 2");
    }

    @Test
    void add_perShardAndDay_opensEach() {
        Instant midnight = DAY.plus(Duration.ofDays(1));
        StatsKey next = DayRules.dayOf(StatsKey.of(SITE, Resolution.HOUR, midnight.toEpochMilli()));

        finalizer.add(
                List.of(at(S1, midnight.minusSeconds(1), 1), at(S1, midnight, 1), at(S2, midnight.minusSeconds(5), 7)));

        assertThat(log)
                .containsExactly("open " + S1 + " " + D, "open " + S1 + " " + next, "open " + S2 + " " + D, "hours 3");
    }

    @Test
    void add_whenTheDayIsFinal_reopensItBeforeTheHoursAndFinishesItAfter_everyBatch() {
        clock.advance(Duration.between(clock.instant(), D_FINAL.plus(Duration.ofDays(3))));

        finalizer.add(List.of(at(S1, DAY.plus(Duration.ofHours(23)), 50)));
        finalizer.add(List.of(at(S1, DAY.plus(Duration.ofHours(22)), 51)));

        assertThat(log)
                .containsExactly(
                        "open " + S1 + " " + D,
                        "hours 1",
                        "finish " + S1 + " " + D,
                        "open " + S1 + " " + D,
                        "hours 1",
                        "finish " + S1 + " " + D);
    }

    @Test
    void add_withinAnHourOfTheDayBeingFinal_checksItsItemBeforeEveryBatch_asAnotherClockMayHaveFinishedIt() {
        clock.advance(Duration.between(
                clock.instant(), D_FINAL.minus(DayFinalizer.CLOCKS_APART).minusSeconds(2)));

        finalizer.add(List.of(at(S1, DAY.plus(Duration.ofHours(23)), 50)));
        finalizer.add(List.of(at(S1, DAY.plus(Duration.ofHours(23)), 51)));
        clock.advance(Duration.ofSeconds(2));
        finalizer.add(List.of(at(S1, DAY.plus(Duration.ofHours(23)), 52)));
        finalizer.add(List.of(at(S1, DAY.plus(Duration.ofHours(23)), 53)));

        assertThat(log)
                .containsExactly(
                        "open " + S1 + " " + D,
                        "hours 1",
                        "hours 1",
                        "open " + S1 + " " + D,
                        "hours 1",
                        "open " + S1 + " " + D,
                        "hours 1");
    }

    @Test
    void add_whenTheDayBecomesFinalDuringTheHourWrites_finishesItAfter() {
        clock.advance(Duration.between(clock.instant(), D_FINAL.minusSeconds(1)));
        duringHours = () -> clock.advance(Duration.ofSeconds(1));

        finalizer.add(List.of(at(S1, DAY.plus(Duration.ofHours(23)), 50)));

        assertThat(log).containsExactly("open " + S1 + " " + D, "hours 1", "finish " + S1 + " " + D);
    }

    @Test
    void add_whenOpeningFails_writesNoHour_andTheBatchIsRetried() {
        days.failOpen = true;

        assertThatThrownBy(() -> finalizer.add(List.of(at(S1, DAY.plus(Duration.ofHours(9)), 1))))
                .isInstanceOf(StoreUnavailableException.class);
        days.failOpen = false;
        finalizer.add(List.of(at(S1, DAY.plus(Duration.ofHours(9)), 1)));

        assertThat(log).containsExactly("open " + S1 + " " + D, "open " + S1 + " " + D, "hours 1");
    }

    @Test
    void add_whenFinishingFails_storesTheBatch_andTheNextSweepFinishesTheOpenItem() {
        clock.advance(Duration.between(clock.instant(), D_FINAL));
        days.failFinish = true;

        finalizer.add(List.of(at(S1, DAY.plus(Duration.ofHours(23)), 50)));
        days.failFinish = false;
        days.open.put(D, new LinkedHashMap<>(Map.of(S1, false)));
        finalizer.tick();

        assertThat(log.subList(0, 3)).containsExactly("open " + S1 + " " + D, "hours 1", "finish " + S1 + " " + D);
        assertThat(log.subList(3, log.size()))
                .as("the sweep")
                .filteredOn(line -> line.startsWith("finish"))
                .containsExactly("finish " + S1 + " " + D);
    }

    @Test
    void tick_sweepsTheLastDays_finishingOpenItemsOfAnyShard_everyFifteenMinutes() {
        clock.advance(Duration.between(clock.instant(), D_FINAL));
        days.open.put(D, new LinkedHashMap<>(Map.of(S1, true, S2, false, "shardId-parent", false)));
        List<StatsKey> recent = DayRules.recentFinalDays(SITE, clock.instant());

        finalizer.tick();
        clock.advance(DayFinalizer.SWEEP_EVERY.minusSeconds(1));
        finalizer.tick();
        int afterOne = log.size();
        clock.advance(Duration.ofSeconds(1));
        finalizer.tick();

        assertThat(recent).endsWith(D);
        assertThat(log.subList(0, afterOne))
                .filteredOn(line -> line.startsWith("items"))
                .hasSize(recent.size());
        assertThat(log.subList(0, afterOne))
                .filteredOn(line -> line.startsWith("finish"))
                .containsExactlyInAnyOrder("finish " + S2 + " " + D, "finish shardId-parent " + D);
        assertThat(log.subList(afterOne, log.size()))
                .as("the second sweep")
                .filteredOn(line -> line.startsWith("items"))
                .hasSize(recent.size());
    }

    @Test
    void tick_afterAShardStarts_finishesItsLastFinalDaysOnce() {
        clock.advance(Duration.between(clock.instant(), D_FINAL));
        finalizer.tick(); // the first sweep
        log.clear();

        finalizer.started(S1);
        finalizer.started(S1);
        finalizer.tick();
        finalizer.started(S1);
        finalizer.tick();

        assertThat(log)
                .containsExactlyElementsOf(DayRules.recentFinalDays(SITE, clock.instant()).stream()
                        .map(day -> "finish " + S1 + " " + day)
                        .toList());
    }

    @Test
    void tick_whenTheStoreFails_neverThrows_andTriesAgainAMinuteLater() {
        clock.advance(Duration.between(clock.instant(), D_FINAL));
        days.failFinish = true;
        days.failItems = true;
        finalizer.started(S1);

        finalizer.tick();
        int firstTry = log.size();
        clock.advance(DayFinalizer.RETRY_AFTER.minusSeconds(1));
        finalizer.tick();
        int stillWaiting = log.size();
        days.failFinish = false;
        days.failItems = false;
        clock.advance(Duration.ofSeconds(1));
        finalizer.tick();

        assertThat(firstTry).isPositive();
        assertThat(stillWaiting).isEqualTo(firstTry);
        assertThat(log.subList(stillWaiting, log.size()))
                .filteredOn(line -> line.startsWith("finish " + S1))
                .hasSize(DayRules.recentFinalDays(SITE, clock.instant()).size());
    }

    // Replay runs' sites (docs/contract/replay.md#where-a-run-shows)

    private static final String RUN_SITE = SITE + "~replay~run-a";
    private static final StatsKey RUN_D = StatsKey.of(RUN_SITE, Resolution.DAY, DAY.toEpochMilli());

    /** Hours that log, and the replay runs the runs items name ({@link #runs}; null: the read fails). */
    private List<String> runs = List.of("run-a");

    private final DayFinalizer withRuns = new DayFinalizer(
            new StatsStore() {
                @Override
                public void add(List<Contribution> contributions) {
                    log.add("hours " + contributions.size());
                }

                @Override
                public void seen(List<RunSpan> spans) {
                    log.add("seen " + spans.size());
                }

                @Override
                public List<String> runsSince(String site, long sinceMillis) {
                    log.add("runs of " + site + " since " + Instant.ofEpochMilli(sinceMillis));
                    if (runs == null) {
                        throw new StoreUnavailableException("throttled", null);
                    }
                    return runs;
                }
            },
            days,
            SITE,
            clock);

    @Test
    void add_whenABatchCountsForAReplayRun_opensThatSitesDayItemToo_andPassesTheRunsOn() {
        withRuns.add(
                List.of(at(S1, DAY.plus(Duration.ofHours(9)), 1), at(RUN_SITE, S1, DAY.plus(Duration.ofHours(9)), 1)));
        withRuns.seen(List.of(new RunSpan(SITE, "run-a", 1, 2)));

        assertThat(log).containsExactly("open " + S1 + " " + D, "open " + S1 + " " + RUN_D, "hours 2", "seen 1");
    }

    @Test
    void tick_sweepsTheDaysOfTheReplayRunsCountedLately_besideTheLiveSites() {
        clock.advance(Duration.between(clock.instant(), D_FINAL));
        days.open.put(RUN_D, new LinkedHashMap<>(Map.of(S2, false, S1, true)));

        withRuns.tick();

        int lookBack = DayRules.recentFinalDays(SITE, clock.instant()).size();
        assertThat(log.get(0))
                .isEqualTo("runs of " + SITE + " since " + clock.instant().minus(DayFinalizer.RUNS_LOOK_BACK));
        assertThat(log)
                .filteredOn(line -> line.startsWith("items " + SITE + "#"))
                .hasSize(lookBack);
        assertThat(log)
                .filteredOn(line -> line.startsWith("items " + RUN_SITE + "#"))
                .hasSize(lookBack);
        assertThat(log).filteredOn(line -> line.startsWith("finish")).containsExactly("finish " + S2 + " " + RUN_D);
    }

    @Test
    void tick_whenTheRunsCannotBeRead_sweepsTheLiveSite_neverThrows_andTriesAgainAMinuteLater() {
        clock.advance(Duration.between(clock.instant(), D_FINAL));
        days.open.put(D, new LinkedHashMap<>(Map.of(S1, false)));
        runs = null;

        withRuns.tick();
        int firstTry = log.size();
        runs = List.of("run-a");
        clock.advance(DayFinalizer.RETRY_AFTER);
        withRuns.tick();

        assertThat(log.subList(0, firstTry)).contains("finish " + S1 + " " + D);
        assertThat(log.subList(0, firstTry)).noneMatch(line -> line.startsWith("items " + RUN_SITE));
        assertThat(log.subList(firstTry, log.size())).anyMatch(line -> line.startsWith("items " + RUN_SITE));
    }

    // Sites (docs/contract/tables.md#sites-items)

    private static final String SHOP = "shop-2";
    private static final StatsKey SHOP_D = StatsKey.of(SHOP, Resolution.DAY, DAY.toEpochMilli());

    /** The sites the sites items name ({@link #sites}; null: the read fails), and whether recording fails. */
    private List<String> sites = List.of(SHOP);

    private boolean failCounted;

    private final DayFinalizer withSites = new DayFinalizer(
            new StatsStore() {
                @Override
                public void add(List<Contribution> contributions) {
                    log.add("hours " + contributions.size());
                }

                @Override
                public void counted(java.util.Set<String> liveSites, long atMillis) {
                    log.add("counted " + liveSites + " at " + Instant.ofEpochMilli(atMillis));
                    if (failCounted) {
                        throw new StoreUnavailableException("throttled", null);
                    }
                }

                @Override
                public List<String> sitesSince(long sinceMillis) {
                    log.add("sites since " + Instant.ofEpochMilli(sinceMillis));
                    if (sites == null) {
                        throw new StoreUnavailableException("throttled", null);
                    }
                    return sites;
                }

                @Override
                public List<String> runsSince(String site, long sinceMillis) {
                    log.add("runs of " + site);
                    return site.equals(SHOP) ? List.of("run-a") : List.of();
                }
            },
            days,
            SITE,
            clock);

    @Test
    void add_recordsEachLiveSiteOfTheBatchBeforeItsHours_onceADayPerProcess() {
        Instant nine = DAY.plus(Duration.ofHours(9));
        List<Contribution> batch = List.of(
                at(S1, nine, 1), at(SHOP, S1, nine, 1), at(SHOP + "~replay~run-a", S1, nine, 1), at("b", S1, nine, 1));

        withSites.add(batch);
        clock.advance(DayFinalizer.SITES_REFRESH.minusSeconds(1));
        withSites.add(batch);
        withSites.add(List.of(at("c", S1, nine, 2)));
        clock.advance(Duration.ofSeconds(1));
        withSites.add(batch);

        Instant first = DAY.plus(Duration.ofHours(10));
        Instant again = first.plus(DayFinalizer.SITES_REFRESH);
        assertThat(log)
                .filteredOn(line -> line.startsWith("counted") || line.startsWith("hours"))
                .containsExactly(
                        "counted [default, shop-2, b] at " + first,
                        "hours 4",
                        "hours 4",
                        "counted [c] at " + again.minusSeconds(1),
                        "hours 1",
                        "counted [default, shop-2, b] at " + again,
                        "hours 4");
    }

    @Test
    void add_whenTheSitesCannotBeRecorded_writesNoHour_andRecordsThemWithTheBatchAgain() {
        failCounted = true;
        List<Contribution> batch = List.of(at(SHOP, S1, DAY.plus(Duration.ofHours(9)), 1));

        assertThatThrownBy(() -> withSites.add(batch)).isInstanceOf(StoreUnavailableException.class);
        failCounted = false;
        withSites.add(batch);

        assertThat(log)
                .filteredOn(line -> line.startsWith("counted") || line.startsWith("hours"))
                .containsExactly(
                        "counted [shop-2] at " + clock.instant(), "counted [shop-2] at " + clock.instant(), "hours 1");
    }

    @Test
    void tick_sweepsTheDaysOfEverySiteCountedLately_andOfTheirRuns() {
        clock.advance(Duration.between(clock.instant(), D_FINAL));
        StatsKey shopRunD = StatsKey.of(SHOP + "~replay~run-a", Resolution.DAY, DAY.toEpochMilli());
        days.open.put(SHOP_D, new LinkedHashMap<>(Map.of(S2, false, S1, true)));
        days.open.put(shopRunD, new LinkedHashMap<>(Map.of(S1, false)));

        withSites.tick();

        int lookBack = DayRules.recentFinalDays(SITE, clock.instant()).size();
        assertThat(log.get(0)).isEqualTo("sites since " + clock.instant().minus(DayFinalizer.SITES_LOOK_BACK));
        assertThat(log).contains("runs of " + SITE, "runs of " + SHOP);
        for (String site : List.of(SITE, SHOP, SHOP + "~replay~run-a")) {
            assertThat(log)
                    .filteredOn(line -> line.startsWith("items " + site + "#"))
                    .hasSize(lookBack);
        }
        assertThat(log)
                .filteredOn(line -> line.startsWith("finish"))
                .containsExactlyInAnyOrder("finish " + S2 + " " + SHOP_D, "finish " + S1 + " " + shopRunD);
    }

    @Test
    void tick_whenTheSitesCannotBeRead_sweepsTheDefaultSite_andTriesAgainAMinuteLater() {
        clock.advance(Duration.between(clock.instant(), D_FINAL));
        days.open.put(SHOP_D, new LinkedHashMap<>(Map.of(S2, false)));
        sites = null;

        withSites.tick();
        int firstTry = log.size();
        sites = List.of(SHOP);
        clock.advance(DayFinalizer.RETRY_AFTER);
        withSites.tick();

        assertThat(log.subList(0, firstTry)).anyMatch(line -> line.startsWith("items " + SITE + "#"));
        assertThat(log.subList(0, firstTry)).noneMatch(line -> line.startsWith("items " + SHOP));
        assertThat(log.subList(firstTry, log.size())).contains("finish " + S2 + " " + SHOP_D);
    }

    @Test
    void liveSite_ofAReplayRunsSite_isTheSiteItReplays() {
        assertThat(DayFinalizer.liveSite("shop-2~replay~run-a")).isEqualTo("shop-2");
        assertThat(DayFinalizer.liveSite("default")).isEqualTo("default");
    }

    @Test
    void none_writesTheHoursOnly_andItsTicksDoNothing() {
        DayFinalizer none = DayFinalizer.none(contributions -> log.add("hours " + contributions.size()));

        none.started(S1);
        none.tick();
        none.add(List.of(at(S1, DAY, 1)));

        assertThat(log).containsExactly("hours 1");
    }

    private static Contribution at(String shardId, Instant time, long sequence) {
        return at(SITE, shardId, time, sequence);
    }

    private static Contribution at(String site, String shardId, Instant time, long sequence) {
        return new Contribution(
                shardId,
                BigInteger.valueOf(sequence),
                StatsKey.of(site, Resolution.HOUR, time.toEpochMilli()),
                Rollup.of(new Counts(1, 1, 0, 0, 0, 0, 0, 0, 0, 0)));
    }

    /** Day items as the sweeps see them ({@link #open}: day to shard to final), every call logged. */
    private final class FakeDays implements DayStore {

        final Map<StatsKey, Map<String, Boolean>> open = new HashMap<>();
        boolean failOpen;
        boolean failFinish;
        boolean failItems;

        @Override
        public Map<String, Boolean> items(StatsKey day) {
            log.add("items " + day);
            if (failItems) {
                throw new StoreUnavailableException("throttled", null);
            }
            return open.getOrDefault(day, Map.of());
        }

        @Override
        public void open(String shardId, StatsKey day) {
            log.add("open " + shardId + " " + day);
            if (failOpen) {
                throw new StoreUnavailableException("throttled", null);
            }
        }

        @Override
        public boolean finish(String shardId, StatsKey day) {
            log.add("finish " + shardId + " " + day);
            if (failFinish) {
                throw new StoreUnavailableException("throttled", null);
            }
            return true;
        }
    }
}
