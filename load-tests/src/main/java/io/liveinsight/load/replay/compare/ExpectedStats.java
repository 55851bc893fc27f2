package io.liveinsight.load.replay.compare;

import io.liveinsight.event.traffic.PageKey;
import io.liveinsight.load.check.ExpectedSegments;
import io.liveinsight.load.replay.plan.ExpectedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The statistics the distinct events sent must give (docs/contract/tables.md#counts, written from the documented rules,
 * not from the processor's code): human events and page views in the hour of their time, sessions (segments, {@link
 * ExpectedSegments}) in the hour they start, bots counted apart (an event by its own {@code is_bot}, a segment when
 * any of its events is a bot), page views by page key ({@link PageKey}). Pure.
 *
 * @param fromMs the first hour holding an event; {@code toMs} the end of the last
 * @param hours per UTC hour start (ms): human events, page views, sessions started
 * @param pages human page views by page key
 * @param foldable whether an hour holds more than {@link #MAX_KEYS} pages, so a rollup item may have folded some into
 *     {@code ~other} (docs/contract/tables.md#breakdowns): per-page counts are then lower bounds
 */
public record ExpectedStats(
        long fromMs,
        long toMs,
        long events,
        long pageViews,
        long sessions,
        long botEvents,
        long botSessions,
        Map<Long, Hour> hours,
        Map<String, Long> pages,
        boolean foldable) {

    /** One hour's figures. */
    public record Hour(long events, long pageViews, long sessions) {
        Hour plus(Hour other) {
            return new Hour(events + other.events, pageViews + other.pageViews, sessions + other.sessions);
        }
    }

    static final long HOUR_MS = 3_600_000L;
    static final int MAX_KEYS = 100;

    public static ExpectedStats of(List<ExpectedEvent> sent) {
        long events = 0;
        long pageViews = 0;
        long botEvents = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        Map<Long, Hour> hours = new TreeMap<>();
        Map<String, Long> pages = new HashMap<>();
        Map<Long, Set<String>> pagesByHour = new HashMap<>();
        Map<String, List<Map<String, Object>>> bySession = new LinkedHashMap<>();
        Set<String> bots = new HashSet<>();
        for (ExpectedEvent event : sent) {
            first = Math.min(first, event.timestamp());
            last = Math.max(last, event.timestamp());
            bySession.computeIfAbsent(event.sessionId(), k -> new ArrayList<>()).add(event.toMap());
            if (event.bot()) {
                botEvents++;
                bots.add(event.eventId());
                continue;
            }
            long hour = hourOf(event.timestamp());
            events++;
            long view = event.isPageView() ? 1 : 0;
            pageViews += view;
            hours.merge(hour, new Hour(1, view, 0), Hour::plus);
            if (event.isPageView()) {
                String page = PageKey.of(event.pageUrl());
                pages.merge(page, 1L, Long::sum);
                pagesByHour.computeIfAbsent(hour, k -> new HashSet<>()).add(page);
            }
        }
        long sessions = 0;
        long botSessions = 0;
        for (Map.Entry<String, List<Map<String, Object>>> session : bySession.entrySet()) {
            for (ExpectedSegments.Segment segment : ExpectedSegments.of(session.getKey(), session.getValue())) {
                boolean bot = segment.events().stream().anyMatch(e -> bots.contains((String) e.get("event_id")));
                if (bot) {
                    botSessions++;
                } else {
                    sessions++;
                    hours.merge(hourOf(segment.aggregate().startTime()), new Hour(0, 0, 1), Hour::plus);
                }
            }
        }
        boolean foldable = pagesByHour.values().stream().anyMatch(p -> p.size() > MAX_KEYS);
        long from = sent.isEmpty() ? 0 : hourOf(first);
        long to = sent.isEmpty() ? 0 : hourOf(last) + HOUR_MS;
        return new ExpectedStats(from, to, events, pageViews, sessions, botEvents, botSessions, hours, pages, foldable);
    }

    /** The {@code limit} pages with the most page views, as the breakdown orders them: count, then key. */
    public List<Map.Entry<String, Long>> topPages(int limit) {
        return pages.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                        .reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(limit)
                .toList();
    }

    /** The figures of the hour starting at {@code startMs} (zeros when it holds nothing). */
    public Hour at(long startMs) {
        return hours.getOrDefault(startMs, new Hour(0, 0, 0));
    }

    static long hourOf(long timeMs) {
        return Math.floorDiv(timeMs, HOUR_MS) * HOUR_MS;
    }
}
