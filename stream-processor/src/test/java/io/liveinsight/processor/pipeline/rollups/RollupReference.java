package io.liveinsight.processor.pipeline.rollups;

import io.liveinsight.event.Event;
import io.liveinsight.event.SessionIds;
import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Hll;
import io.liveinsight.event.stats.RecentEvent;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.processor.domain.SessionAggregate;
import io.liveinsight.processor.domain.stats.StatsTestRules;
import io.liveinsight.processor.domain.stats.Touch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rollups recomputed from scratch, written apart from the processor's code (docs/contract/tables.md#counts): from
 * the distinct events, each counted in the hour item (and minute slot) of its time; and from the sessions, cut from
 * those events by the session rules (a gap over 30 minutes starts a new one) or read from the Sessions table, each
 * counted in the hour (and minute slot) of its start, except {@code lastActive} and {@code durationMs}, counted in
 * those of its last event. Session breakdowns by the first touch: the first event's referrer and user agent, the
 * entry page's URL. Bots count only as bot events and bot sessions. Day rollups: the day's totals, breakdowns and
 * users, without minute slots or latest events. Each under its site (docs/contract/replay.md#where-a-run-shows): a
 * replayed event under its run's site, a session under the site of its lane (the run of a replayed event in it; of
 * two runs the first in sort order; live only when every event is live). Sites are apart
 * (docs/contract/sites.md#isolation): a session is a site's and a client session id, the lane's site is the event's
 * site (or its run's under it).
 */
final class RollupReference {

    private static final long GAP = 30 * 60_000L;
    private static final long DAY = 24 * 3_600_000L;
    private static final Comparator<Event> BY_TIME =
            Comparator.comparingLong(Event::timestamp).thenComparing(Event::eventId);

    /**
     * One session's facts as the figures need them.
     *
     * @param entryUrl its first page view's URL (the landing page, which its first touch is read with); null when
     *     it has none
     */
    record Visit(
            long start,
            long last,
            long pageViews,
            boolean bot,
            boolean converted,
            String referrer,
            String userAgent,
            String entryUrl,
            String site) {}

    private static final class Sum {
        Counts totals = Counts.ZERO;
        final Map<Integer, Counts> minutes = new TreeMap<>();
        final Map<Dimension, Map<String, Long>> breakdowns = new EnumMap<>(Dimension.class);
        final Hll users = new Hll();
        final List<RecentEvent> recent = new ArrayList<>();

        void count(Counts counts, long time) {
            totals = totals.plus(counts);
            minutes.merge((int) Math.floorMod(Math.floorDiv(time, 60_000L), 60L), counts, Counts::plus);
        }

        void by(Dimension dimension, String key) {
            if (key != null) {
                breakdowns.computeIfAbsent(dimension, d -> new HashMap<>()).merge(key, 1L, Long::sum);
            }
        }
    }

    /** A stored segment and the site it is of. */
    record SiteSession(String site, SessionAggregate session) {}

    private final Set<String> conversions;
    private final Map<StatsKey, Sum> sums = new HashMap<>();
    /** Site and client session id to its lane's run (absent: live), from the distinct events. */
    private final Map<List<String>, String> lanes = new HashMap<>();

    private RollupReference(Set<String> conversions) {
        this.conversions = conversions;
    }

    /** From the distinct events alone, their sessions cut by the 30-minute rule (each under 24 hours). */
    static Map<StatsKey, Rollup> ofEvents(Collection<Event> distinct, Set<String> conversions) {
        RollupReference reference = new RollupReference(conversions);
        distinct.forEach(reference::event);
        reference.visits(distinct).forEach(reference::visit);
        return reference.rollups();
    }

    /** From the distinct events, and the sessions as the Sessions table holds them (past 24 hours: as it cut them). */
    static Map<StatsKey, Rollup> ofEventsAndSessions(
            Collection<Event> distinct, List<SiteSession> sessions, Set<String> conversions) {
        RollupReference reference = new RollupReference(conversions);
        distinct.forEach(reference::event);
        distinct.forEach(e -> reference.lanes.merge(
                List.of(siteOf(e), e.sessionId()), e.replayRun() == null ? "" : e.replayRun(), RollupReference::lane));
        sessions.forEach(session -> reference.visit(reference.visit(session.site(), session.session())));
        return reference.rollups();
    }

    /** An event's site, spelled out: the default site when it names none. */
    static String siteOf(Event event) {
        return event.site() == null ? "default" : event.site();
    }

    private void event(Event event) {
        long time = event.timestamp();
        String site = site(siteOf(event), event.replayRun() == null ? "" : event.replayRun());
        if (event.isBot()) {
            count(site, time, counts(0, 0, 0, 0, 0, 0, 0, 0, 1, 0));
            return;
        }
        boolean pageView = event.eventType().equals("page_view");
        count(
                site,
                time,
                counts(1, pageView ? 1 : 0, 0, 0, 0, 0, 0, conversions.contains(event.eventType()) ? 1 : 0, 0, 0));
        Sum hour = sum(site, Resolution.HOUR, time);
        for (Sum sum : List.of(hour, sum(site, Resolution.DAY, time))) {
            sum.by(Dimension.EVENT_TYPE, event.eventType());
            sum.by(Dimension.PAGE, pageView ? StatsTestRules.page(event.pageUrl()) : null);
            sum.users.add(event.userId());
        }
        hour.recent.add(new RecentEvent(
                time,
                event.eventId(),
                event.eventType(),
                event.sessionId(),
                event.userId(),
                StatsTestRules.page(event.pageUrl()),
                StatsTestRules.touch(event.referrer(), event.pageUrl(), null).source()));
    }

    private void visit(Visit visit) {
        String site = visit.site();
        if (visit.bot()) {
            count(site, visit.start(), counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 1));
            return;
        }
        count(
                site,
                visit.start(),
                counts(0, 0, 1, 0, 0, visit.pageViews() <= 1 ? 1 : 0, visit.converted() ? 1 : 0, 0, 0, 0));
        count(site, visit.last(), counts(0, 0, 0, 1, visit.last() - visit.start(), 0, 0, 0, 0, 0));
        Touch touch = StatsTestRules.touch(visit.referrer(), visit.entryUrl(), visit.userAgent());
        for (Sum sum : List.of(sum(site, Resolution.HOUR, visit.start()), sum(site, Resolution.DAY, visit.start()))) {
            sum.by(Dimension.SOURCE, touch.source());
            sum.by(Dimension.CHANNEL, touch.channel());
            sum.by(Dimension.CAMPAIGN, touch.campaign());
            sum.by(Dimension.DEVICE, touch.device());
            sum.by(Dimension.BROWSER, touch.browser());
            sum.by(Dimension.OS, touch.os());
            sum.by(Dimension.ENTRY_PAGE, StatsTestRules.page(visit.entryUrl()));
        }
    }

    /** Sessions by the rules: per session id, events in time order, a new one after a gap over 30 minutes. */
    private List<Visit> visits(Collection<Event> distinct) {
        Map<List<String>, List<Event>> bySession = new LinkedHashMap<>();
        distinct.forEach(e -> bySession
                .computeIfAbsent(List.of(siteOf(e), e.sessionId()), id -> new ArrayList<>())
                .add(e));
        List<Visit> visits = new ArrayList<>();
        for (List<Event> events : bySession.values()) {
            events.sort(BY_TIME);
            List<Event> current = new ArrayList<>();
            for (Event event : events) {
                if (!current.isEmpty()
                        && event.timestamp() - current.get(current.size() - 1).timestamp() > GAP) {
                    visits.add(visit(current));
                    current = new ArrayList<>();
                }
                current.add(event);
            }
            visits.add(visit(current));
        }
        return visits;
    }

    private Visit visit(List<Event> inTimeOrder) {
        Event first = inTimeOrder.get(0);
        Event last = inTimeOrder.get(inTimeOrder.size() - 1);
        if (last.timestamp() - first.timestamp() >= DAY) {
            throw new IllegalArgumentException("the reference cuts sessions under 24 hours only");
        }
        String entry = null;
        for (Event event : inTimeOrder) {
            if (entry == null && event.eventType().equals("page_view") && event.pageUrl() != null) {
                entry = event.pageUrl();
            }
        }
        return new Visit(
                first.timestamp(),
                last.timestamp(),
                inTimeOrder.stream()
                        .filter(e -> e.eventType().equals("page_view"))
                        .count(),
                inTimeOrder.stream().anyMatch(Event::isBot),
                inTimeOrder.stream().anyMatch(e -> conversions.contains(e.eventType())),
                first.referrer(),
                first.userAgent(),
                entry,
                site(
                        siteOf(first),
                        inTimeOrder.stream()
                                .map(e -> e.replayRun() == null ? "" : e.replayRun())
                                .reduce("", RollupReference::lane)));
    }

    private Visit visit(String liveSite, SessionAggregate session) {
        return new Visit(
                session.startTime(),
                session.lastActivity(),
                session.pageViews(),
                session.isBot(),
                session.eventTypes().keySet().stream().anyMatch(conversions::contains),
                session.referrer(),
                session.userAgent(),
                session.entryPage() == null ? null : session.entryPage().value(),
                site(
                        liveSite,
                        lanes.getOrDefault(List.of(liveSite, SessionIds.clientSessionId(session.sessionId())), "")));
    }

    /** Of two lanes ("" live, else a run): a run over live, the first run in sort order. */
    static String lane(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() ? b : a;
        }
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The site a lane of a live site counts under, spelled out here rather than through the processor's code. */
    static String site(String liveSite, String lane) {
        return lane.isEmpty() ? liveSite : liveSite + "~replay~" + lane;
    }

    private Map<StatsKey, Rollup> rollups() {
        Map<StatsKey, Rollup> rollups = new HashMap<>();
        sums.forEach((key, sum) -> {
            Rollup rollup =
                    switch (key.resolution()) {
                        case HOUR -> new Rollup(sum.totals, sum.minutes, sum.breakdowns, sum.users, latest(sum.recent));
                        case DAY -> new Rollup(sum.totals, Map.of(), sum.breakdowns, sum.users, List.of());
                        case MINUTE -> throw new IllegalStateException("minute slots are kept in hour items");
                    };
            if (!rollup.isEmpty()) {
                rollups.put(key, rollup);
            }
        });
        return rollups;
    }

    /** The latest {@link Rollup#MAX_RECENT}, newest first (ties by event id). */
    private static List<RecentEvent> latest(List<RecentEvent> events) {
        return events.stream()
                .sorted(Comparator.comparingLong(RecentEvent::timestamp)
                        .reversed()
                        .thenComparing(RecentEvent::eventId))
                .limit(Rollup.MAX_RECENT)
                .toList();
    }

    /** Counts in the site's hour of {@code time} (its totals and minute slot) and the day's totals. */
    private void count(String site, long time, Counts counts) {
        sum(site, Resolution.HOUR, time).count(counts, time);
        sum(site, Resolution.DAY, time).totals =
                sum(site, Resolution.DAY, time).totals.plus(counts);
    }

    private Sum sum(String site, Resolution resolution, long time) {
        return sums.computeIfAbsent(StatsKey.of(site, resolution, time), key -> new Sum());
    }

    private static Counts counts(long... figures) {
        return new Counts(
                figures[0],
                figures[1],
                figures[2],
                figures[3],
                figures[4],
                figures[5],
                figures[6],
                figures[7],
                figures[8],
                figures[9]);
    }
}
