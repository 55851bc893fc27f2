package io.liveinsight.dashboard.domain;

import io.liveinsight.dashboard.domain.stats.Series;
import io.liveinsight.dashboard.domain.stats.StatsKeys;
import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The last 30 minutes from the minute slots of the current and previous hour's rollups, exact whatever the traffic:
 * an hour item holds its hour's 60 minute slots, so the window reads one or two items per stream shard. Active sessions are
 * the sessions whose last event is in the window's minute slots (the sum of their {@code lastActive}: a session's
 * count moves with its last event). Bots are counted apart, and by their start only: {@code botSessions} are the bot
 * sessions that started in the window; with bots included they are added to the active sessions and their events to
 * the events.
 *
 * @param perMinute the window's minutes, oldest first, the current (partial) minute last
 */
public record LiveWindow(long activeSessions, long botSessions, List<Minute> perMinute) {

    public static final int MINUTES = 30;

    /** One minute of the window ({@code start} in epoch ms). */
    public record Minute(long start, long events, long pageViews) {}

    public LiveWindow {
        perMinute = List.copyOf(perMinute);
    }

    /** The hour items the window at {@code nowMillis} reads. */
    public static List<StatsKey> keys(long nowMillis) {
        return StatsKeys.holding(Instant.ofEpochSecond(firstMinute(nowMillis) * 60), Instant.ofEpochMilli(nowMillis));
    }

    public static LiveWindow of(Map<StatsKey, Rollup> minuteItems, boolean bots, long nowMillis) {
        long first = firstMinute(nowMillis);
        List<Minute> perMinute = new ArrayList<>(MINUTES);
        long active = 0;
        long botSessions = 0;
        for (int m = 0; m < MINUTES; m++) {
            long minute = first + m;
            Counts counts = Series.minute(minuteItems, Instant.ofEpochSecond(minute * 60));
            active += counts.lastActive();
            botSessions += counts.botSessions();
            long events = counts.events() + (bots ? counts.botEvents() : 0);
            perMinute.add(new Minute(minute * 60_000L, events, counts.pageViews()));
        }
        return new LiveWindow(bots ? active + botSessions : active, botSessions, perMinute);
    }

    public long events() {
        return perMinute.stream().mapToLong(Minute::events).sum();
    }

    public long pageViews() {
        return perMinute.stream().mapToLong(Minute::pageViews).sum();
    }

    /** Events of the minute {@code back} minutes before the current one (0: the current minute so far). */
    public long eventsOf(int back) {
        return perMinute.get(MINUTES - 1 - back).events();
    }

    private static long firstMinute(long nowMillis) {
        return Math.floorDiv(nowMillis, 60_000L) - (MINUTES - 1);
    }
}
