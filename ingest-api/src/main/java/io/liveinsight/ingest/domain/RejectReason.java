package io.liveinsight.ingest.domain;

/** Why events were not accepted: the {@code Reason} dimension of the {@code EventsRejected} metric. */
public enum RejectReason {
    /** An event broke a field rule (the response lists which). */
    INVALID_FIELD("invalid_field"),
    /** An array item that is not a JSON object. */
    NOT_AN_OBJECT("not_an_object"),
    /** One event over 32 KiB. */
    EVENT_TOO_LARGE("event_too_large"),
    /** The body is not JSON (or not gzip/base64 where it claims to be); counted per request. */
    MALFORMED_BODY("malformed_body"),
    /** No event in the body; counted per request. */
    NO_EVENTS("no_events"),
    /** Body over 1 MiB after decompression; counted per request. */
    BODY_TOO_LARGE("body_too_large"),
    /** More than 500 events; counted per request. */
    TOO_MANY_EVENTS("too_many_events"),
    /** A content type or encoding the edge does not read; counted per request. */
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type"),
    /**
     * A browser request from an origin outside the CORS allowlist and every site's hostnames (refused unread), or a
     * write key from an origin that is not one of its site's hostnames; counted per request.
     */
    ORIGIN_NOT_ALLOWED("origin_not_allowed"),
    /** No site key and no default site on this edge (docs/contract/sites.md#at-the-edge); counted per request. */
    SITE_KEY_MISSING("site_key_missing"),
    /** A key no site has (a rotated one included), or a key of the wrong kind; counted per request. */
    SITE_KEY_UNKNOWN("site_key_unknown"),
    /** The key's site is disabled; counted per request. */
    SITE_DISABLED("site_disabled"),
    /** A write key without {@code Origin}: an event whose {@code page_url} host is not one of the site's. */
    HOST_NOT_ALLOWED("host_not_allowed"),
    /** The registry did not answer and the edge had nothing cached for the request; counted per request. */
    SITE_REGISTRY_UNAVAILABLE("site_registry_unavailable"),
    /** An anonymised client address had no room (docs/contract/sites.md#limits); counted per event. */
    RATE_LIMITED_CLIENT("rate_limited_client"),
    /** A session had no room; counted per event. */
    RATE_LIMITED_SESSION("rate_limited_session"),
    /** The site's shared budget had no room; counted per event. */
    RATE_LIMITED_SITE("rate_limited_site"),
    /** The deployment's ceiling had no room; counted per event. */
    RATE_LIMITED_DEPLOYMENT("rate_limited_deployment"),
    /** A replay request to a deployment whose replay lane is off; counted per request, nothing is read. */
    REPLAY_LANE_OFF("replay_lane_off"),
    /** A replay request without the replay key, or with another; counted per request, nothing is read. */
    REPLAY_KEY_REFUSED("replay_key_refused"),
    /** A replay request whose run id breaks the run rules; counted per request, nothing is read. */
    REPLAY_RUN_INVALID("replay_run_invalid"),
    /** A replay key without a run id (a replay tool that forgot its run); counted per request, nothing is read. */
    REPLAY_RUN_MISSING("replay_run_missing"),
    /** Valid events Kinesis kept refusing; the client resends them after Retry-After. */
    STREAM_UNAVAILABLE("stream_unavailable");

    private final String dimension;

    RejectReason(String dimension) {
        this.dimension = dimension;
    }

    public String dimension() {
        return dimension;
    }
}
