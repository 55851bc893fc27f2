package io.liveinsight.local.stats;

import io.liveinsight.event.SessionIds;
import io.liveinsight.event.traffic.PageKey;
import io.liveinsight.event.traffic.TrafficSource;
import io.liveinsight.processor.port.UserAgentParser;
import io.liveinsight.processor.port.UserAgentParser.Client;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Every statistic recomputed from what was sent, independently of the processor and the dashboard: sessions cut at
 * gaps of over 30 minutes per client session id; event figures in the bucket of the event's time; a session's start,
 * bounce, conversion and first touch in the bucket of its start; its end and duration in the bucket of its last event;
 * bots in the bot figures only (docs/contract/tables.md#counts). Key names (page key, source, channel, campaign,
 * browser, OS, device) come from the public functions the processor names them with; the counting is this class's.
 */
final class Reference {

    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final long GAP = 30 * MINUTE;
    /** Latest events an hour keeps (docs/contract/tables.md#recent-events). */
    static final int HOUR_RECENT = 10;
    /** Breakdown keys are cut to 200 code points, sources to 100 (docs/contract/events.md#enrichment). */
    static final int KEY_CHARS = 200;

    static final int SOURCE_CHARS = 100;

    static final Comparator<Sent> NEWEST_FIRST =
            Comparator.comparingLong(Sent::time).reversed().thenComparing(Sent::eventId);

    /** What one range counts (the ten figures of docs/contract/tables.md#counts). */
    record Figures(
            long events,
            long pageViews,
            long sessions,
            long ended,
            long durationMs,
            long bounces,
            long converted,
            long conversions,
            long botEvents,
            long botSessions) {}

    private final List<Sent> events;
    private final List<Visit> visits;
    private final UserAgentParser parser;
    private final Map<Visit, Touch> touches = new IdentityHashMap<>();

    /** Where a visit came from and what it ran on, as the rollups name them. */
    record Touch(String source, String channel, String campaign, String browser, String os, String device) {}

    private Reference(List<Sent> events, List<Visit> visits, UserAgentParser parser) {
        this.events = events;
        this.visits = visits;
        this.parser = parser;
    }

    /** Each event once (a resend is the same event id). */
    static Reference of(Collection<Sent> sent, UserAgentParser parser) {
        Map<String, Sent> byId = new LinkedHashMap<>();
        sent.forEach(e -> byId.putIfAbsent(e.eventId(), e));
        List<Sent> events = new ArrayList<>(byId.values());
        Map<String, List<Sent>> bySession = new LinkedHashMap<>();
        events.forEach(e ->
                bySession.computeIfAbsent(e.sessionId(), s -> new ArrayList<>()).add(e));
        List<Visit> visits = new ArrayList<>();
        bySession.forEach((client, ofSession) -> {
            ofSession.sort(Comparator.comparingLong(Sent::time).thenComparing(Sent::eventId));
            List<Sent> segment = new ArrayList<>();
            for (Sent e : ofSession) {
                if (!segment.isEmpty()
                        && e.time() - segment.get(segment.size() - 1).time() > GAP) {
                    visits.add(segment(client, visitsOf(visits, client), segment));
                    segment = new ArrayList<>();
                }
                segment.add(e);
            }
            visits.add(segment(client, visitsOf(visits, client), segment));
        });
        return new Reference(List.copyOf(events), List.copyOf(visits), parser);
    }

    private static int visitsOf(List<Visit> visits, String client) {
        return (int) visits.stream()
                .filter(v -> v.first().sessionId().equals(client))
                .count();
    }

    private static Visit segment(String client, int ordinal, List<Sent> events) {
        return new Visit(ordinal == 0 ? client : SessionIds.segmentId(client, ordinal), List.copyOf(events));
    }

    List<Sent> events() {
        return events;
    }

    List<Visit> visits() {
        return visits;
    }

    Figures figures(long from, long to) {
        long events = 0, pageViews = 0, conversions = 0, botEvents = 0;
        for (Sent e : this.events) {
            if (e.time() < from || e.time() >= to) {
                continue;
            }
            if (e.bot()) {
                botEvents++;
            } else {
                events++;
                pageViews += e.isPageView() ? 1 : 0;
                conversions += Visit.CONVERSIONS.contains(e.type()) ? 1 : 0;
            }
        }
        long sessions = 0, ended = 0, durationMs = 0, bounces = 0, converted = 0, botSessions = 0;
        for (Visit v : visits) {
            boolean started = v.start() >= from && v.start() < to;
            if (v.bot()) {
                botSessions += started ? 1 : 0;
                continue;
            }
            if (started) {
                sessions++;
                bounces += v.bounced() ? 1 : 0;
                converted += v.converted() ? 1 : 0;
            }
            if (v.lastActivity() >= from && v.lastActivity() < to) {
                ended++;
                durationMs += v.lastActivity() - v.start();
            }
        }
        return new Figures(
                events,
                pageViews,
                sessions,
                ended,
                durationMs,
                bounces,
                converted,
                conversions,
                botEvents,
                botSessions);
    }

    /** Distinct users of the human events in the range. */
    Set<String> users(long from, long to) {
        Set<String> users = new HashSet<>();
        humans(from, to).forEach(e -> users.add(e.userId()));
        return users;
    }

    /** A breakdown (dimension code as the API names it) over the range, keys as the rollups name them. */
    Map<String, Long> breakdown(String dimension, long from, long to) {
        Map<String, Long> counts = new TreeMap<>();
        switch (dimension) {
            case "page" ->
                humans(from, to).stream()
                        .filter(Sent::isPageView)
                        .forEach(e -> counts.merge(page(e.pageUrl()), 1L, Long::sum));
            case "type" -> humans(from, to).forEach(e -> counts.merge(cut(e.type(), KEY_CHARS), 1L, Long::sum));
            default -> {
                for (Visit v : visits) {
                    if (!v.bot() && v.start() >= from && v.start() < to) {
                        String key = sessionKey(dimension, v);
                        if (key != null) {
                            counts.merge(cut(key, KEY_CHARS), 1L, Long::sum);
                        }
                    }
                }
            }
        }
        return counts;
    }

    private String sessionKey(String dimension, Visit v) {
        Touch touch = touch(v);
        return switch (dimension) {
            case "source" -> touch.source();
            case "channel" -> touch.channel();
            case "campaign" -> touch.campaign();
            case "device" -> touch.device();
            case "browser" -> touch.browser();
            case "os" -> touch.os();
            case "entry" -> page(v.entryPage());
            default -> throw new IllegalArgumentException("no dimension " + dimension);
        };
    }

    /** A visit's first touch: its first event's referrer and user agent, its entry page's campaign. */
    Touch touch(Visit v) {
        return touches.computeIfAbsent(v, visit -> {
            TrafficSource traffic = TrafficSource.of(visit.first().referrer(), visit.entryPage());
            Client client = parser.parse(visit.first().userAgent());
            return new Touch(
                    cut(traffic.source(), SOURCE_CHARS),
                    traffic.channel().name().toLowerCase(Locale.ROOT),
                    traffic.campaign().name(),
                    client.browser(),
                    client.os(),
                    client.device());
        });
    }

    /** An event's own source (its referrer and page URL), as the latest events carry it. */
    static String source(Sent e) {
        return source(e.referrer(), e.pageUrl());
    }

    static String source(String referrer, String pageUrl) {
        return cut(TrafficSource.of(referrer, pageUrl).source(), SOURCE_CHARS);
    }

    static String page(String pageUrl) {
        return cut(PageKey.of(pageUrl), KEY_CHARS);
    }

    /** Human sessions started in the range that pass {@code which}. */
    long sessions(long from, long to, Predicate<Visit> which) {
        return visits.stream()
                .filter(v -> !v.bot() && v.start() >= from && v.start() < to && which.test(v))
                .count();
    }

    /** The human events of an hour that its items keep as latest: the newest {@link #HOUR_RECENT}. */
    List<Sent> latestOfHour(long hourStart) {
        return humans(hourStart, hourStart + HOUR).stream()
                .sorted(NEWEST_FIRST)
                .limit(HOUR_RECENT)
                .toList();
    }

    /** The newest {@code limit} of the hours' latest events (hours touching the range) that pass {@code filter}. */
    List<Sent> recent(long from, long to, Predicate<Sent> filter, int limit) {
        List<Sent> kept = new ArrayList<>();
        for (long hour = Math.floorDiv(from, HOUR) * HOUR; hour < to; hour += HOUR) {
            latestOfHour(hour).stream().filter(filter).forEach(kept::add);
        }
        return kept.stream().sorted(NEWEST_FIRST).limit(limit).toList();
    }

    /** Human sessions whose last event is after {@code now} - 30 minutes: the active ones. */
    List<Visit> activeAt(long now) {
        return visits.stream()
                .filter(v -> !v.bot() && v.lastActivity() + GAP > now)
                .sorted(Comparator.comparingLong(Visit::lastActivity).reversed())
                .toList();
    }

    /** A figure of each human event of the range, added up. */
    long sum(long from, long to, ToLongFunction<Sent> figure) {
        return humans(from, to).stream().mapToLong(figure).sum();
    }

    List<Sent> humans(long from, long to) {
        return events.stream()
                .filter(e -> !e.bot() && e.time() >= from && e.time() < to)
                .toList();
    }

    static String cut(String key, int max) {
        if (key == null || key.codePointCount(0, key.length()) <= max) {
            return key;
        }
        return key.substring(0, key.offsetByCodePoints(0, max));
    }
}
