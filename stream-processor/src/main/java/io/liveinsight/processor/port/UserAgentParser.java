package io.liveinsight.processor.port;

/**
 * Reads a user agent: browser, operating system, device class (docs/contract/events.md#enrichment). Implementations
 * are thread-safe and never throw: an unreadable or missing user agent gives {@link Client#UNKNOWN}.
 */
public interface UserAgentParser {

    Client parse(String userAgent);

    /**
     * @param browser the browser's name ({@code Chrome}, {@code Safari}...), {@code Unknown} when unreadable
     * @param os the operating system's name ({@code Windows}, {@code iOS}...), {@code Unknown} when unreadable
     * @param device the device class, lower case ({@code desktop}, {@code phone}, {@code tablet}, {@code robot}...),
     *     {@code unknown} when unreadable
     */
    record Client(String browser, String os, String device) {
        public static final Client UNKNOWN = new Client("Unknown", "Unknown", "unknown");
    }
}
