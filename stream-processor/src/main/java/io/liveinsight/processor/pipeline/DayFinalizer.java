package io.liveinsight.processor.pipeline;

import io.liveinsight.event.replay.ReplayLane;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.processor.domain.stats.Contribution;
import io.liveinsight.processor.domain.stats.DayRules;
import io.liveinsight.processor.domain.stats.RunSpan;
import io.liveinsight.processor.port.DayStore;
import io.liveinsight.processor.port.StatsStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Day items (docs/contract/tables.md#day-items) around the hour items' writes: a {@link StatsStore} that, for each
 * batch, first opens the day item of every (shard, day) the batch's rollups touch (once per day and process; always
 * for a day already final, which reopens it), then writes the hour items, then finishes the days that are final: their
 * day items become the sum of their hour items. A crash anywhere in between replays the batch, which touches the same
 * days again. Days that become final later are finished by {@link #tick} (the KCL door calls it with every batch,
 * empty ones included, and the Lambda door after each invocation): a shard's start-up ({@link #started}) checks its
 * last {@value DayRules#LOOK_BACK_DAYS} days, and every {@link #SWEEP_EVERY} a sweep finishes every open day item of
 * those days, whichever shard it belongs to (a parent shard ended by a resharding, a shard no longer read), of every
 * live site counted lately and of every replay run of those sites (docs/contract/replay.md#where-a-run-shows).
 *
 * <p>Which sites: before a batch's hour writes, each live site among them that this process has not recorded for
 * {@link #SITES_REFRESH} is recorded in the Stats table's sites items ({@link StatsStore#counted},
 * docs/contract/tables.md#sites-items): one write per site and process a day, and the sweep reads them with one
 * Query. The default site is always swept. Sites and replay runs are new with the day finalizer, so their shards'
 * day items are never missing, only open: the start-up check looks at the default site only, whose hour items may
 * predate the finalizer.
 */
public final class DayFinalizer implements StatsStore {

    /** How often a process sweeps the day items of the last days for open ones. */
    public static final Duration SWEEP_EVERY = Duration.ofMinutes(15);

    /** How long after a failed check or sweep it is tried again. */
    public static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    /**
     * How far apart two processes' clocks may be: from this long before a day is final by this process's clock, its
     * item is checked (and reopened if another process already made it final) before every hour write, not once.
     */
    public static final Duration CLOCKS_APART = Duration.ofHours(1);

    /**
     * How far back a replay run's {@code last_at} may be for the sweep to look at its site's days: the look-back days,
     * the current day, and a day for an event time up to 24 hours before its receipt.
     */
    static final Duration RUNS_LOOK_BACK = Duration.ofDays(DayRules.LOOK_BACK_DAYS + 2L);

    /** How often a process records again a site it keeps counting, so the site's {@code last_at} stays recent. */
    public static final Duration SITES_REFRESH = Duration.ofDays(1);

    /** How far back a site's {@code last_at} may be for the sweep to look at its days: as for runs, plus a refresh. */
    static final Duration SITES_LOOK_BACK = RUNS_LOOK_BACK.plus(SITES_REFRESH);

    /** A finalizer that writes hour items only (no day items): for tests and deployments that keep none. */
    public static DayFinalizer none(StatsStore hours) {
        return new DayFinalizer(hours, null, null, Clock.systemUTC());
    }

    private static final Logger LOG = LoggerFactory.getLogger(DayFinalizer.class);
    private static final int KEPT_OPEN = 512;
    private static final int KEPT_SITES = 4096;

    private final StatsStore hours;
    private final DayStore days;
    private final String site;
    private final Clock clock;
    private final ReentrantLock ticking = new ReentrantLock();
    /** (shard, day) whose day item this process has seen open: no need to open it again before the day is final. */
    private final Map<DayId, Boolean> opened = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<DayId, Boolean> eldest) {
            return size() > KEPT_OPEN;
        }
    };
    /** Live sites this process recorded, and when. */
    private final Map<String, Instant> recordedSites = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > KEPT_SITES;
        }
    };
    /** Shards started and not yet checked. */
    private final Set<String> starting = ConcurrentHashMap.newKeySet();
    /** Shards ever started in this process. */
    private final Set<String> checked = ConcurrentHashMap.newKeySet();

    private volatile Instant nextSweep = Instant.MIN;
    private volatile Instant nextStartCheck = Instant.MIN;

    /**
     * @param hours where the hour items go
     * @param days the day items; null for none
     * @param site the site whose days the start-up checks look at, and the sweeps always: the default site
     */
    public DayFinalizer(StatsStore hours, DayStore days, String site, Clock clock) {
        this.hours = hours;
        this.days = days;
        this.site = site;
        this.clock = clock;
    }

    /** One shard's item of one day. */
    private record DayId(String shardId, StatsKey day) {}

    @Override
    public void add(List<Contribution> contributions) {
        if (days == null) {
            hours.add(contributions);
            return;
        }
        Set<DayId> touched = new LinkedHashSet<>();
        Set<String> sites = new LinkedHashSet<>();
        for (Contribution contribution : contributions) {
            if (contribution.key().resolution() == Resolution.HOUR) {
                touched.add(new DayId(contribution.shardId(), DayRules.dayOf(contribution.key())));
                sites.add(liveSite(contribution.key().site()));
            }
        }
        Instant before = clock.instant();
        recordSites(sites, before);
        for (DayId day : touched) {
            boolean mayBeFinal = DayRules.isFinal(day.day(), before.plus(CLOCKS_APART));
            if (mayBeFinal || !wasOpened(day)) {
                days.open(day.shardId(), day.day());
                remember(day, !mayBeFinal);
            }
        }
        hours.add(contributions);
        Instant after = clock.instant();
        for (DayId day : touched) {
            if (DayRules.isFinal(day.day(), after)) {
                remember(day, false);
                // Open, so readers take the hours meanwhile: a failure here is the sweep's, never the batch's.
                finishAll(day.shardId(), List.of(day.day()));
            }
        }
    }

    /** Records the sites not recorded by this process for {@link #SITES_REFRESH}; remembered once written. */
    private void recordSites(Set<String> sites, Instant now) {
        Set<String> due = new LinkedHashSet<>();
        synchronized (recordedSites) {
            for (String live : sites) {
                Instant at = recordedSites.get(live);
                if (at == null || !now.isBefore(at.plus(SITES_REFRESH))) {
                    due.add(live);
                }
            }
        }
        if (due.isEmpty()) {
            return;
        }
        hours.counted(due, now.toEpochMilli());
        synchronized (recordedSites) {
            due.forEach(live -> recordedSites.put(live, now));
        }
    }

    /**
     * The live site of a rollup's site: itself, or the site a replay run's ({@code <site>~replay~<run>}) replays. A
     * site id never holds {@code ~} (docs/contract/sites.md#site-ids).
     */
    static String liveSite(String statsSite) {
        int tilde = statsSite.indexOf('~');
        return tilde < 0 ? statsSite : statsSite.substring(0, tilde);
    }

    @Override
    public void counted(Set<String> liveSites, long atMillis) {
        hours.counted(liveSites, atMillis);
    }

    @Override
    public List<String> sitesSince(long sinceMillis) {
        return hours.sitesSince(sinceMillis);
    }

    @Override
    public void seen(List<RunSpan> spans) {
        hours.seen(spans);
    }

    @Override
    public List<String> runsSince(String site, long sinceMillis) {
        return hours.runsSince(site, sinceMillis);
    }

    /**
     * A shard was taken (KCL's initialize; the Lambda door's first batch of it): the next {@link #tick} finishes its
     * last days' items that need it (a day item missing, or left open). Once per shard and process.
     */
    public void started(String shardId) {
        if (days != null && checked.add(shardId)) {
            starting.add(shardId);
            nextStartCheck = Instant.MIN;
        }
    }

    /**
     * Does what is due: the start-up checks of shards started, and the sweep when {@link #SWEEP_EVERY} has passed.
     * One caller at a time (the others return at once); never throws: what fails is logged and tried again
     * {@link #RETRY_AFTER} later.
     */
    public void tick() {
        if (days == null || !isDue(clock.instant()) || !ticking.tryLock()) {
            return;
        }
        try {
            Instant now = clock.instant();
            if (!starting.isEmpty() && !now.isBefore(nextStartCheck)) {
                boolean done = true;
                for (String shardId : List.copyOf(starting)) {
                    if (finishAll(shardId, DayRules.recentFinalDays(site, now))) {
                        starting.remove(shardId);
                    } else {
                        done = false;
                    }
                }
                nextStartCheck = done ? Instant.MIN : now.plus(RETRY_AFTER);
            }
            if (!now.isBefore(nextSweep)) {
                nextSweep = now.plus(sweep(now) ? SWEEP_EVERY : RETRY_AFTER);
            }
        } finally {
            ticking.unlock();
        }
    }

    private boolean isDue(Instant now) {
        return !now.isBefore(nextSweep) || (!starting.isEmpty() && !now.isBefore(nextStartCheck));
    }

    /**
     * Finishes every open day item of the recent final days: of the default site and the live sites counted lately
     * (their sites items), and of the replay runs of those sites counted lately (their runs items); true if nothing
     * failed.
     */
    private boolean sweep(Instant now) {
        boolean done = true;
        Set<String> sites = new LinkedHashSet<>();
        sites.add(site);
        try {
            sites.addAll(hours.sitesSince(now.minus(SITES_LOOK_BACK).toEpochMilli()));
        } catch (RuntimeException e) {
            LOG.warn("sites not read ({}); the sweep tries their days again", e.toString());
            done = false;
        }
        List<StatsKey> recent = new ArrayList<>();
        for (String live : sites) {
            recent.addAll(DayRules.recentFinalDays(live, now));
            try {
                for (String run :
                        hours.runsSince(live, now.minus(RUNS_LOOK_BACK).toEpochMilli())) {
                    recent.addAll(DayRules.recentFinalDays(ReplayLane.statsSite(live, run), now));
                }
            } catch (RuntimeException e) {
                LOG.warn("replay runs of {} not read ({}); the sweep tries their days again", live, e.toString());
                done = false;
            }
        }
        for (StatsKey day : recent) {
            Map<String, Boolean> items;
            try {
                items = days.items(day);
            } catch (RuntimeException e) {
                LOG.warn("day items of {} not read ({}); the sweep tries again", day, e.toString());
                done = false;
                continue;
            }
            List<String> open = new ArrayList<>();
            items.forEach((shardId, isFinal) -> {
                if (!isFinal) {
                    open.add(shardId);
                }
            });
            for (String shardId : open) {
                done &= finishAll(shardId, List.of(day));
            }
        }
        return done;
    }

    /** Finishes the shard's items of these days; true if none failed (failures are logged, never thrown). */
    private boolean finishAll(String shardId, List<StatsKey> toFinish) {
        boolean done = true;
        for (StatsKey day : toFinish) {
            try {
                if (days.finish(shardId, day)) {
                    LOG.info("day item {} of {} written final", day, shardId);
                }
            } catch (RuntimeException e) {
                LOG.warn("day item {} of {} not finished ({}); tried again later", day, shardId, e.toString());
                done = false;
            }
        }
        return done;
    }

    private boolean wasOpened(DayId day) {
        synchronized (opened) {
            return opened.containsKey(day);
        }
    }

    private void remember(DayId day, boolean open) {
        synchronized (opened) {
            if (open) {
                opened.put(day, Boolean.TRUE);
            } else {
                opened.remove(day);
            }
        }
    }
}
