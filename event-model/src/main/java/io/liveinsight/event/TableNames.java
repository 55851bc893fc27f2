package io.liveinsight.event;

import io.liveinsight.event.contract.Defaults;
import io.liveinsight.event.contract.TableSchema;
import io.liveinsight.event.contract.Tables;
import java.util.Objects;

/**
 * Names of the five LiveInsight tables for one prefix ({@code LiveInsight} by default, a stage's prefix when
 * deployed; docs/contract/tables.md#names).
 */
public record TableNames(String events, String sessions, String activeSessions, String stats, String sites) {

    public static final String DEFAULT_PREFIX = Defaults.TABLE_PREFIX;

    public TableNames {
        Objects.requireNonNull(events);
        Objects.requireNonNull(sessions);
        Objects.requireNonNull(activeSessions);
        Objects.requireNonNull(stats);
        Objects.requireNonNull(sites);
    }

    public static TableNames withPrefix(String prefix) {
        return new TableNames(
                Tables.EVENTS.name(prefix),
                Tables.SESSIONS.name(prefix),
                Tables.ACTIVE_SESSIONS.name(prefix),
                Tables.STATS.name(prefix),
                Tables.SITES.name(prefix));
    }

    /** The name this set gives a table of the contract. */
    public String of(TableSchema table) {
        if (table.equals(Tables.EVENTS)) {
            return events;
        }
        if (table.equals(Tables.SESSIONS)) {
            return sessions;
        }
        if (table.equals(Tables.ACTIVE_SESSIONS)) {
            return activeSessions;
        }
        if (table.equals(Tables.STATS)) {
            return stats;
        }
        if (table.equals(Tables.SITES)) {
            return sites;
        }
        throw new IllegalArgumentException("not a table of the contract: " + table.suffix());
    }

    public static TableNames defaults() {
        return withPrefix(DEFAULT_PREFIX);
    }
}
