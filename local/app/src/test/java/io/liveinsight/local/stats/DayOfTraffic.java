package io.liveinsight.local.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A generated day of traffic, time-shifted into the last 24 hours before {@code now}, as the tracker would send it:
 * bounces, multi-page visits, conversions, a visit back after 45-90 minutes (two segments of one session id), visits
 * without a page view, one visit across an hour boundary, heartbeat tabs (four beats a request), bots, every kind of
 * referrer (search, social, other, internal, none, markup), {@code utm_*} campaigns and click ids, several devices
 * and browsers, and markup, astral characters and {@code ~ # |} in page URLs, referrers, campaigns and ids. Plus
 * visits in the last 100 minutes: some still active (last event 1-15 minutes before {@code now}), the others ended
 * over 35 minutes before it, so which are active does not change while the test runs. Deterministic for a seed and
 * {@code now}; every event time is unique.
 */
final class DayOfTraffic {

    static final long SECOND = 1_000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    /** The oldest event: the edge keeps client times up to 24 h old (docs/contract/events.md#clock-skew). */
    static final long OLDEST = 23 * HOUR + 40 * MINUTE;

    static final List<String> HUMAN_AGENTS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0"
                    + " Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                    + " Version/17.5 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0"
                    + " Mobile Safari/537.36",
            "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5"
                    + " Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5"
                    + " Safari/605.1.15");

    /** User agents the edge flags as bots (its patterns: "bot", "curl/"). */
    static final List<String> BOT_AGENTS =
            List.of("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "curl/8.5.0");

    static final List<String> REFERRERS = List.of(
            "",
            "",
            "https://www.google.com/search?q=running+shoes",
            "https://www.google.co.kr/",
            "https://m.facebook.com/story.php",
            "https://t.co/AbC123",
            "https://x.com/someone/status/1",
            "https://news.example.org/<script>alert('referrer')</script>",
            "https://blog.🦄.example/post?a=1",
            "https://shop.example/from-inside",
            "<img src=x onerror=alert('referrer')>",
            "https://www.bing.com/search?q=shop");

    static final List<String> LANDINGS = List.of(
            "https://shop.example/",
            "https://shop.example/",
            "https://www.shop.example/pricing?utm_source=newsletter&utm_medium=email"
                    + "&utm_campaign=Spring<script>alert('campaign')</script>",
            "https://shop.example/sale?utm_source=google&utm_medium=cpc&utm_campaign=🦄-launch~|x#top",
            "https://shop.example/sale?utm_source=Facebook&utm_medium=social&utm_campaign=%3Cb%3Ebold%3C%2Fb%3E",
            "https://shop.example/p/1?gclid=abc123",
            "https://shop.example/p/2?fbclid=zz9",
            "https://shop.example/search/<script>alert('page')</script>",
            "https://shop.example/🦄/~|/tab?x=1#frag~#|",
            "https://shop.example/blog/post-1",
            "https://shop.example/blog/post-2");

    static final List<String> PAGES = List.of(
            "https://shop.example/cart",
            "https://shop.example/checkout",
            "https://shop.example/p/1",
            "https://shop.example/p/2",
            "https://shop.example/p/3",
            "https://shop.example/p/🦄",
            "https://shop.example/search/<script>alert('page')</script>",
            "https://shop.example/help~#|faq");

    static final List<String> CONVERSIONS = List.of("purchase", "signup", "conversion");
    static final List<String> OTHER_TYPES = List.of("click", "scroll", "add_to_cart");

    /** One request to the edge: its events (1-20) and the user agent header it carries. */
    record Request(String userAgent, List<Sent> events) {}

    private final long now;
    private final Random random;
    private final List<Sent> events = new ArrayList<>();
    private final List<List<Sent>> visits = new ArrayList<>();
    /** Per client: its visit's requests in time order, some sent twice. */
    private final List<List<Request>> clients = new ArrayList<>();

    private final List<Request> lateResends = new ArrayList<>();
    private int nextEvent;
    private int nextSession;

    private DayOfTraffic(long seed, long now) {
        this.now = now;
        this.random = new Random(seed);
    }

    static DayOfTraffic generate(long seed, long now, int daySessions, int recentSessions) {
        DayOfTraffic traffic = new DayOfTraffic(seed, now);
        traffic.build(daySessions, recentSessions);
        return traffic;
    }

    long now() {
        return now;
    }

    /** The hour the visit across an hour boundary ends in (it starts 3 minutes before it). */
    long crossHour() {
        return Math.floorDiv(now - 10 * HOUR, HOUR) * HOUR;
    }

    /** Every distinct event sent (a resend is the same event). */
    List<Sent> events() {
        return Collections.unmodifiableList(events);
    }

    /** What each client sends, in its order; clients may send at the same time as each other. */
    List<List<Request>> clients() {
        return clients;
    }

    /** Requests a client sends again once everything else was sent (a retry after a lost answer). */
    List<Request> lateResends() {
        return lateResends;
    }

    private void build(int daySessions, int recentSessions) {
        for (int i = 0; i < daySessions; i++) {
            long start = now - OLDEST + (long) (random.nextDouble() * (OLDEST - 4 * HOUR));
            visit(start, i % 6, i % 9 == 0 ? hostileSession() : null, false, 3 * MINUTE);
        }
        for (int i = 0; i < daySessions / 15; i++) {
            long start = now - OLDEST + (long) (random.nextDouble() * (OLDEST - 4 * HOUR));
            visit(start, 1, null, true, 3 * MINUTE);
        }
        // across an hour boundary: 03:57 to 04:06 of an hour 10 hours back
        pages(newSession(), user(), 0, crossHour() - 3 * MINUTE, 4 * MINUTE, 4);
        // heartbeat tabs: one six hours back for 100 minutes, one still open (90 minutes ago to 2 minutes ago)
        heartbeatTab(now - 6 * HOUR, 100 * MINUTE);
        heartbeatTab(now - 90 * MINUTE, 88 * MINUTE);
        for (int i = 0; i < recentSessions; i++) {
            // active: 14-6 minutes ago, a few minutes long; ended: 100-60 minutes ago, at most 23 minutes long
            boolean active = i % 2 == 0;
            long start = active
                    ? now - 14 * MINUTE + (long) (random.nextDouble() * 8 * MINUTE)
                    : now - 100 * MINUTE + (long) (random.nextDouble() * 40 * MINUTE);
            visit(start, i % 4, i % 5 == 0 ? hostileSession() : null, false, active ? 20 * SECOND : 3 * MINUTE);
        }
        makeTimesUnique();
        splitIntoRequests();
    }

    /** A visit of a shape: 0 bounce, 1 pages, 2 conversion, 3 no page view, 4 back after a gap, 5 pages. */
    private void visit(long start, int shape, String sessionId, boolean bot, long maxGap) {
        String session = sessionId != null ? sessionId : newSession();
        String user = bot ? "crawler-" + random.nextInt(5) : user();
        String agent = bot ? pick(BOT_AGENTS) : pick(HUMAN_AGENTS);
        String referrer = pick(REFERRERS);
        List<Sent> visit = new ArrayList<>();
        long t = start;
        switch (shape) {
            case 0 -> visit.add(event(session, user, "page_view", pick(LANDINGS), referrer, agent, t, bot));
            case 3 -> visit.add(event(session, user, "click", pick(LANDINGS), referrer, agent, t, bot));
            default -> {
                visit.add(event(session, user, "page_view", pick(LANDINGS), referrer, agent, t, bot));
                int more = 1 + random.nextInt(shape == 4 ? 3 : 7);
                for (int i = 0; i < more; i++) {
                    t += 5 * SECOND + random.nextInt((int) maxGap);
                    String type = random.nextInt(3) == 0 ? pick(OTHER_TYPES) : "page_view";
                    visit.add(event(session, user, type, pick(PAGES), referrer, agent, t, bot));
                }
                if (shape == 2) {
                    t += 10 * SECOND + random.nextInt((int) Math.min(maxGap, MINUTE));
                    visit.add(event(session, user, pick(CONVERSIONS), PAGES.get(1), referrer, agent, t, bot));
                }
                if (shape == 4) {
                    // back 45-90 minutes later, same session id: a second segment
                    t += 45 * MINUTE + random.nextInt((int) (45 * MINUTE));
                    int back = 1 + random.nextInt(3);
                    for (int i = 0; i < back; i++) {
                        visit.add(event(session, user, "page_view", pick(PAGES), "", agent, t, bot));
                        t += 10 * SECOND + random.nextInt((int) MINUTE);
                    }
                }
            }
        }
        visits.add(visit);
    }

    private void pages(String session, String user, int agent, long start, long every, int count) {
        List<Sent> visit = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String page = i == 0 ? LANDINGS.get(3) : PAGES.get(i % PAGES.size());
            visit.add(event(
                    session,
                    user,
                    "page_view",
                    page,
                    REFERRERS.get(2),
                    HUMAN_AGENTS.get(agent),
                    start + i * every,
                    false));
        }
        visits.add(visit);
    }

    private void heartbeatTab(long start, long length) {
        String session = newSession();
        String user = user();
        String agent = HUMAN_AGENTS.get(0);
        List<Sent> visit = new ArrayList<>();
        visit.add(event(session, user, "page_view", LANDINGS.get(9), REFERRERS.get(4), agent, start, false));
        for (long t = start + 30 * SECOND; t < start + length; t += 30 * SECOND) {
            visit.add(event(session, user, "heartbeat", LANDINGS.get(9), REFERRERS.get(4), agent, t, false));
        }
        visits.add(visit);
    }

    private Sent event(
            String session, String user, String type, String page, String referrer, String agent, long t, boolean bot) {
        Sent sent = new Sent(
                "e2e-" + nextEvent++, session, user, type, page, referrer.isEmpty() ? null : referrer, agent, t, bot);
        events.add(sent);
        return sent;
    }

    private String newSession() {
        return "e2e-s-" + nextSession++;
    }

    /** Ids the contract allows: astral characters, markup, {@code ~ # |}, up to 128 code points. */
    private String hostileSession() {
        int n = nextSession++;
        return n % 2 == 0 ? "s-🦄~#|<script>alert(" + n + ")</script>" : "🦄".repeat(100) + "~#|" + n;
    }

    private String user() {
        int n = random.nextInt(180);
        return switch (n % 6) {
            case 0 -> "<b>user</b>-" + n;
            case 1 -> "🦄~#|user-" + n;
            default -> "user-" + n;
        };
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Events keep their order; equal times move a millisecond on, so "newest first" is never a tie. */
    private void makeTimesUnique() {
        Set<Long> taken = new HashSet<>();
        for (List<Sent> visit : visits) {
            for (int i = 0; i < visit.size(); i++) {
                Sent sent = visit.get(i);
                long t = sent.time();
                while (!taken.add(t)) {
                    t++;
                }
                if (t != sent.time()) {
                    Sent moved = sent.at(t);
                    visit.set(i, moved);
                    events.set(events.indexOf(sent), moved);
                }
            }
        }
    }

    /** Requests of 1-20 events in time order (heartbeats four a request), about one in ten sent twice. */
    private void splitIntoRequests() {
        for (List<Sent> visit : visits) {
            List<Request> requests = new ArrayList<>();
            boolean beats = visit.size() > 1 && visit.get(1).type().equals("heartbeat");
            int at = 0;
            while (at < visit.size()) {
                int size = beats ? (at == 0 ? 1 : 4) : 1 + random.nextInt(20);
                List<Sent> part = List.copyOf(visit.subList(at, Math.min(visit.size(), at + size)));
                Request request = new Request(part.get(0).userAgent(), part);
                requests.add(request);
                int dice = random.nextInt(20);
                if (dice == 0) {
                    requests.add(request); // resent at once: the answer was lost
                } else if (dice == 1) {
                    lateResends.add(request);
                }
                at += part.size();
            }
            clients.add(requests);
        }
    }
}
