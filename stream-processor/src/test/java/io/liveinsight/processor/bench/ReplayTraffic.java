package io.liveinsight.processor.bench;

import io.liveinsight.event.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Traffic as the tracker sends it, for the benchmarks, with the strings of production: ids as the tracker mints them
 * (event and session ids 32 hex digits, user ids {@code anon-} and 32 hex digits), a real Chrome user agent (111
 * characters), page URLs of 80-120 characters, a search engine or no referrer on a session's first page view and the
 * previous page on the next ones (the tracker's {@code lastUrl || document.referrer}), the tracker's event types and
 * fields ({@code page_view}, {@code click} with the element and {@code href}, {@code scroll_depth} with
 * {@code depth}, {@code heartbeat}).
 *
 * <p>Replay: sessions of about 10 events (5-15), each sent as 1-3 beacons (one stream record each), the beacons of
 * many sessions interleaved in time order as they reach the stream. Heartbeat mix: one session in ten a tab visible
 * for 24 h, sent as the tracker sends it ({@link #heartbeatMix}).
 */
final class ReplayTraffic {

    /** Chrome 131 on Windows, as Chrome sends it (the reduced user agent): 111 characters. */
    static final String USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36";

    /** Pages of a shop, 80-120 characters (mean 100), with the query strings and campaign parameters they carry. */
    static final List<String> PAGES = List.of(
            "https://shop.example.com/c/running-shoes?utm_source=newsletter&utm_medium=email&utm_campaign=autumn-sale",
            "https://shop.example.com/p/trail-runner-gtx-mens-black-42?color=black&size=44&ref=category-grid",
            "https://shop.example.com/cart?step=review&coupon=AUTUMN15&utm_source=google&utm_medium=cpc",
            "https://shop.example.com/checkout/shipping?cart=7f3a9c2e41d84b0f&express=0&step=2",
            "https://shop.example.com/c/womens/jackets/waterproof?sort=price-asc&page=2&filter=brand:northline",
            "https://shop.example.com/p/merino-base-layer-long-sleeve-womens?color=forest-green&size=m&ref=search&q=merino",
            "https://shop.example.com/search?q=waterproof+hiking+boots&sort=relevance&page=1&utm_source=google",
            "https://shop.example.com/blog/how-to-choose-trail-running-shoes-for-wet-weather?utm_source=pinterest&utm_medium=social");

    /** Where visitors come from: a search engine, or nowhere (typed, bookmarked, an app: no referrer). */
    static final List<String> REFERRERS =
            List.of("https://www.google.com/", "https://www.bing.com/", "https://duckduckgo.com/");

    /** Share of sessions that arrive with no referrer. */
    private static final double NO_REFERRER = 0.35;

    private static final List<String[]> BUTTONS = List.of(
            new String[] {"add-to-cart", "btn btn-primary btn-lg add-to-cart", "Add to cart"},
            new String[] {"size-guide", "btn btn-link size-guide-toggle", "Size guide"},
            new String[] {"newsletter-signup", "btn btn-secondary newsletter__submit", "Subscribe"});

    /** The anonymised address the edge keeps (the /24). */
    private static final String IP = "198.51.100.0";

    private static final Comparator<Beacon> BY_SENT = Comparator.comparingLong(Beacon::sentAt);

    /** The shard every benchmark record comes from. */
    static final String SHARD = "shardId-000000000000";
    /** A 24 h tab's heartbeats: one every 30 s for 24 h. */
    static final int HEARTBEATS = 2_880;

    static final long HEARTBEAT_INTERVAL_MS = 30_000;
    /** The tracker's defaults (tracker/README.md): events per request, and how long a batch waits. */
    static final int BATCH_SIZE = 10;

    static final long FLUSH_INTERVAL_MS = 5_000;
    static final long HEARTBEAT_FLUSH_INTERVAL_MS = 120_000;
    /**
     * Per 30 s of a 24 h tab, the chance of a page view or click: about 10 % of the tab's requests carry one (printed
     * by the benchmark).
     */
    static final double TAB_INTERACTION_PER_BEAT = 0.025;

    static {
        for (String page : PAGES) {
            if (page.length() < 80 || page.length() > 120) {
                throw new IllegalStateException(page.length() + " characters: " + page);
            }
        }
        if (USER_AGENT.length() != 111) {
            throw new IllegalStateException("user agent of " + USER_AGENT.length() + " characters");
        }
    }

    private ReplayTraffic() {}

    /** One beacon: the events of one session from one request (one stream record). */
    record Beacon(String sessionId, long sentAt, List<Event> events) {}

    /** 128 random bits as 32 hex digits: the tracker's {@code id()}. */
    static String hexId(Random random) {
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }

    /** An anonymous user id as the tracker mints it. */
    static String userId(Random random) {
        return "anon-" + hexId(random);
    }

    static List<Beacon> beacons(long seed, int sessions, long baseTime) {
        Random random = new Random(seed);
        List<Beacon> beacons = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            beacons.addAll(session(random, hexId(random), userId(random), baseTime, 600_000));
        }
        beacons.sort(BY_SENT);
        return beacons;
    }

    /**
     * Issue 13's heartbeat mix: one session in ten a tab visible for 24 h, the other nine the short sessions of
     * {@link #beacons}, their starts spread over the same 24 h.
     *
     * <p>The tab beats every 30 s ({@link #HEARTBEATS}); about 2.5 % of the 30-second slots also hold a page view (an
     * in-page navigation) or a click. Its requests are what the tracker sends ({@link #send}): a batch of nothing but
     * heartbeats waits {@code heartbeatWaitMs} (the tracker's {@code heartbeatFlushInterval}: 120 s, so four beats a
     * request), anything else goes within 5 s and takes the waiting beats along. {@code heartbeatWaitMs} =
     * {@link #FLUSH_INTERVAL_MS} gives one beat a request: other clients, and the tracker before that change.
     */
    static List<Beacon> heartbeatMix(long seed, int tabs, long baseTime, long heartbeatWaitMs) {
        Random random = new Random(seed);
        List<Beacon> beacons = new ArrayList<>();
        for (int t = 0; t < tabs; t++) {
            String sessionId = hexId(random);
            List<Event> events = tab(random, sessionId, userId(random), baseTime + random.nextInt(60_000));
            beacons.addAll(send(sessionId, events, heartbeatWaitMs));
            for (int s = 0; s < 9; s++) {
                beacons.addAll(session(random, hexId(random), userId(random), baseTime, 86_400_000));
            }
        }
        beacons.sort(BY_SENT);
        return beacons;
    }

    /**
     * A tab visible for 24 h: a page view on load, a heartbeat every 30 s (on the page shown), and in about
     * {@link #TAB_INTERACTION_PER_BEAT} of the 30-second slots a page view (in-page navigation: the previous page is
     * the referrer) or a click.
     */
    static List<Event> tab(Random random, String sessionId, String userId, long start) {
        List<Event> events = new ArrayList<>();
        String page = PAGES.get(random.nextInt(PAGES.size()));
        events.add(pageView(random, userId, sessionId, start, page, entryReferrer(random)));
        for (int i = 1; i < HEARTBEATS; i++) {
            long beat = start + i * HEARTBEAT_INTERVAL_MS;
            if (random.nextDouble() < TAB_INTERACTION_PER_BEAT) {
                long at = beat - HEARTBEAT_INTERVAL_MS + 1 + random.nextInt((int) HEARTBEAT_INTERVAL_MS - 1);
                if (random.nextBoolean()) {
                    String next = otherPage(random, page);
                    events.add(pageView(random, userId, sessionId, at, next, page));
                    page = next;
                } else {
                    events.add(click(random, userId, sessionId, at, page));
                }
            }
            events.add(plain(random, userId, sessionId, "heartbeat", beat, page, Map.of()));
        }
        return events;
    }

    /**
     * The requests the tracker makes for one tab's events (in time order), as its queue does: a full batch
     * ({@link #BATCH_SIZE}) goes at once; else the queue is sent when its deadline comes, {@code heartbeatWaitMs}
     * after an event if the queue holds nothing but heartbeats, {@link #FLUSH_INTERVAL_MS} otherwise, the earlier
     * deadline winning. Every request is answered at once; each is one stream record, received 100 ms after it is
     * sent (the events' {@code received_at}).
     */
    static List<Beacon> send(String sessionId, List<Event> events, long heartbeatWaitMs) {
        List<Beacon> beacons = new ArrayList<>();
        Deque<Event> queue = new ArrayDeque<>();
        long due = Long.MAX_VALUE;
        for (Event event : events) {
            while (!queue.isEmpty() && due <= event.timestamp()) {
                due = flush(sessionId, queue, due, heartbeatWaitMs, beacons);
            }
            queue.add(event);
            if (queue.size() >= BATCH_SIZE) {
                due = flush(sessionId, queue, event.timestamp(), heartbeatWaitMs, beacons);
            } else {
                due = Math.min(due, event.timestamp() + wait(queue, heartbeatWaitMs));
            }
        }
        while (!queue.isEmpty()) {
            due = flush(sessionId, queue, due, heartbeatWaitMs, beacons);
        }
        return beacons;
    }

    /** Sends the first {@link #BATCH_SIZE} queued events at {@code at}; returns the next deadline. */
    private static long flush(String sessionId, Deque<Event> queue, long at, long heartbeatWaitMs, List<Beacon> out) {
        List<Event> batch = new ArrayList<>();
        while (!queue.isEmpty() && batch.size() < BATCH_SIZE) {
            batch.add(received(queue.poll(), at + 100));
        }
        out.add(new Beacon(sessionId, at + 100, List.copyOf(batch)));
        if (queue.isEmpty()) {
            return Long.MAX_VALUE;
        }
        return queue.size() >= BATCH_SIZE ? at : at + wait(queue, heartbeatWaitMs);
    }

    private static long wait(Deque<Event> queue, long heartbeatWaitMs) {
        return queue.stream().allMatch(e -> e.eventType().equals("heartbeat")) ? heartbeatWaitMs : FLUSH_INTERVAL_MS;
    }

    /**
     * {@code count} events 30 s apart from {@code start}, what a visible tab sends: a page view every 10th (the first
     * included: a search engine or no referrer; then the previous page), heartbeats between, on the page last viewed.
     * Ids are drawn from {@code random}.
     */
    static List<Event> heartbeats(Random random, String userId, String sessionId, long start, int count) {
        return heartbeats(random, userId, sessionId, start, count, HEARTBEAT_INTERVAL_MS);
    }

    /** The same, {@code intervalMs} apart. */
    static List<Event> heartbeats(
            Random random, String userId, String sessionId, long start, int count, long intervalMs) {
        List<Event> events = new ArrayList<>(count);
        String page = null;
        for (int i = 0; i < count; i++) {
            long time = start + i * intervalMs;
            if (i % 10 == 0) {
                String next = PAGES.get(i / 10 % PAGES.size());
                events.add(pageView(random, userId, sessionId, time, next, page == null ? REFERRERS.get(0) : page));
                page = next;
            } else {
                events.add(plain(random, userId, sessionId, "heartbeat", time, page, Map.of()));
            }
        }
        return events;
    }

    /** A session of 5-15 events starting within {@code spreadMs} of {@code baseTime}, sent as 1-3 beacons. */
    private static List<Beacon> session(Random random, String sessionId, String userId, long baseTime, int spreadMs) {
        int count = 5 + random.nextInt(11);
        long time = baseTime + random.nextInt(spreadMs);
        List<Event> events = new ArrayList<>();
        String page = null;
        for (int i = 0; i < count; i++) {
            time += 2_000 + random.nextInt(60_000);
            if (i == 0 || random.nextDouble() < 0.45) {
                String next = page == null ? PAGES.get(random.nextInt(PAGES.size())) : otherPage(random, page);
                events.add(
                        pageView(random, userId, sessionId, time, next, page == null ? entryReferrer(random) : page));
                page = next;
            } else if (i % 3 == 0) {
                events.add(plain(
                        random,
                        userId,
                        sessionId,
                        "scroll_depth",
                        time,
                        page,
                        Map.of("depth", 25 * (1 + random.nextInt(4)))));
            } else {
                events.add(click(random, userId, sessionId, time, page));
            }
        }
        List<Beacon> beacons = new ArrayList<>();
        int parts = 1 + random.nextInt(3);
        int from = 0;
        for (int p = 0; p < parts && from < events.size(); p++) {
            int to = p == parts - 1 ? events.size() : Math.min(events.size(), from + 1 + random.nextInt(6));
            List<Event> beacon = events.subList(from, to);
            long sentAt = beacon.get(beacon.size() - 1).timestamp() + 500;
            beacons.add(new Beacon(
                    sessionId,
                    sentAt,
                    beacon.stream().map(e -> received(e, sentAt)).toList()));
            from = to;
        }
        return beacons;
    }

    /**
     * One event of a short session (the throughput benchmark's traffic): {@code page_view} (a search engine or no
     * referrer), {@code click} or {@code scroll_depth}, on one of {@link #PAGES}.
     */
    static Event event(String userId, String sessionId, String type, long time, Random random) {
        String page = PAGES.get(random.nextInt(PAGES.size()));
        return switch (type) {
            case "page_view" -> pageView(random, userId, sessionId, time, page, entryReferrer(random));
            case "click" -> click(random, userId, sessionId, time, page);
            default -> plain(random, userId, sessionId, type, time, page, Map.of("depth", 50));
        };
    }

    private static Event pageView(
            Random random, String userId, String sessionId, long time, String page, String referrer) {
        return new Event(
                hexId(random),
                userId,
                sessionId,
                "page_view",
                time,
                page,
                referrer,
                USER_AGENT,
                Map.of(),
                null,
                null,
                null,
                null,
                time + 100,
                IP,
                false,
                false);
    }

    /** A click: half on a link to another page (its {@code href}), half on a button. */
    private static Event click(Random random, String userId, String sessionId, long time, String page) {
        if (random.nextBoolean()) {
            return new Event(
                    hexId(random),
                    userId,
                    sessionId,
                    "click",
                    time,
                    page,
                    null,
                    USER_AGENT,
                    Map.of("href", otherPage(random, page)),
                    "a",
                    null,
                    "product-card__link",
                    "Trail Runner GTX - Men's waterproof running shoe",
                    time + 100,
                    IP,
                    false,
                    false);
        }
        String[] button = BUTTONS.get(random.nextInt(BUTTONS.size()));
        return new Event(
                hexId(random),
                userId,
                sessionId,
                "click",
                time,
                page,
                null,
                USER_AGENT,
                Map.of(),
                "button",
                button[0],
                button[1],
                button[2],
                time + 100,
                IP,
                false,
                false);
    }

    private static Event plain(
            Random random,
            String userId,
            String sessionId,
            String type,
            long time,
            String page,
            Map<String, Object> properties) {
        return new Event(
                hexId(random),
                userId,
                sessionId,
                type,
                time,
                page,
                null,
                USER_AGENT,
                properties,
                null,
                null,
                null,
                null,
                time + 100,
                IP,
                false,
                false);
    }

    /** The same event as the edge stamps it when its request arrives at {@code at}. */
    private static Event received(Event e, long at) {
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
                e.elementTag(),
                e.elementId(),
                e.elementClass(),
                e.elementText(),
                at,
                e.ip(),
                e.isBot(),
                e.clockSkew());
    }

    private static String entryReferrer(Random random) {
        return random.nextDouble() < NO_REFERRER ? null : REFERRERS.get(random.nextInt(REFERRERS.size()));
    }

    private static String otherPage(Random random, String page) {
        String next = PAGES.get(random.nextInt(PAGES.size()));
        return next.equals(page) ? PAGES.get((PAGES.indexOf(page) + 1) % PAGES.size()) : next;
    }

    /**
     * Batches as a shard's KCL polls deliver live traffic: the records sent within each second (at most
     * {@code maxSize}). Records of one session are seconds apart, so each lands in a batch of its own, and every
     * batch is one write per session, as in production (unlike {@link #batches}, which packs minutes of this sparse
     * replay into one batch).
     */
    static List<List<Beacon>> batchesPerSecond(List<Beacon> beacons, int maxSize) {
        List<List<Beacon>> batches = new ArrayList<>();
        List<Beacon> current = new ArrayList<>();
        long second = Long.MIN_VALUE;
        for (Beacon beacon : beacons) {
            long at = Math.floorDiv(beacon.sentAt(), 1000L);
            if (!current.isEmpty() && (at != second || current.size() == maxSize)) {
                batches.add(current);
                current = new ArrayList<>();
            }
            second = at;
            current.add(beacon);
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /** Consecutive beacons grouped as KCL delivers them: {@code size} records per batch. */
    static List<List<Beacon>> batches(List<Beacon> beacons, int size) {
        List<List<Beacon>> batches = new ArrayList<>();
        for (int from = 0; from < beacons.size(); from += size) {
            batches.add(beacons.subList(from, Math.min(beacons.size(), from + size)));
        }
        return batches;
    }

    /** A batch's events by session, as the batch writer groups them. */
    static Map<String, List<Event>> bySession(List<Beacon> batch) {
        Map<String, List<Event>> sessions = new LinkedHashMap<>();
        for (Beacon beacon : batch) {
            sessions.computeIfAbsent(beacon.sessionId(), k -> new ArrayList<>()).addAll(beacon.events());
        }
        return sessions;
    }

    static List<Beacon> shuffled(List<Beacon> beacons, long seed) {
        List<Beacon> copy = new ArrayList<>(beacons);
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }
}
