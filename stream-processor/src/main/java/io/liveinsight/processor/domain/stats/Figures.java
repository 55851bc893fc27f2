package io.liveinsight.processor.domain.stats;

import io.liveinsight.event.Event;
import io.liveinsight.event.replay.ReplayLane;
import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.RecentEvent;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.processor.domain.SessionAggregate;
import io.liveinsight.processor.domain.SessionAggregate.Stamped;
import java.util.HashMap;
import java.util.Map;

/**
 * What one event, and one session as it stands, count in the rollups (docs/contract/tables.md#stats): an event in the
 * hour (and minute slot) of its time; a session in those of its start, and once more ({@code lastActive}, its
 * duration) in those of its last event. Bots only in the bot figures. Everything lands in hour items: one item holds
 * an hour's totals, minute slots, breakdowns, users and latest events, so a batch of one hour writes one item. A
 * replayed event, and a replayed session, count under their run's own site ({@link ReplayLane#statsSite}) instead of
 * the live one (docs/contract/replay.md#where-a-run-shows). Each counts under its own site
 * (docs/contract/sites.md#isolation): an event under {@link Event#siteOrDefault()}, a session under its key's site.
 * Ids are the client's (recent events, unique users): the item's key holds the site. Pure.
 */
final class Figures {

    private final StatsRules rules;
    private final Map<Key, Touch> touches = new HashMap<>();

    Figures(StatsRules rules) {
        this.rules = rules;
    }

    /** Adds what one stored event counts to {@code into} (by key). */
    void event(Event event, Map<StatsKey, Tally> into) {
        long time = event.timestamp();
        String site = site(event.siteOrDefault(), event.replayRun());
        if (event.isBot()) {
            atTime(site, time, new Counts(0, 0, 0, 0, 0, 0, 0, 0, 1, 0), into);
            return;
        }
        boolean conversion = rules.conversionTypes().contains(event.eventType());
        Counts counts = new Counts(1, event.isPageView() ? 1 : 0, 0, 0, 0, 0, 0, conversion ? 1 : 0, 0, 0);
        String page = event.isPageView() ? rules.pages().of(event.pageUrl()) : null;
        Touch touch = touch(event.referrer(), event.pageUrl(), null);
        atTime(site, time, counts, into)
                .by(Dimension.EVENT_TYPE, event.eventType(), 1)
                .by(Dimension.PAGE, page, 1)
                .user(event.userId())
                .recent(new RecentEvent(
                        time,
                        event.eventId(),
                        event.eventType(),
                        event.sessionId(),
                        event.userId(),
                        BreakdownKeys.cut(rules.pages().of(event.pageUrl())),
                        BreakdownKeys.cut(touch.source())));
    }

    /** What one session (segment) of {@code liveSite} counts, by key; its negation takes it back out. */
    Map<StatsKey, Rollup> session(String liveSite, SessionAggregate session) {
        Map<StatsKey, Tally> into = new HashMap<>();
        long start = session.startTime();
        String site = site(liveSite, session.replayRun());
        if (session.isBot()) {
            atTime(site, start, new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 1), into);
        } else {
            boolean converted = session.eventTypes().keySet().stream().anyMatch(rules.conversionTypes()::contains);
            Counts started = new Counts(0, 0, 1, 0, 0, session.pageViews() <= 1 ? 1 : 0, converted ? 1 : 0, 0, 0, 0);
            atTime(site, start, started, into);
            String entry = value(session.entryPage());
            Touch touch = touch(session.referrer(), entry, session);
            tally(into, hour(site, start))
                    .by(Dimension.SOURCE, touch.source(), 1)
                    .by(Dimension.CHANNEL, touch.channel(), 1)
                    .by(Dimension.CAMPAIGN, touch.campaign(), 1)
                    .by(Dimension.DEVICE, touch.device(), 1)
                    .by(Dimension.BROWSER, touch.browser(), 1)
                    .by(Dimension.OS, touch.os(), 1)
                    .by(Dimension.ENTRY_PAGE, rules.pages().of(entry), 1);
            atTime(
                    site,
                    session.lastActivity(),
                    new Counts(0, 0, 0, 1, session.lastActivity() - start, 0, 0, 0, 0, 0),
                    into);
        }
        Map<StatsKey, Rollup> rollups = new HashMap<>();
        into.forEach((key, tally) -> rollups.put(key, tally.toRollup()));
        return rollups;
    }

    /** Adds counts to the hour item of {@code time}, and to its minute slot; returns the hour's tally. */
    private static Tally atTime(String site, long time, Counts counts, Map<StatsKey, Tally> into) {
        return tally(into, hour(site, time)).count(counts).minute(minuteOfHour(time), counts);
    }

    private static StatsKey hour(String site, long time) {
        return StatsKey.of(site, Resolution.HOUR, time);
    }

    /** The site a lane counts under: the live site, or a replay run's own. */
    private static String site(String liveSite, String replayRun) {
        return replayRun == null ? liveSite : ReplayLane.statsSite(liveSite, replayRun);
    }

    private Touch touch(String referrer, String pageUrl, SessionAggregate session) {
        String userAgent = session == null ? null : session.userAgent();
        return touches.computeIfAbsent(
                new Key(referrer, pageUrl, userAgent), key -> rules.touches().read(referrer, pageUrl, userAgent));
    }

    static Tally tally(Map<StatsKey, Tally> into, StatsKey key) {
        return into.computeIfAbsent(key, k -> new Tally());
    }

    static int minuteOfHour(long epochMillis) {
        return (int) Math.floorMod(Math.floorDiv(epochMillis, 60_000L), 60L);
    }

    private static String value(Stamped stamped) {
        return stamped == null ? null : stamped.value();
    }

    private record Key(String referrer, String pageUrl, String userAgent) {}
}
