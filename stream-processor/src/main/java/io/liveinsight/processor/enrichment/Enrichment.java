package io.liveinsight.processor.enrichment;

import io.liveinsight.event.Event;
import io.liveinsight.event.traffic.Channel;
import io.liveinsight.event.traffic.PageKey;
import io.liveinsight.event.traffic.TrafficSource;
import io.liveinsight.processor.domain.SessionAggregate;
import io.liveinsight.processor.port.UserAgentParser;
import io.liveinsight.processor.port.UserAgentParser.Client;
import java.util.Locale;
import java.util.Objects;

/**
 * What the processor adds to an event before anything is stored (docs/contract/events.md#enrichment): where the visit
 * came from (event-model {@link TrafficSource}: source, channel and the {@code utm_*} campaign of the page URL) and
 * what it came with (the {@link UserAgentParser}'s browser, operating system and device class). Pure given the
 * parser; never fails, whatever the strings.
 *
 * @param source {@code google}, {@code direct}, {@code internal}, a referring host or a campaign's source; at most
 *     {@value #MAX_SOURCE} characters
 * @param utmSource the campaign's {@code utm_source}, lower case, at most 100 characters; null when absent
 * @param utmMedium the campaign's {@code utm_medium}, as {@code utmSource}
 * @param utmCampaign the campaign's {@code utm_campaign}, as {@code utmSource}
 * @param browser the parser's name, {@link Client#UNKNOWN}'s when unreadable
 * @param os the parser's name, {@link Client#UNKNOWN}'s when unreadable
 * @param device the parser's class, lower case, {@link Client#UNKNOWN}'s when unreadable
 */
public record Enrichment(
        String source,
        Channel channel,
        String utmSource,
        String utmMedium,
        String utmCampaign,
        String browser,
        String os,
        String device) {

    /** Longest source kept, in characters: a referring host can be any text a client sends. */
    public static final int MAX_SOURCE = 100;

    public Enrichment {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(browser, "browser");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(device, "device");
        source = cut(source, MAX_SOURCE);
    }

    /** An event's enrichment: its own referrer, page URL and user agent. */
    public static Enrichment of(Event event, UserAgentParser parser) {
        return of(event.referrer(), event.pageUrl(), event.userAgent(), parser);
    }

    /**
     * A session segment's first touch: the referrer and user agent of its first event (what the aggregate keeps) and
     * its entry page (the first page view's URL, which carries the campaign).
     */
    public static Enrichment firstTouch(SessionAggregate segment, UserAgentParser parser) {
        String entryPage =
                segment.entryPage() == null ? null : segment.entryPage().value();
        return of(segment.referrer(), entryPage, segment.userAgent(), parser);
    }

    /** Any of the three may be null or garbage. */
    public static Enrichment of(String referrer, String pageUrl, String userAgent, UserAgentParser parser) {
        TrafficSource traffic = TrafficSource.of(referrer, pageUrl);
        // The port promises never to answer null; a parser that breaks it costs the names, not the event.
        Client client = Objects.requireNonNullElse(parser.parse(userAgent), Client.UNKNOWN);
        return new Enrichment(
                traffic.source(),
                traffic.channel(),
                traffic.campaign().source(),
                traffic.campaign().medium(),
                traffic.campaign().name(),
                Objects.requireNonNullElse(client.browser(), Client.UNKNOWN.browser()),
                Objects.requireNonNullElse(client.os(), Client.UNKNOWN.os()),
                Objects.requireNonNullElse(client.device(), Client.UNKNOWN.device()));
    }

    /** The page key rollups count a page under: {@link PageKey#of} (host and path, {@code (none)} for null). */
    public static String pageKey(String pageUrl) {
        return PageKey.of(pageUrl);
    }

    /** The channel as items and rollups name it: {@code organic_search}, {@code direct}... */
    public String channelName() {
        return channel.name().toLowerCase(Locale.ROOT);
    }

    public boolean browserKnown() {
        return !browser.equals(Client.UNKNOWN.browser());
    }

    public boolean osKnown() {
        return !os.equals(Client.UNKNOWN.os());
    }

    public boolean deviceKnown() {
        return !device.equals(Client.UNKNOWN.device());
    }

    private static String cut(String value, int max) {
        int length = value.codePointCount(0, value.length());
        return length <= max ? value : value.substring(0, value.offsetByCodePoints(0, max));
    }
}
