package io.liveinsight.processor.domain;

import io.liveinsight.event.Event;
import io.liveinsight.event.SessionIds;
import io.liveinsight.event.site.SiteId;
import io.liveinsight.event.site.SiteScope;
import java.util.Objects;

/**
 * A client session of one site (docs/contract/sites.md#isolation): what the consumer groups a batch by, and the keys
 * its items are stored under. Two sites may send the same client session id; they are two sessions. {@link #value()}
 * is the stored key of segment 0 (the client's id as it is for the default site, {@code s~<site>~<id>} for another),
 * which is also what the edge puts in the record's partition key and the dead letters are keyed by.
 *
 * <p>Segment ids are derived from the client's id first and scoped after ({@link #segmentKey}): the derived id's
 * padding past 128 characters is what keeps it apart from every client id ({@link SessionIds}), and a scope in front
 * would eat into that margin.
 */
public record SessionKey(String site, String clientSessionId) {

    public SessionKey {
        SiteId.require(site);
        Objects.requireNonNull(clientSessionId, "clientSessionId");
    }

    /** The session of an event: its site (the default site when it names none) and its client session id. */
    public static SessionKey of(Event event) {
        return new SessionKey(event.siteOrDefault(), event.sessionId());
    }

    /** The session a stored key of segment 0 ({@link #value()}) names. */
    public static SessionKey parse(String key) {
        return new SessionKey(SiteScope.siteOf(key), SiteScope.clientId(key));
    }

    /** The stored key of segment 0: Sessions, ActiveSessions, Events' {@code session_id}, Kinesis, dead letters. */
    public String value() {
        return SiteScope.sessionKey(site, clientSessionId);
    }

    /** The stored key of segment {@code ordinal}: the client's derived id ({@link SessionIds}), scoped. */
    public String segmentKey(int ordinal) {
        return SiteScope.sessionKey(site, SessionIds.segmentId(clientSessionId, ordinal));
    }

    /** The stored form of one of this session's user ids. */
    public String userKey(String userId) {
        return SiteScope.userKey(site, userId);
    }
}
