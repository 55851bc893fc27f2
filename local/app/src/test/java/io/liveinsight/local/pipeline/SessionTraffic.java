package io.liveinsight.local.pipeline;

import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded, realistic traffic for one test: sessions of 1-20 events (a few with gaps over 30 minutes, some of them
 * bridged by an event sent late), each session's events shuffled and packed 1-6 to a stream record as the edge packs a
 * beacon, some records sent twice (producer retries), some events resent inside another record (client resends),
 * and all records in a shuffled order. Every event id and session id starts with the traffic's prefix.
 *
 * @param prefix what every session id and event id of this traffic starts with
 * @param events the distinct events (what the tables must show)
 * @param records the stream records in the order they are put, duplicates included
 */
record SessionTraffic(String prefix, List<Event> events, List<StreamRecords.Entry> records) {

    private static final EventCodec CODEC = new EventCodec();
    private static final List<String> PAGES = List.of(
            "https://shop.example/",
            "https://shop.example/c/shoes",
            "https://shop.example/p/42",
            "https://shop.example/cart",
            "https://shop.example/checkout",
            "https://shop.example/blog");
    private static final long MINUTE = 60_000L;

    /**
     * @param baseTime event times start here and run forward up to a few hours; tests use a recent time, so that
     *     ActiveSessions items are not yet expired (DynamoDB Local deletes expired items within seconds)
     */
    static SessionTraffic generate(long seed, String prefix, int sessions, long baseTime) {
        Random random = new Random(seed);
        List<Event> distinct = new ArrayList<>();
        List<StreamRecords.Entry> records = new ArrayList<>();
        List<StreamRecords.Entry> late = new ArrayList<>();
        int[] eventNumber = {0};
        for (int s = 0; s < sessions; s++) {
            String sessionId = prefix + "-s" + s;
            String userId = prefix + "-u" + (s % Math.max(1, sessions * 2 / 3));
            boolean bot = random.nextDouble() < 0.05;
            String userAgent =
                    bot ? "Googlebot/2.1 (+http://www.google.com/bot.html)" : "Mozilla/5.0 (X11) Firefox/140.0";
            int count = 1 + random.nextInt(20);
            long time = baseTime + random.nextInt(10 * 60_000);
            List<Event> body = new ArrayList<>();
            List<Event> bridges = new ArrayList<>();
            String previousPage = null;
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    double roll = random.nextDouble();
                    if (roll < 0.04) {
                        // A gap the tracker would have rotated the session on, that stays a gap: 61-90 minutes.
                        time += (61 + random.nextInt(30)) * MINUTE;
                    } else if (roll < 0.10) {
                        // 31-58 minutes: a split, closed again by an event in the middle that is sent last.
                        long gap = (31 + random.nextInt(28)) * MINUTE;
                        String page = PAGES.get(random.nextInt(PAGES.size()));
                        bridges.add(event(
                                prefix,
                                eventNumber,
                                sessionId,
                                userId,
                                "page_view",
                                time + gap / 2,
                                page,
                                previousPage,
                                userAgent,
                                bot,
                                random));
                        time += gap;
                    } else {
                        time += 1_000 + random.nextInt(120_000);
                    }
                }
                String type = i == 0 ? "page_view" : type(random);
                String page = PAGES.get(random.nextInt(PAGES.size()));
                String referrer = i == 0 ? "https://search.example/?q=" + s : previousPage;
                body.add(event(
                        prefix, eventNumber, sessionId, userId, type, time, page, referrer, userAgent, bot, random));
                if (type.equals("page_view")) {
                    previousPage = page;
                }
            }
            distinct.addAll(body);
            distinct.addAll(bridges);

            List<Event> shuffled = new ArrayList<>(body);
            Collections.shuffle(shuffled, random);
            List<List<Event>> beacons = new ArrayList<>();
            for (int from = 0; from < shuffled.size(); ) {
                int size = 1 + random.nextInt(6);
                beacons.add(new ArrayList<>(shuffled.subList(from, Math.min(shuffled.size(), from + size))));
                from += size;
            }
            if (beacons.size() > 1 && random.nextDouble() < 0.15) {
                // A client resend: an event of one beacon again in another one, received again later.
                Event resent = beacons.get(0).get(0);
                beacons.get(beacons.size() - 1).add(receivedAgain(resent));
            }
            for (List<Event> beacon : beacons) {
                StreamRecords.Entry entry = new StreamRecords.Entry(sessionId, CODEC.encode(beacon));
                records.add(entry);
                if (random.nextDouble() < 0.10) {
                    records.add(entry); // a producer retry: the same record twice
                }
            }
            if (!bridges.isEmpty()) {
                late.add(new StreamRecords.Entry(sessionId, CODEC.encode(bridges)));
            }
        }
        Collections.shuffle(records, random);
        Collections.shuffle(late, random);
        records.addAll(late);
        return new SessionTraffic(prefix, List.copyOf(distinct), List.copyOf(records));
    }

    /** The events grouped by session id, in generation order. */
    Map<String, List<Event>> bySession() {
        Map<String, List<Event>> sessions = new LinkedHashMap<>();
        events.forEach(e ->
                sessions.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(e));
        return sessions;
    }

    private static String type(Random random) {
        double roll = random.nextDouble();
        if (roll < 0.45) {
            return "page_view";
        }
        if (roll < 0.75) {
            return "click";
        }
        return roll < 0.90 ? "scroll" : "add_to_cart";
    }

    private static Event event(
            String prefix,
            int[] number,
            String sessionId,
            String userId,
            String type,
            long time,
            String page,
            String referrer,
            String userAgent,
            boolean bot,
            Random random) {
        boolean click = type.equals("click");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("n", random.nextInt(1000));
        properties.put("consent", random.nextBoolean());
        return new Event(
                prefix + "-e" + number[0]++,
                userId,
                sessionId,
                type,
                time,
                page,
                referrer,
                userAgent,
                properties,
                click ? "button" : null,
                click ? "buy-" + random.nextInt(9) : null,
                click ? "btn primary" : null,
                click ? "Add to cart" : null,
                time + 40 + random.nextInt(500),
                "198.51.100.0",
                bot,
                false);
    }

    private static Event receivedAgain(Event e) {
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
                e.receivedAt() + 15_000,
                e.ip(),
                e.isBot(),
                e.clockSkew());
    }
}
