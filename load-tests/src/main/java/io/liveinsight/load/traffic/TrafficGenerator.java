package io.liveinsight.load.traffic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded, reproducible website traffic: visits of varying length over Zipf-popular pages, clicks, custom events with
 * properties, a share of crawler sessions and a few broken requests. Pure: the same settings give the same lines.
 */
public final class TrafficGenerator {

    static final String SITE = "https://shop.example.com";
    static final List<String> BROWSERS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0");
    static final List<String> BOTS = List.of(
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0 Safari/537.36");
    static final List<String> REFERRERS =
            List.of("", "", "https://www.google.com/", "https://news.ycombinator.com/", "https://t.co/x");
    static final List<String> CUSTOM = List.of("add_to_cart", "search", "signup", "video_play");
    static final List<String> MALFORMED = List.of(
            "{\"events\":[{\"session_id\":\"broken\",\"page_url\":\"/a\"", // truncated JSON
            "[{\"event_type\":\"Not A Type\",\"session_id\":\"broken\"}]", // no valid event
            "{\"event_type\":42,\"timestamp\":\"yesterday\"}", // wrong types
            "not json at all");

    private TrafficGenerator() {}

    public static List<RecordedLine> generate(GeneratorSettings settings) {
        Random random = new Random(settings.seed());
        Zipf pages = new Zipf(settings.pages(), settings.zipfExponent());
        List<RecordedLine> lines = new ArrayList<>();
        long eventCounter = 0;
        for (int s = 0; s < settings.sessions(); s++) {
            boolean bot = random.nextDouble() < settings.botShare();
            String sessionId = "s-" + settings.seed() + "-" + s;
            String userId = "u-" + settings.seed() + "-" + random.nextInt(Math.max(1, settings.sessions() * 3 / 4));
            String agent = bot ? pick(random, BOTS) : pick(random, BROWSERS);
            int count = bot ? 5 + random.nextInt(20) : geometric(random, settings.meanEventsPerSession());
            long at = (long) (random.nextDouble() * settings.durationMs());
            String page = SITE + pagePath(pages.sample(random));
            for (int i = 0; i < count; i++) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("event_id", "e-" + settings.seed() + "-" + eventCounter++);
                event.put("user_id", userId);
                event.put("session_id", sessionId);
                event.put("timestamp", settings.startEpochMs() + at);
                event.put("user_agent", agent);
                double kind = random.nextDouble();
                if (i == 0 || bot || kind < 0.55) {
                    if (i > 0) {
                        page = SITE + pagePath(pages.sample(random));
                    }
                    event.put("event_type", "page_view");
                    event.put("page_url", page);
                    if (i == 0) {
                        String referrer = pick(random, REFERRERS);
                        if (!referrer.isEmpty()) {
                            event.put("referrer", referrer);
                        }
                    }
                } else if (kind < 0.85) {
                    event.put("event_type", "click");
                    event.put("page_url", page);
                    event.put("element_tag", random.nextBoolean() ? "button" : "a");
                    event.put("element_id", "el-" + random.nextInt(30));
                    event.put("element_class", "btn btn-primary");
                    event.put("element_text", random.nextBoolean() ? "Add to cart" : "Read more");
                } else {
                    String type = pick(random, CUSTOM);
                    event.put("event_type", type);
                    event.put("page_url", page);
                    event.put("properties", properties(random, type));
                }
                lines.add(RecordedLine.event(at, event));
                long gap = bot ? 200 + random.nextInt(1500) : exponential(random, settings.meanGapMs());
                at += Math.min(GeneratorSettings.MAX_GAP_MS, gap);
            }
        }
        int malformed = (int) Math.round(lines.size() * settings.malformedShare());
        for (int m = 0; m < malformed; m++) {
            lines.add(RecordedLine.malformed(
                    (long) (random.nextDouble() * settings.durationMs()), MALFORMED.get(m % MALFORMED.size())));
        }
        // Stable sort: a session's events keep their order when two share a millisecond.
        lines.sort(Comparator.comparingLong(RecordedLine::atMs));
        return lines;
    }

    static String pagePath(int rank) {
        return rank == 1 ? "/" : "/p/" + rank;
    }

    private static Map<String, Object> properties(Random random, String type) {
        Map<String, Object> properties = new LinkedHashMap<>();
        switch (type) {
            case "add_to_cart" -> {
                properties.put("sku", "SKU-" + random.nextInt(500));
                properties.put("price", Math.round(random.nextDouble() * 20_000) / 100.0);
                properties.put("quantity", 1 + random.nextInt(3));
            }
            case "search" -> {
                properties.put("query", "item " + random.nextInt(100));
                properties.put("results", random.nextInt(50));
            }
            case "signup" -> properties.put("plan", random.nextBoolean() ? "free" : "pro");
            default -> {
                properties.put("video_id", "v" + random.nextInt(40));
                properties.put("autoplay", random.nextBoolean());
            }
        }
        return properties;
    }

    private static int geometric(Random random, double mean) {
        double p = 1 / mean;
        int n = 1 + (int) Math.floor(Math.log(1 - random.nextDouble()) / Math.log(1 - p + 1e-12));
        return Math.max(1, Math.min(GeneratorSettings.MAX_EVENTS_PER_SESSION, n));
    }

    private static long exponential(Random random, long mean) {
        return (long) (-Math.log(1 - random.nextDouble()) * mean);
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
