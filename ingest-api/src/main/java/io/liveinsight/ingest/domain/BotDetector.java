package io.liveinsight.ingest.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** Flags crawlers, monitors and headless browsers by their user agent. */
public final class BotDetector {

    private static final Pattern BOT = Pattern.compile(
            "bot|crawl|spider|slurp|headless|lighthouse|pingdom|uptime|monitor|curl/|wget/|python-requests"
                    + "|go-http-client|okhttp|java/|apache-httpclient|facebookexternalhit|preview|scrapy|phantomjs");

    private BotDetector() {}

    public static boolean isBot(String userAgent) {
        return userAgent == null
                || userAgent.isBlank()
                || BOT.matcher(userAgent.toLowerCase(Locale.ROOT)).find();
    }
}
