package io.liveinsight.processor.domain.stats;

/**
 * What a visit's first event says about where it came from and what it ran on: traffic source and channel, campaign
 * ({@code utm_campaign}, null when none), browser, operating system and device class.
 */
public record Touch(String source, String channel, String campaign, String browser, String os, String device) {

    /** Reads a first touch from the strings an event carries; never throws (pure but for a parser's cache). */
    @FunctionalInterface
    public interface Reader {
        Touch read(String referrer, String pageUrl, String userAgent);
    }
}
