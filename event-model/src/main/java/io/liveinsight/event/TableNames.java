package io.liveinsight.event;

import java.util.Objects;

/**
 * Names of the three LiveInsight tables for one stage prefix ({@code LiveInsight} by default,
 * docs/contract/tables.md#names).
 */
public record TableNames(String events, String sessions, String activeSessions) {

    public static final String DEFAULT_PREFIX = "LiveInsight";

    public TableNames {
        Objects.requireNonNull(events);
        Objects.requireNonNull(sessions);
        Objects.requireNonNull(activeSessions);
    }

    public static TableNames withPrefix(String prefix) {
        return new TableNames(prefix + "-Events", prefix + "-Sessions", prefix + "-ActiveSessions");
    }

    public static TableNames defaults() {
        return withPrefix(DEFAULT_PREFIX);
    }
}
