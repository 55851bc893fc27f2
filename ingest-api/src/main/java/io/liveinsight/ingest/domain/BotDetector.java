package io.liveinsight.ingest.domain;

import java.util.List;
import java.util.Locale;

/**
 * Flags crawlers, monitors, headless browsers and HTTP libraries by their user agent (a missing one counts as a
 * bot). Plain substring search over the lower-cased agent: several times faster than one alternation regex.
 */
public final class BotDetector {

    static final List<String> PATTERNS = List.of(
            "bot",
            "crawl",
            "spider",
            "slurp",
            "headless",
            "lighthouse",
            "pingdom",
            "uptime",
            "monitor",
            "curl/",
            "wget/",
            "python-requests",
            "go-http-client",
            "okhttp",
            "java/",
            "apache-httpclient",
            "facebookexternalhit",
            "preview",
            "scrapy",
            "phantomjs");

    private BotDetector() {}

    public static boolean isBot(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        String agent = userAgent.toLowerCase(Locale.ROOT);
        for (String pattern : PATTERNS) {
            if (agent.contains(pattern)) {
                return true;
            }
        }
        return false;
    }
}
