package io.liveinsight.processor.bench;

import io.liveinsight.event.Event;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Traffic as the tracker sends it, for the benchmarks: sessions of about 10 events (5-15), each sent as 1-3 beacons
 * (one stream record each), the beacons of many sessions interleaved in time order as they reach the stream.
 */
final class ReplayTraffic {

    private static final List<String> PAGES = List.of(
            "https://shop.example/",
            "https://shop.example/c/shoes",
            "https://shop.example/p/42",
            "https://shop.example/cart",
            "https://shop.example/checkout");

    private ReplayTraffic() {}

    /** One beacon: the events of one session from one request (one stream record). */
    record Beacon(String sessionId, long sentAt, List<Event> events) {}

    static List<Beacon> beacons(long seed, int sessions, long baseTime) {
        Random random = new Random(seed);
        List<Beacon> beacons = new ArrayList<>();
        int id = 0;
        for (int s = 0; s < sessions; s++) {
            String sessionId = "bench-" + seed + "-s" + s;
            String userId = "bench-u" + s;
            int count = 5 + random.nextInt(11);
            long time = baseTime + random.nextInt(600_000);
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                time += 2_000 + random.nextInt(60_000);
                String type = i == 0 || random.nextDouble() < 0.45 ? "page_view" : i % 3 == 0 ? "scroll" : "click";
                events.add(event("bench-" + seed + "-e" + id++, userId, sessionId, type, time, random));
            }
            int parts = 1 + random.nextInt(3);
            int from = 0;
            for (int p = 0; p < parts && from < events.size(); p++) {
                int to = p == parts - 1 ? events.size() : Math.min(events.size(), from + 1 + random.nextInt(6));
                List<Event> beacon = events.subList(from, to);
                beacons.add(
                        new Beacon(sessionId, beacon.get(beacon.size() - 1).timestamp() + 500, List.copyOf(beacon)));
                from = to;
            }
        }
        beacons.sort((a, b) -> Long.compare(a.sentAt(), b.sentAt()));
        return beacons;
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

    private static Event event(String id, String userId, String sessionId, String type, long time, Random random) {
        boolean click = type.equals("click");
        return new Event(
                id,
                userId,
                sessionId,
                type,
                time,
                PAGES.get(random.nextInt(PAGES.size())),
                "https://search.example/?q=shoes",
                "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
                Map.of("screen", "1920x1080", "lang", "en"),
                click ? "button" : null,
                click ? "add-to-cart" : null,
                click ? "btn primary" : null,
                click ? "Add to cart" : null,
                time + 120,
                "198.51.100.0",
                false,
                false);
    }
}
