package io.liveinsight.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One accepted behaviour event, as the edge puts it on the stream and the consumer stores it: every
 * identifier is present (minted by the edge where the client sent none) and the edge's enrichment
 * ({@code received_at}, anonymised {@code ip}, {@code is_bot}) is filled in. {@code replay_run} is set only on the
 * replay lane (docs/contract/replay.md#lane); {@code site} is the site the edge accepted it for
 * (docs/contract/sites.md#at-the-edge), null for the default site.
 *
 * <p>Field names on the wire are the snake_case names of docs/contract/events.md#fields ({@code event_id}, {@code
 * page_url}...).
 */
public record Event(
        String eventId,
        String userId,
        String sessionId,
        String eventType,
        long timestamp,
        String pageUrl,
        String referrer,
        String userAgent,
        Map<String, Object> properties,
        String elementTag,
        String elementId,
        String elementClass,
        String elementText,
        long receivedAt,
        String ip,
        boolean isBot,
        boolean clockSkew,
        String replayRun,
        String site) {

    public static final String PAGE_VIEW = "page_view";

    /** An event of the default site (no {@code site}: docs/contract/sites.md#site-ids). */
    public Event(
            String eventId,
            String userId,
            String sessionId,
            String eventType,
            long timestamp,
            String pageUrl,
            String referrer,
            String userAgent,
            Map<String, Object> properties,
            String elementTag,
            String elementId,
            String elementClass,
            String elementText,
            long receivedAt,
            String ip,
            boolean isBot,
            boolean clockSkew,
            String replayRun) {
        this(
                eventId,
                userId,
                sessionId,
                eventType,
                timestamp,
                pageUrl,
                referrer,
                userAgent,
                properties,
                elementTag,
                elementId,
                elementClass,
                elementText,
                receivedAt,
                ip,
                isBot,
                clockSkew,
                replayRun,
                null);
    }

    /** A live event (no replay run). */
    public Event(
            String eventId,
            String userId,
            String sessionId,
            String eventType,
            long timestamp,
            String pageUrl,
            String referrer,
            String userAgent,
            Map<String, Object> properties,
            String elementTag,
            String elementId,
            String elementClass,
            String elementText,
            long receivedAt,
            String ip,
            boolean isBot,
            boolean clockSkew) {
        this(
                eventId,
                userId,
                sessionId,
                eventType,
                timestamp,
                pageUrl,
                referrer,
                userAgent,
                properties,
                elementTag,
                elementId,
                elementClass,
                elementText,
                receivedAt,
                ip,
                isBot,
                clockSkew,
                null);
    }

    public Event {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(userId, "user_id");
        Objects.requireNonNull(sessionId, "session_id");
        Objects.requireNonNull(eventType, "event_type");
        // Property values may be null (docs/contract/events.md#properties allows it), so Map.copyOf is not an option.
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** The event's site: {@code site}, or the default site when it names none. */
    @JsonIgnore
    public String siteOrDefault() {
        return io.liveinsight.event.site.SiteId.orDefault(site);
    }

    /** The same event on {@code siteId} (the edge sets it: docs/contract/sites.md#at-the-edge). */
    public Event withSite(String siteId) {
        return new Event(
                eventId,
                userId,
                sessionId,
                eventType,
                timestamp,
                pageUrl,
                referrer,
                userAgent,
                properties,
                elementTag,
                elementId,
                elementClass,
                elementText,
                receivedAt,
                ip,
                isBot,
                clockSkew,
                replayRun,
                siteId);
    }

    /** True when the edge accepted this event on the replay lane (docs/contract/replay.md#lane). */
    @JsonIgnore
    public boolean isReplay() {
        return replayRun != null;
    }

    @JsonIgnore
    public boolean isPageView() {
        return PAGE_VIEW.equals(eventType);
    }
}
