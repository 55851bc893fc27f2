package io.liveinsight.event;

/** The limits of the ingest contract (docs/contract/events.md#limits), in one place for the edge and the consumer. */
public final class EventLimits {

    /** A request body, after decompression. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    public static final int MAX_EVENTS_PER_REQUEST = 500;

    /** One event as the client sent it (its JSON object, in bytes). */
    public static final int MAX_EVENT_BYTES = 32 * 1024;

    public static final int MAX_EVENT_ID_CHARS = 64;
    public static final int MAX_USER_ID_CHARS = 128;
    public static final int MAX_SESSION_ID_CHARS = 128;
    public static final int MAX_EVENT_TYPE_CHARS = 64;
    public static final int MAX_URL_CHARS = 2048;
    public static final int MAX_USER_AGENT_CHARS = 512;
    public static final int MAX_ELEMENT_CHARS = 256;
    public static final int MAX_ELEMENT_TEXT_CHARS = 100;

    public static final int MAX_PROPERTIES = 50;
    public static final int MAX_PROPERTY_KEY_CHARS = 64;
    public static final int MAX_PROPERTY_STRING_CHARS = 1024;

    /** A client timestamp is kept when it is at most this far before the receive time... */
    public static final long MAX_CLOCK_BEHIND_MS = 24 * 3_600_000L;

    /** ...or at most this far after it; otherwise it is replaced by the receive time and flagged. */
    public static final long MAX_CLOCK_AHEAD_MS = 5 * 60_000L;

    private EventLimits() {}
}
