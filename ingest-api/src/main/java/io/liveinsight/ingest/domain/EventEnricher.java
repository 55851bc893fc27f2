package io.liveinsight.ingest.domain;

import io.liveinsight.event.ClientEvent;
import io.liveinsight.event.Event;
import io.liveinsight.event.EventLimits;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns the valid events of one request into stored events: mints missing ids, defaults the type and user agent,
 * guards against client clock skew, and adds {@code received_at}, the anonymised {@code ip} and {@code is_bot}.
 * One instance per request. An event without a user id but with a session id gets the anonymous user derived from
 * that session, the same in every request (so a session keeps one user, and a resend mints nothing new); events
 * with neither share one minted anonymous user, and events without a session id share one minted session per user.
 */
final class EventEnricher {

    private final Ids ids;
    private final long receivedAt;
    private final String ip;
    private final String headerUserAgent;
    private String mintedUserId;
    private String lastUserAgent;
    private boolean lastIsBot;
    private final Map<String, String> mintedSessions = new HashMap<>(2);

    EventEnricher(Ids ids, long receivedAt, String ip, String headerUserAgent) {
        this.ids = ids;
        this.receivedAt = receivedAt;
        this.ip = ip;
        this.headerUserAgent = truncate(wellFormed(headerUserAgent), EventLimits.MAX_USER_AGENT_CHARS);
    }

    Event enrich(ClientEvent client) {
        String userId = client.userId() != null
                ? client.userId()
                : client.sessionId() != null ? ids.userIdForSession(client.sessionId()) : mintedUser();
        String sessionId = client.sessionId() != null
                ? client.sessionId()
                : mintedSessions.computeIfAbsent(userId, u -> ids.sessionId());
        String userAgent = client.userAgent() != null ? client.userAgent() : headerUserAgent;
        Long sent = client.timestamp();
        boolean skewed = sent != null && !withinWindow(sent);
        return new Event(
                client.eventId() != null ? client.eventId() : ids.eventId(),
                userId,
                sessionId,
                client.eventType() != null ? client.eventType() : Event.PAGE_VIEW,
                sent == null || skewed ? receivedAt : sent,
                client.pageUrl(),
                client.referrer(),
                userAgent,
                client.properties(),
                client.elementTag(),
                client.elementId(),
                client.elementClass(),
                client.elementText(),
                receivedAt,
                ip,
                isBot(userAgent),
                skewed);
    }

    /** The events of one request nearly always share one agent: classify it once. */
    private boolean isBot(String userAgent) {
        if (userAgent == null || !userAgent.equals(lastUserAgent)) {
            lastIsBot = BotDetector.isBot(userAgent);
            lastUserAgent = userAgent;
        }
        return lastIsBot;
    }

    private boolean withinWindow(long timestamp) {
        return timestamp >= receivedAt - EventLimits.MAX_CLOCK_BEHIND_MS
                && timestamp <= receivedAt + EventLimits.MAX_CLOCK_AHEAD_MS;
    }

    private String mintedUser() {
        if (mintedUserId == null) {
            mintedUserId = ids.userId();
        }
        return mintedUserId;
    }

    /** The header with any unpaired surrogate replaced by U+FFFD, so it can be encoded as UTF-8. */
    private static String wellFormed(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                if (out != null) {
                    out.append(c).append(value.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(value.length()).append(value, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? value : out.toString();
    }

    private static String truncate(String value, int maxCodePoints) {
        if (value == null || value.length() <= maxCodePoints) {
            return value;
        }
        if (value.codePointCount(0, value.length()) <= maxCodePoints) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, maxCodePoints));
    }
}
