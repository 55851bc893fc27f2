package io.liveinsight.processor.domain.stats;

import io.liveinsight.event.Event;
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
 * buckets of its time; a session in the buckets of its start, and once more ({@code lastActive}) in those of its last
 * event. Bots only in the bot figures. Pure.
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
        if (event.isBot()) {
            Counts bot = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 1, 0);
            atTime(time, bot, into);
            return;
        }
        boolean conversion = rules.conversionTypes().contains(event.eventType());
        Counts counts = new Counts(1, event.isPageView() ? 1 : 0, 0, 0, 0, 0, 0, conversion ? 1 : 0, 0, 0);
        String page = event.isPageView() ? rules.pages().of(event.pageUrl()) : null;
        for (Resolution resolution : Resolution.values()) {
            Tally tally = tally(into, StatsKey.of(rules.site(), resolution, time));
            tally.count(counts);
            if (resolution == Resolution.MINUTE) {
                tally.minute(minuteOfHour(time), counts);
                continue;
            }
            tally.by(Dimension.EVENT_TYPE, event.eventType(), 1)
                    .by(Dimension.PAGE, page, 1)
                    .user(event.userId());
            if (resolution == Resolution.HOUR) {
                Touch touch = touch(event.referrer(), event.pageUrl(), null);
                tally.recent(new RecentEvent(
                        time,
                        event.eventId(),
                        event.eventType(),
                        event.sessionId(),
                        event.userId(),
                        BreakdownKeys.cut(rules.pages().of(event.pageUrl())),
                        BreakdownKeys.cut(touch.source())));
            }
        }
    }

    /** What one session (segment) counts, by key; its negation takes it back out. */
    Map<StatsKey, Rollup> session(SessionAggregate session) {
        Map<StatsKey, Tally> into = new HashMap<>();
        long start = session.startTime();
        if (session.isBot()) {
            atTime(start, new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 1), into);
        } else {
            boolean converted = session.eventTypes().keySet().stream().anyMatch(rules.conversionTypes()::contains);
            Counts started = new Counts(
                    0,
                    0,
                    1,
                    0,
                    session.lastActivity() - start,
                    session.pageViews() <= 1 ? 1 : 0,
                    converted ? 1 : 0,
                    0,
                    0,
                    0);
            atTime(start, started, into);
            String entry = value(session.entryPage());
            Touch touch = touch(session.referrer(), entry != null ? entry : value(session.currentPage()), session);
            for (Resolution resolution : new Resolution[] {Resolution.HOUR, Resolution.DAY}) {
                tally(into, StatsKey.of(rules.site(), resolution, start))
                        .by(Dimension.SOURCE, touch.source(), 1)
                        .by(Dimension.CHANNEL, touch.channel(), 1)
                        .by(Dimension.CAMPAIGN, touch.campaign(), 1)
                        .by(Dimension.DEVICE, touch.device(), 1)
                        .by(Dimension.BROWSER, touch.browser(), 1)
                        .by(Dimension.OS, touch.os(), 1)
                        .by(Dimension.ENTRY_PAGE, rules.pages().of(entry), 1);
            }
            atTime(session.lastActivity(), new Counts(0, 0, 0, 1, 0, 0, 0, 0, 0, 0), into);
        }
        Map<StatsKey, Rollup> rollups = new HashMap<>();
        into.forEach((key, tally) -> rollups.put(key, tally.toRollup()));
        return rollups;
    }

    private void atTime(long time, Counts counts, Map<StatsKey, Tally> into) {
        for (Resolution resolution : Resolution.values()) {
            Tally tally =
                    tally(into, StatsKey.of(rules.site(), resolution, time)).count(counts);
            if (resolution == Resolution.MINUTE) {
                tally.minute(minuteOfHour(time), counts);
            }
        }
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
