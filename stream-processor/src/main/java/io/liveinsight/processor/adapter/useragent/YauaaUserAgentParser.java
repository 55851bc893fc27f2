package io.liveinsight.processor.adapter.useragent;

import io.liveinsight.event.EventLimits;
import io.liveinsight.processor.port.UserAgentParser;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user-agent parser on Yauaa (docs/contract/events.md#enrichment), built once per process: its rules load in
 * seconds and take tens of MB (stream-processor README, Benchmarks), so only the three fields read here are
 * loaded and the analyzer's test cases are dropped. Yauaa's own cache (Caffeine, {@value #CACHE_SIZE} user agents)
 * answers the repeats; a miss runs the analyzer, which serializes its parses. Thread-safe; never throws.
 *
 * <p>What Yauaa says is kept, cut to {@value #MAX_NAME} characters: {@code Hacker} for injection attempts and
 * garbage, {@code Robot} devices for crawlers and command-line clients. A missing or blank user agent is
 * {@link Client#UNKNOWN} (Yauaa would say {@code Hacker}); one longer than the contract allows
 * ({@value EventLimits#MAX_USER_AGENT_CHARS} characters) is what Yauaa makes of an over-long one.
 */
public final class YauaaUserAgentParser implements UserAgentParser {

    /** User agents remembered: a site's visitors share few of them; each entry is a few hundred bytes. */
    public static final int CACHE_SIZE = 10_000;
    /** Longest name kept, in characters: an unknown agent's name is read from the text the client sent. */
    public static final int MAX_NAME = 64;

    private static final Logger LOG = LoggerFactory.getLogger(YauaaUserAgentParser.class);

    private final UserAgentAnalyzer analyzer;
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    private YauaaUserAgentParser(UserAgentAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * The process's parser, built on the first call (seconds) and shared after: both doors, every pipeline and every
     * test of one JVM pay the start-up once.
     */
    public static YauaaUserAgentParser shared() {
        return Shared.PARSER;
    }

    /** A parser of its own, with the rules loaded now (seconds). */
    public static YauaaUserAgentParser create() {
        return create(CACHE_SIZE);
    }

    /** @param cacheSize user agents remembered, 0 for none (benchmarks measure a parse with it) */
    public static YauaaUserAgentParser create(int cacheSize) {
        var builder = UserAgentAnalyzer.newBuilder()
                .hideMatcherLoadStats()
                .withField(UserAgent.AGENT_NAME)
                .withField(UserAgent.OPERATING_SYSTEM_NAME)
                .withField(UserAgent.DEVICE_CLASS)
                .withUserAgentMaxLength(EventLimits.MAX_USER_AGENT_CHARS)
                .dropTests()
                .immediateInitialization();
        if (cacheSize > 0) {
            builder.withCache(cacheSize);
        } else {
            builder.withoutCache();
        }
        return new YauaaUserAgentParser(builder.build());
    }

    @Override
    public Client parse(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return Client.UNKNOWN;
        }
        try {
            UserAgent parsed = analyzer.parse(userAgent);
            return new Client(
                    name(parsed.getValue(UserAgent.AGENT_NAME), Client.UNKNOWN.browser()),
                    name(parsed.getValue(UserAgent.OPERATING_SYSTEM_NAME), Client.UNKNOWN.os()),
                    deviceClass(parsed.getValue(UserAgent.DEVICE_CLASS)));
        } catch (RuntimeException | StackOverflowError e) {
            // A parser bug must not cost the event: the names are unknown, the event is stored. Logged once, since
            // the same user agent would log it on every event.
            if (failureLogged.compareAndSet(false, true)) {
                LOG.warn("user agent not parsed, stored as unknown (logged once): {}", e.toString());
            }
            return Client.UNKNOWN;
        }
    }

    /** Built when first used (the holder idiom: thread-safe, once). */
    private static final class Shared {
        static final YauaaUserAgentParser PARSER = create();
    }

    /** {@code Robot Mobile} -> {@code robot_mobile}, {@code Set-top box} -> {@code set_top_box}. */
    static String deviceClass(String value) {
        String name = name(value, Client.UNKNOWN.device());
        return name.toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }

    private static String name(String value, String unknown) {
        if (value == null || value.isBlank()) {
            return unknown;
        }
        String name = value.strip();
        int length = name.codePointCount(0, name.length());
        return length <= MAX_NAME ? name : name.substring(0, name.offsetByCodePoints(0, MAX_NAME));
    }
}
